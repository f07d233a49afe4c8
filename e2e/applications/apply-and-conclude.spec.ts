import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { APPLICATION_LABELS as L } from '@/app/contractor/applications/labels';
import { currentTerm } from '@/demo/term-dates';
import { checkA11y, expect, signIn, test, signedInPage } from '../fixtures';
import { waitForMail } from '../mail';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A control by its whole label, with or without the 必須 mark. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(必須)?$`));
const F = L.fields;

async function expectFieldError(page: Page, label: string, message: RegExp) {
  const control = field(page, label);
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAccessibleDescription(message);
}

// The whole STEP 1–2 path: maru01 (〇〇建設) applies, admin reviews, returns, and concludes.
test('draft → resume → submit with errors → fix → submit → return → resubmit → conclude → mail in the outbox', async ({ page, browser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const project = `大村市道〇〇線改良工事E2E${randomBytes(3).toString('hex')}`;

  await signIn(page, 'maru01');
  await page.getByRole('navigation').getByRole('link', { name: '保証申込' }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.listTitle })).toBeVisible();
  await expect(page.getByText(L.invoiceNote)).toBeVisible();
  await checkA11y(page);

  // STEP 1: a draft with what is known so far (全角 digits and separators).
  await page.getByRole('link', { name: L.newLink }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.newTitle })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel('前払金保証', { exact: true }).check();
  await field(page, F.ordererId).selectOption({ label: '大村市' });
  await field(page, F.worksDepartmentId).selectOption({ label: '都市整備部土木課' });
  await field(page, F.projectName).fill(project);
  await field(page, F.contractAmount).fill('１００，０００，０００');
  await page.screenshot({ path: 'screenshots/contractor-application-new.png', fullPage: true });
  // On a phone the form is one column and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'screenshots/contractor-application-new-phone.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: L.saveDraft }).click();
  await expect(page.getByRole('status').filter({ hasText: L.saved.draft! })).toBeVisible();
  const applicationUrl = page.url().replace(/\?.*$/, '');

  // Resume from the list.
  await page.goto('/contractor/applications');
  const row = page.getByRole('row').filter({ hasText: project });
  await expect(row).toContainText(L.status.DRAFT);
  await row.getByRole('link', { name: project }).click();
  await expect(field(page, F.projectName)).toHaveValue(project);
  await expect(field(page, F.contractAmount)).toHaveValue('100,000,000');

  // Submit with two broken rules: 契約日 before 大村市's 2026-04-01 with 電子交付, and 保証金額 above 4/10.
  // The works end with this fiscal year's contract (currentTerm: in force today, 60 days on at least).
  const term = currentTerm();
  await field(page, F.projectLocation).fill('大村市玖島1丁目');
  await page.getByLabel('工事', { exact: true }).check();
  await field(page, F.contractDate).fill('2026-03-31');
  await field(page, F.periodStart).fill('2026-04-01');
  await field(page, F.periodEnd).fill(term.periodEnd);
  await field(page, F.guaranteeAmount).fill('50,000,000');
  await field(page, F.guaranteeStart).fill('2026-04-01');
  await field(page, F.guaranteeEnd).fill(term.guaranteeEnd);
  await field(page, F.depositBank).fill('〇〇銀行');
  await field(page, F.depositBranch).fill('▲▲支店');
  await page.getByLabel(L.delivery.ELECTRONIC).check();
  await page.getByRole('button', { name: L.submit }).click();
  await expectFieldError(page, F.guaranteeAmount, /4\/10（40,000,000円）以下/);
  await expect(page.getByRole('group', { name: new RegExp(F.deliveryMethod) })).toContainText('2026年4月1日以降に契約を締結した工事・建設コンサルタント業務');
  // Nothing typed is lost.
  await expect(field(page, F.projectLocation)).toHaveValue('大村市玖島1丁目');
  await expect(field(page, F.guaranteeAmount)).toHaveValue('50,000,000');
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/contractor-application-errors.png', fullPage: true });

  // Fix and submit.
  await field(page, F.contractDate).fill(term.contractDate);
  await field(page, F.periodStart).fill(term.periodStart);
  await field(page, F.guaranteeStart).fill(term.guaranteeStart);
  await field(page, F.guaranteeAmount).fill('40,000,000');
  await page.getByRole('button', { name: L.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: L.saved.submitted! })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(L.status.SUBMITTED);

  // The officer's queue: open it, read the premium, return it with a reason (an empty one first).
  const officer = await signedInPage(browser, 'admin');
  await officer.getByRole('navigation').getByRole('link', { name: R.listTitle }).click();
  await expect(officer.getByRole('heading', { level: 1, name: R.listTitle })).toBeVisible();
  await checkA11y(officer);
  await officer.screenshot({ path: 'screenshots/admin-applications-queue.png', fullPage: true });
  await officer.getByRole('link', { name: project }).click();
  await expect(officer.getByRole('table', { name: R.premiumCaption })).toContainText('小計');
  await checkA11y(officer);
  await officer.screenshot({ path: 'screenshots/admin-application-review.png', fullPage: true });
  await officer.getByRole('button', { name: R.returnButton }).click();
  await expectFieldError(officer, R.reason, /差戻しの理由を入力してください/);
  await field(officer, R.reason).fill('工事場所を契約書どおり（番地まで）記入してください。');
  await officer.getByRole('button', { name: R.returnButton }).click();
  await expect(officer.getByRole('status').filter({ hasText: R.saved.returned! })).toBeVisible();

  // The contractor reads the reason, fixes, resubmits.
  await page.goto(applicationUrl);
  await expect(page.getByRole('region', { name: L.returnedTitle })).toContainText('番地まで');
  await field(page, F.projectLocation).fill('大村市玖島1丁目25番地');
  await page.getByRole('button', { name: L.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: L.saved.submitted! })).toBeVisible();

  // The officer concludes (after the confirmation dialog).
  await officer.reload();
  officer.once('dialog', (dialog) => void dialog.accept());
  await officer.getByRole('button', { name: R.conclude }).click();
  await expect(officer.getByRole('status').filter({ hasText: R.saved.concluded! })).toBeVisible();
  const concluded = officer.getByRole('region', { name: R.concludedTitle });
  await expect(concluded).toContainText(/保証契約番号 \d{10}/);
  const number = /保証契約番号 (\d{10})/.exec((await concluded.textContent()) ?? '')![1]!;
  await officer.screenshot({ path: 'screenshots/admin-application-concluded.png', fullPage: true });

  // The contractor's application shows the number; the mail waits in the outbox without the key.
  await page.reload();
  await expect(page.getByRole('region', { name: L.concludedTitle })).toContainText(number);
  await officer.goto('/admin/outbox');
  const mailRow = officer.getByRole('row').filter({ hasText: number });
  await expect(mailRow).toContainText('電子証書・認証キー登録のお知らせ');
  await expect(mailRow).toContainText('maru01@maru-kensetsu.example.jp');
  // …and the worker delivers it through real SMTP, Japanese intact, without the key.
  const mail = await waitForMail((m) => m.subject === `電子証書・認証キー登録のお知らせ（保証契約番号 ${number}）`);
  expect(mail.text).toContain('株式会社〇〇建設 様');
  expect(mail.text).toContain('このメールには認証キーを記載していません');
  await checkA11y(officer);
  await officer.context().close();

  // Another company's user gets the 404 page for this application, as for one that does not exist.
  const stranger = await signedInPage(browser, 'sankaku01');
  const response = await stranger.goto(applicationUrl);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole('heading', { level: 1 })).toContainText('404');
  await expect(stranger.getByText(project)).toHaveCount(0);
  await stranger.context().close();
});
