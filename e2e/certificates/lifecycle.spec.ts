import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { VERIFY_LABELS as V } from '@/app/verify/[digest]/labels';
import { keyRefusal } from '@/domain/guarantees/messages';
import { endedTerm } from '@/demo/term-dates';
import { todayInTokyo } from '@/lib/dates';
import { KEYSET_PAGING_LABELS } from '@/components/common-labels';
import { checkA11y, expect, signedInPage, test, shots } from '../fixtures';
import { guaranteeOf, recordChangeAsOfficer } from '../guarantees';
import { waitForMail } from '../mail';

/**
 * One guarantee of this test's own through its life — concluded, changed with a (変更) version
 * (【注1】), changed without a certificate (【注3】), cancelled (解除) — as the public sees it on
 * /verify of its printed versions, and as the contractor sees 解除 (mail, key page, 保証料一覧); the
 * demo's 〇〇公園整備工事 (期間満了, read only) in the 保証料一覧 (issue 13, findings 1 and 3).
 */

const TODAY = todayInTokyo();
const on = (iso: string) => iso.replaceAll('-', '/');

/** The full digest of the version the contractor's certificate page shows (its QR code's address). */
async function shownDigest(contractor: Page, number: string, version?: number): Promise<string> {
  await contractor.goto(`/contractor/guarantees/${number}${version ? `?version=${version}` : ''}`);
  const text = (await contractor.getByRole('article').first().textContent()) ?? '';
  return /\/verify\/([0-9a-f]{64})/.exec(text)![1]!;
}

