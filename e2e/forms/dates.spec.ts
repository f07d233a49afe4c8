import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { PAYMENT_LABELS as P } from '@/app/admin/guarantees/[number]/payment/labels';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { COMMON_LABELS as C, ORDERER_LABELS as OL } from '@/app/admin/labels';
import { PREMIUM_RATE_LABELS as PR } from '@/app/admin/premium-rates/labels';
import { APPLICATION_LABELS as A } from '@/app/contractor/applications/labels';
import { currentTerm } from '@/demo/term-dates';
import { DATE_INPUT_MESSAGES as M } from '@/lib/date-input-messages';
import { dateInputMessage, formatSlashDate, parseDateInput } from '@/lib/date-input';
import { todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { checkA11y, expect, shots, signIn, signedInPage, test } from '../fixtures';
import { field, fillApplication, ownGuarantee } from '../guarantees';

/**
 * Date fields take dates as people write them (2026/4/1, 令和8年4月1日, R8.4.1, 全角), in any browser
 * language, with the browser's calendar one button away; the server reads them as the browser does.
 * Paired fields (自/至) stay aligned whatever their messages, at 1280 px and on a 390 px phone.
 */

const F = A.fields;
const SHOTS = 'screenshots/dates';

/** The message at the field for a date typed as `typed` (the lib's own reading: unit-tested in tests/unit/date-input.test.ts). */
function refusal(label: string, typed: string): string {
  const read = parseDateInput(typed);
  if (read.ok) throw new Error(`${typed} reads as ${read.iso}`);
  return dateInputMessage(label, read.problem);
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ymd = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const slashUnpadded = (iso: string) => {
  const [year, month, day] = ymd(iso);
  return `${year}/${month}/${day}`;
};
const wide = (text: string) => text.replace(/[0-9/]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const eraInitial = (iso: string) => formatJapaneseDateShort(iso).replace('令和', 'R').replace(/[年月]/g, '.').replace('日', '');
const kanjiYmd = (iso: string) => {
  const [year, month, day] = ymd(iso);
  return `${year}年${month}月${day}日`;
};

/** The field (label, hint, control, message) around a control. */
const fieldOf = (control: Locator) => control.locator('xpath=ancestor::div[@data-invalid or @class="field"][1]');

interface Geometry {
  top: number;
  height: number;
  /** From the top of the field's label to the top of its control. */
  belowLabel: number;
}
async function geometry(page: Page, label: string): Promise<Geometry> {
  const control = field(page, label);
  const box = (await control.boundingBox())!;
  const labelBox = (await fieldOf(control).locator('label').first().boundingBox())!;
  return { top: box.y, height: box.height, belowLabel: box.y - labelBox.y };
}

/** The lines a field's message takes. */
async function messageLines(page: Page, label: string): Promise<number> {
  return fieldOf(field(page, label))
    .locator('.field-error')
    .evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
}

test.describe('in a browser set to English', () => {
  test.use({ locale: 'en-US' });

  test('the application form takes 2026/4/1 and 令和8年4月1日 (and R8.4.1, 全角, 年月日), and the contractor and the officer read them back as 2026/04/01', async ({ page, browser, newUser }) => {
    test.slow(); // a contractor and an officer: three times the configured timeout
    const contractor = await newUser({ side: 'contractor' });
    await signIn(page, contractor.loginId, contractor.password);
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.goto('/contractor/applications/new');
    for (const name of ['contractDate', 'periodStart', 'periodEnd', 'guaranteeStart', 'guaranteeEnd'] as const) {
      await expect(field(page, F[name])).toHaveAttribute('type', 'text');
      await expect(field(page, F[name])).toHaveAccessibleDescription(new RegExp(M.example));
    }
    await expect(page.getByRole('button', { name: M.calendar })).toHaveCount(5);

    // A draft with the issue's own examples: read as 2026-04-01, shown back as the screens write dates.
    const project = `日付入力工事E2E${randomBytes(3).toString('hex')}`;
    await field(page, F.projectName).fill(project);
    await field(page, F.contractDate).fill('2026/4/1');
    await field(page, F.periodStart).fill('令和8年4月1日');
    await field(page, F.periodEnd).fill('２０２６／４／１');
    // Typed otherwise than 2026/04/01, the field says how it reads it (in both calendars) before anything is sent.
    await expect(fieldOf(field(page, F.periodStart))).toContainText(M.reading('2026/04/01', '令和8年4月1日'));
    await shots(page, 'application-typed-en', SHOTS);
    await page.getByRole('button', { name: A.saveDraft }).click();
    await expect(page.getByRole('status').filter({ hasText: A.saved.draft! })).toBeVisible();
    for (const name of ['contractDate', 'periodStart', 'periodEnd'] as const) await expect(field(page, F[name])).toHaveValue('2026/04/01');

    // This fiscal year's contract, each date typed another way: submitted (the rules hold on the server).
    const term = currentTerm();
    await fillApplication(page, {
      project,
      dates: {
        contractDate: slashUnpadded(term.contractDate),
        periodStart: formatJapaneseDateShort(term.periodStart),
        periodEnd: wide(slashUnpadded(term.periodEnd)),
        guaranteeStart: eraInitial(term.guaranteeStart),
        guaranteeEnd: kanjiYmd(term.guaranteeEnd),
      },
    });
    await page.getByRole('button', { name: A.submit }).click();
    await expect(page.getByRole('status').filter({ hasText: A.saved.submitted! })).toBeVisible();
    const summary = page.getByRole('region', { name: A.summary });
    await expect(summary).toContainText(`${F.contractDate}${formatSlashDate(term.contractDate)}`);
    await expect(summary).toContainText(`${formatSlashDate(term.periodStart)} 〜 ${formatSlashDate(term.periodEnd)}`);
    await expect(summary).toContainText(`${formatSlashDate(term.guaranteeStart)} 〜 ${formatSlashDate(term.guaranteeEnd)}`);
    await checkA11y(page);

    // The officer's 申込審査 reads the same dates.
    const officerAccount = await newUser({ side: 'admin' });
    const officer = await signedInPage(browser, officerAccount.loginId, officerAccount.password);
    await officer.goto('/admin/applications');
    await officer.getByRole('link', { name: project }).click();
    await expect(officer.locator('dl.details')).toContainText(`${F.contractDate}${formatSlashDate(term.contractDate)}`);
    await expect(officer.locator('dl.details')).toContainText(`${formatSlashDate(term.guaranteeStart)} 〜 ${formatSlashDate(term.guaranteeEnd)}`);
    await officer.context().close();
  });
});

test('a date that does not exist is refused at its field with the reason, in the browser and on the server alike; what was typed stays; the pairs stay aligned at 1280 and 390 px', async ({ page, browser, newUser }) => {
  test.slow(); // with and without JavaScript, both widths
  const contractor = await newUser({ side: 'contractor' });
  await signIn(page, contractor.loginId, contractor.password);
  await page.goto('/contractor/applications/new');
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots(page, 'application-new', SHOTS);
  const before = { start: await geometry(page, F.guaranteeStart), end: await geometry(page, F.guaranteeEnd) };
  expect(before.start.top).toBe(before.end.top);

  const typed = { contractDate: '2026/2/30', periodEnd: '令和8年13月1日', guaranteeEnd: '平成32年4月1日' } as const;
  const project = `日付誤り工事E2E${randomBytes(3).toString('hex')}`;
  await field(page, F.projectName).fill(project);
  for (const [name, value] of Object.entries(typed)) await field(page, F[name as keyof typeof typed]).fill(value);
  await page.getByRole('button', { name: A.saveDraft }).click();
  for (const [name, value] of Object.entries(typed)) {
    const control = field(page, F[name as keyof typeof typed]);
    await expect(control).toHaveAttribute('aria-invalid', 'true');
    await expect(control).toHaveAccessibleDescription(new RegExp(escapeRegExp(refusal(F[name as keyof typeof typed], value))));
    await expect(control).toHaveValue(value);
  }
  await expect(field(page, F.contractDate)).toBeFocused();
  await checkA11y(page);

  // 保証期間（至） has a message of several lines, 保証期間（自） none: both inputs start at the same height and keep their size.
  expect(await messageLines(page, F.guaranteeEnd)).toBeGreaterThanOrEqual(2);
  const wideAfter = { start: await geometry(page, F.guaranteeStart), end: await geometry(page, F.guaranteeEnd) };
  expect(wideAfter.end.top).toBe(wideAfter.start.top);
  expect(wideAfter.end.height).toBe(wideAfter.start.height);
  expect(wideAfter.start.height).toBe(before.start.height);
  expect(wideAfter.start.belowLabel).toBe(before.start.belowLabel);
  const period = { start: await geometry(page, F.periodStart), end: await geometry(page, F.periodEnd) };
  expect(period.end.top).toBe(period.start.top);
  expect(period.end.height).toBe(period.start.height);
  await shots(page, 'application-errors', SHOTS);

  // On a phone the pair is one under the other: each input as far under its label, as tall, as without a message.
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = { start: await geometry(page, F.guaranteeStart), end: await geometry(page, F.guaranteeEnd) };
  expect(phone.end.height).toBe(phone.start.height);
  expect(phone.end.belowLabel).toBe(phone.start.belowLabel);
  expect(phone.end.top).toBeGreaterThan(phone.start.top);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Without JavaScript the server reads the same forms and gives the same messages, the text kept as typed.
  const plainContext = await browser.newContext({ javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await signIn(plain, contractor.loginId, contractor.password);
  await plain.goto('/contractor/applications/new');
  await expect(plain.getByRole('button', { name: M.calendar })).toHaveCount(0); // nothing that needs a script
  await field(plain, F.projectName).fill(project);
  await field(plain, F.contractDate).fill('令和８年４月１日');
  await field(plain, F.periodStart).fill('R8.4.1');
  await field(plain, F.guaranteeEnd).fill('平成32年4月1日');
  await plain.getByRole('button', { name: A.saveDraft }).click();
  await expect(plain.getByText(refusal(F.guaranteeEnd, '平成32年4月1日'))).toBeVisible();
  await expect(field(plain, F.guaranteeEnd)).toHaveValue('平成32年4月1日');
  await expect(field(plain, F.contractDate)).toHaveValue('令和８年４月１日');
  await expect(field(plain, F.contractDate)).not.toHaveAttribute('aria-invalid', 'true');
  await field(plain, F.guaranteeEnd).fill('令和2年4月1日');
  await plain.getByRole('button', { name: A.saveDraft }).click();
  await expect(plain.getByRole('status').filter({ hasText: A.saved.draft! })).toBeVisible();
  await expect(field(plain, F.contractDate)).toHaveValue('2026/04/01');
  await expect(field(plain, F.periodStart)).toHaveValue('2026/04/01');
  await expect(field(plain, F.guaranteeEnd)).toHaveValue('2020/04/01');
  await plainContext.close();
});

test('the calendar button: reached with Tab after its field, named, and the day picked is written into the field as 2026/12/05', async ({ page, newUser }) => {
  const contractor = await newUser({ side: 'contractor' });
  await signIn(page, contractor.loginId, contractor.password);
  await page.goto('/contractor/applications/new');
  const contractDate = field(page, F.contractDate);
  await contractDate.fill('2026/4/1');
  await contractDate.press('Tab');
  const button = fieldOf(contractDate).getByRole('button', { name: M.calendar });
  await expect(button).toBeFocused();
  await expect(button).toHaveAccessibleDescription(new RegExp(F.contractDate));
  // Opening it with the keyboard is no error (the browser's calendar is drawn outside the page).
  await page.keyboard.press('Enter');
  // What the calendar gives when a day is picked in it.
  await fieldOf(contractDate).locator('input[type="date"]').fill('2026-12-05', { force: true });
  await expect(contractDate).toHaveValue('2026/12/05');
  await expect(contractDate).not.toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page);
});

test('every officer form with a date takes 和暦 and refuses an impossible date at the field: 解除日, 変更契約, 入金日, 電子交付の開始日, 適用開始日', async ({ browser, newUser }) => {
  test.slow(); // a guarantee of its own, five forms, both widths
  const project = `日付管理工事E2E${randomBytes(3).toString('hex')}`;
  const { contractor, officer, number } = await ownGuarantee(browser, newUser, project);
  await contractor.context().close();
  const term = currentTerm();
  const today = todayInTokyo();

  // 解除 on the review page: an impossible day refused, the text kept (nothing is cancelled).
  await field(officer, R.cancelledOn).fill('令和8年2月30日');
  await officer.getByRole('button', { name: R.cancel }).click();
  await expect(field(officer, R.cancelledOn)).toHaveAccessibleDescription(new RegExp(escapeRegExp(refusal(R.cancelledOn, '令和8年2月30日'))));
  await expect(field(officer, R.cancelledOn)).toHaveValue('令和8年2月30日');
  await checkA11y(officer);
  await shots(officer, 'admin-cancel-error', SHOTS);

  // 変更契約: the dates prefilled as the screens write them; 和暦 read; 平成32年 refused with its 令和 day.
  await officer.getByRole('link', { name: R.toGuarantee }).click();
  await officer.getByRole('link', { name: O.toChange }).click();
  await expect(field(officer, O.field.periodStart)).toHaveValue(formatSlashDate(term.periodStart));
  await expect(field(officer, O.meta2.changeDate)).toHaveValue(formatSlashDate(today));
  await shots(officer, 'admin-change', SHOTS);
  await field(officer, O.field.guaranteeAmount).fill('20,000,000');
  await field(officer, O.field.guaranteeEnd).fill('H32.4.1');
  await field(officer, O.meta2.changeDate).fill(formatJapaneseDateShort(today));
  await field(officer, O.meta2.reason).fill('日付入力の確認');
  await officer.getByRole('button', { name: O.preview }).click();
  await expect(field(officer, O.field.guaranteeEnd)).toHaveAttribute('aria-invalid', 'true');
  await expect(fieldOf(field(officer, O.field.guaranteeEnd))).toContainText(refusal(O.field.guaranteeEnd, 'H32.4.1'));
  const pair = { start: await geometry(officer, O.field.guaranteeStart), end: await geometry(officer, O.field.guaranteeEnd) };
  expect(pair.end.top).toBe(pair.start.top);
  expect(pair.end.height).toBe(pair.start.height);
  await checkA11y(officer);
  await shots(officer, 'admin-change-error', SHOTS);
  await field(officer, O.field.guaranteeEnd).fill(formatJapaneseDateShort(term.guaranteeEnd));
  await officer.getByRole('button', { name: O.preview }).click();
  await expect(officer.getByRole('region', { name: O.decisionTitle })).toContainText(O.decisionIssue(2));
  await expect(field(officer, O.meta2.changeDate)).toHaveValue(formatJapaneseDateShort(today));

  // 入金日: today prefilled as 2026/12/05; an impossible day refused (nothing recorded).
  await officer.goto(`/admin/guarantees/${number}/payment`);
  await expect(field(officer, P.paidOn)).toHaveValue(formatSlashDate(today));
  await field(officer, P.paidOn).fill('2026/2/30');
  await officer.getByRole('button', { name: P.submit }).click();
  await expect(fieldOf(field(officer, P.paidOn))).toContainText(refusal(P.paidOn, '2026/2/30'));
  await expect(field(officer, P.paidOn)).toHaveValue('2026/2/30');
  await checkA11y(officer);
  await shots(officer, 'admin-payment-error', SHOTS);

  // 発注者の新規登録: 電子交付の開始日 (nothing is created: 発注者名 is left empty too).
  await officer.goto('/admin/orderers/new');
  await field(officer, OL.fields.electronicFrom).fill('令和8年13月1日');
  await officer.getByRole('button', { name: C.create }).click();
  await expect(fieldOf(field(officer, OL.fields.electronicFrom))).toContainText(refusal(OL.fields.electronicFrom, '令和8年13月1日'));
  await expect(field(officer, OL.fields.electronicFrom)).toHaveValue('令和8年13月1日');
  await shots(officer, 'admin-orderer-new-error', SHOTS);

  // 保証料率表の登録: 適用開始日.
  await officer.goto('/admin/premium-rates/new');
  await field(officer, PR.form.fields.effectiveFrom).fill('令和元年4月30日');
  await officer.getByRole('button', { name: PR.form.submit }).click();
  await expect(fieldOf(field(officer, PR.form.fields.effectiveFrom))).toContainText(refusal(PR.form.fields.effectiveFrom, '令和元年4月30日'));
  await expect(field(officer, PR.form.fields.effectiveFrom)).toHaveValue('令和元年4月30日');
  await shots(officer, 'admin-rate-table-error', SHOTS);
  await officer.context().close();
});