test('/verify of a printed version after a change, a change without a certificate and 解除; 解除 reaches the contractor (mail, key page, 保証料一覧)', async ({ browser, newUser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const project = `〇〇地区排水路工事E2E${randomBytes(3).toString('hex')}`;
  const me = await newUser({ side: 'contractor' });
  const contractor = await signedInPage(browser, me.loginId, me.password);
  const { number, applicationId } = await guaranteeOf(contractor.request, me.loginId, project);
  const officer = await signedInPage(browser, 'admin');
  await officer.goto(`/admin/applications/${applicationId}`);
  const v1 = await shownDigest(contractor, number);
  const reader = await (await browser.newContext()).newPage(); // whoever holds the printout: not signed in

  /**
   * The public page and its notice (an alert with a heading: Next's route announcer is an alert too);
   * nothing of names or amounts in either case.
   */
  const notices = () => reader.getByRole('alert').filter({ has: reader.getByRole('heading') });
  const verify = async (digest: string) => {
    await reader.goto(`/verify/${digest}`);
    const notice = notices();
    await expect(reader.getByRole('heading', { level: 1, name: V.title })).toBeVisible();
    const body = (await reader.locator('main').textContent()) ?? '';
    for (const secret of [project, '株式会社', '大村市', '24,000,000', '20,000,000', '60,000,000', '65,000,000']) expect(body, secret).not.toContain(secret);
    return notice;
  };

  // Before any change: no notice.
  await verify(v1);
  await expect(notices()).toHaveCount(0);
  await expect(reader.getByRole('row', { name: new RegExp(V.status) })).toContainText('有効');

  // 【注1】: the officer lowers the 保証金額; version 2 (変更) is issued.
  await officer.getByRole('link', { name: R.toGuarantee }).click();
  await recordChangeAsOfficer(officer, { guaranteeAmount: '20,000,000' }, '設計変更による保証金額の減額', { issues: 2 });
  const v2 = await shownDigest(contractor, number);
  expect(v2).not.toBe(v1);

  // The old printout: first, announced, that 第2版（変更） exists since today, and the status now.
  let notice = await verify(v1);
  await expect(notice.getByRole('heading', { name: V.current.superseded })).toBeVisible();
  await expect(notice).toContainText(V.current.supersededLine('第1版', '第2版（変更）', TODAY));
  await expect(notice).toContainText(V.current.statusLine('有効'));
  await expect(reader.getByRole('row', { name: new RegExp(V.latestVersion) })).toContainText(V.latestVersionText('第2版（変更）', TODAY));
  // First on the page: the notice comes before the lead and the result.
  const order = await reader.locator('main').evaluate((main) => {
    const text = main.textContent ?? '';
    return [text.indexOf('この証書より新しい版'), text.indexOf('発行済みの証書です')];
  });
  expect(order[0]).toBeGreaterThanOrEqual(0);
  expect(order[0]).toBeLessThan(order[1]!);
  await checkA11y(reader);
  await shots(reader, 'verify-superseded');
  await verify(v2);
  await expect(notices()).toHaveCount(0);

  // 【注3】: the 請負金額 alone changes; no certificate. The latest printout says a 変更契約 was recorded.
  await recordChangeAsOfficer(officer, { contractAmount: '65,000,000' }, '請負金額の変更契約', { recorded: '注3' });
  notice = await verify(v2);
  await expect(notice.getByRole('heading', { name: V.current.recorded })).toBeVisible();
  await expect(notice).toContainText(V.current.recordedLine([TODAY]));
  await checkA11y(reader);
  await shots(reader, 'verify-recorded-change');
  notice = await verify(v1);
  await expect(notice).toContainText(V.current.recordedAfterLatestLine('第2版（変更）', [TODAY]));

  // 解除.
  await officer.goto('/admin/applications?status=CONCLUDED');
  await officer.getByRole('link', { name: project }).click();
  await officer.getByLabel(new RegExp(`^${R.cancelledOn}`)).fill(TODAY);
  await officer.getByLabel(new RegExp(`^${R.cancelReason}`)).fill('工事の中止による契約解除');
  await officer.getByLabel(R.cancelConfirm).check();
  await officer.getByRole('button', { name: R.cancel }).click();
  await expect(officer.getByRole('status').filter({ hasText: R.saved.cancelled! })).toBeVisible();
  await officer.context().close();

  notice = await verify(v1);
  await expect(notice.getByRole('heading', { name: V.current.superseded })).toBeVisible();
  await expect(notice).toContainText(V.current.statusLine(`解除${V.cancelledOn(TODAY)}`));
  await expect(reader.locator('main')).not.toContainText('工事の中止');
  await checkA11y(reader);
  await shots(reader, 'verify-superseded-cancelled');
  notice = await verify(v2);
  await expect(notice.getByRole('heading', { name: V.current.CANCELLED })).toBeVisible();
  await expect(notice).toContainText(V.current.statusLine(`解除（解除日 ${on(TODAY)}）`));
  await checkA11y(reader);
  await reader.context().close();

  // The contractor is told by mail (through real SMTP), without the key.
  const mail = await waitForMail((m) => m.subject === `保証契約解除のお知らせ（保証契約番号 ${number}）`);
  expect(mail.text).toContain(`下記の保証契約を ${on(TODAY)} 付けで解除しました。`);
  expect(mail.text).toContain('工事の中止による契約解除');
  expect(mail.text).toContain('認証キーは、今後発注者へ提出しないでください');

  // The key page: why the key is no longer to be submitted, and nothing that submits it.
  const reason = keyRefusal({ status: 'CANCELLED', guaranteeEnd: TODAY, cancelledOn: TODAY })!;
  await contractor.goto(`/contractor/guarantees/${number}`);
  await contractor.getByRole('link', { name: G.toKeyWithdrawn }).click();
  await expect(contractor.getByRole('heading', { level: 1, name: G.keyTitle })).toBeVisible();
  await expect(contractor.getByRole('region', { name: G.keyWithdrawnTitle })).toContainText(reason);
  await expect(contractor.getByText(G.keyLead)).toHaveCount(0);
  await expect(contractor.getByRole('link', { name: G.download })).toHaveCount(0);
  await expect(contractor.getByRole('link', { name: G.send, exact: true })).toHaveCount(0); // the way to the preview
  await expect(contractor.getByRole('button', { name: G.reissue })).toHaveCount(0);
  await checkA11y(contractor);
  await shots(contractor, 'contractor-key-cancelled');
  // The download itself refuses, with the reason.
  const refused = await contractor.request.get(`/contractor/guarantees/${number}/key/notice`);
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toBe(reason);

  // 保証料一覧: this guarantee marked 解除 with its date, the demo's 〇〇公園整備工事 期間満了, the others 有効 plain.
  await contractor.goto('/contractor/premiums');
  const table = contractor.getByRole('table', { name: G.premiumsTitle });
  const row = table.getByRole('row').filter({ hasText: number });
  await expect(row.locator('strong.status-tag')).toHaveText(G.status.CANCELLED);
  await expect(row).toContainText(G.statusDate.CANCELLED(TODAY));
  // The demo's rows are its oldest: other tests' guarantees of the demo company may push them past page 1.
  const park = await rowOnSomePage(contractor, '〇〇公園整備工事');
  await expect(park.locator('strong.status-tag')).toHaveText(G.status.EXPIRED);
  await expect(park).toContainText(G.statusDate.EXPIRED(endedTerm().guaranteeEnd));
  const road = (await rowOnSomePage(contractor, '〇〇道路改良工事')).first();
  await expect(road.locator('strong.status-tag')).toHaveCount(0);
  await expect(road.getByRole('cell', { name: G.status.ACTIVE, exact: true })).toBeVisible();
  await checkA11y(contractor);
  await shots(contractor, 'contractor-premiums-status');
  await contractor.context().close();
});

/** The 保証料一覧's row holding `text`, from page 1 on through 次へ (the list is newest first). */
async function rowOnSomePage(page: Page, text: string) {
  await page.goto('/contractor/premiums');
  for (let i = 0; i < 50; i++) {
    const row = page.getByRole('table', { name: G.premiumsTitle }).getByRole('row').filter({ hasText: text });
    if ((await row.count()) > 0) return row;
    const next = page.getByRole('link', { name: KEYSET_PAGING_LABELS.next });
    if ((await next.count()) === 0) break;
    const before = page.url();
    await next.first().click();
    await page.waitForURL((url) => url.toString() !== before);
    await expect(page.getByRole('table', { name: G.premiumsTitle })).toBeVisible();
  }
  throw new Error(`保証料一覧: no row with ${text} on any page`);
}
