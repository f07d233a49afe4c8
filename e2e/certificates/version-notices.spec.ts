import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { LOOKUP_LABELS as LK, ORDERER_CERTIFICATE_LABELS as OC } from '@/app/orderer/lookup/labels';
import { CHANGE_VIEW_LABELS as CV } from '@/components/changes/labels';
import { CERTIFICATE_LABELS as C } from '@/domain/certificates/labels';
import { STATUS_BANNER_LABELS as B } from '@/components/status-banner/labels';
import { currentTerm, endedTerm } from '@/demo/term-dates';
import { addDaysIso, formatIsoDate, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDate } from '@/lib/wareki';
import { pdfText, squeeze } from '../../tests/support/pdf';
import { checkA11y, expect, readAuthKey, signedInPage, test, shots } from '../fixtures';
import { ownGuarantee, recordChangeAsOfficer } from '../guarantees';

/**
 * Every screen that shows a certificate version says what the sheet cannot: the print views (on screen
 * only: the printout is the certificate, whose QR code leads to /verify), the contractor's and the
 * orderer's certificate pages and the officer's 保証の管理 — after a 変更契約 with a new version
 * (【注1】), after a change recorded without a certificate (【注2】), after 解除, and for the demo's
 * 期間満了 guarantee (issue 13).
 */

const TODAY = todayInTokyo();
const V1 = '第1版';
const V2 = '第2版（変更）';
const N = CV.notice;
/** The line the printed and saved sheet of 第1版 carries once 第2版（変更） is issued today. */
const SUPERSEDED = C.superseded(V1, V2, formatJapaneseDate(TODAY));

/** The print views' notice: an alert with a heading (Next's route announcer is an alert too, without one). */
const printAlert = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading') });

/** On screen, not in print: the notice hides under print media while the certificate stays. */
async function screenOnly(page: Page, notice: Locator) {
  await expect(notice).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(notice).toBeHidden();
  await expect(page.getByRole('article')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
}

/**
 * In print too, the sheet of an older version says which version is the latest (decision 073, amended
 * 2026-12-06): the line next to the status, inside the certificate, printed as the PDF prints it.
 */
async function printedSuperseded(page: Page, line: string, name: string) {
  const inSheet = page.getByRole('article').getByText(line, { exact: true });
  await expect(inSheet).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(inSheet).toBeVisible();
  await checkA11y(page);
  await shots(page, name);
  await page.emulateMedia({ media: 'screen' });
}

test('version notices: the old version’s print view and pages say 第2版（変更） exists; a 【注2】 change recorded after it is said on every screen; 解除 and 期間満了 on the print views', async ({
  browser,
  newUser,
}) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const project = `〇〇水路改修工事E2E${randomBytes(3).toString('hex')}`;
  const { contractor, officer, clerkAccount, number } = await ownGuarantee(browser, newUser, project);

  // 第1版 alone: the print view has nothing to say above the sheet.
  await contractor.goto(`/contractor/guarantees/${number}/print`);
  await expect(contractor.getByRole('article')).toContainText('24,000,000');
  await expect(printAlert(contractor)).toHaveCount(0);

  // The clerk confirms 第1版 with the key.
  const key = await readAuthKey(contractor, number);
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.goto(`/orderer/lookup?number=${number}`);
  await clerk.getByLabel(new RegExp(`^${LK.key}`)).fill(key);
  await clerk.getByRole('button', { name: LK.submit }).click();
  await expect(clerk.getByRole('status').filter({ hasText: OC.confirmedSaved })).toBeVisible();

  // 【注1】: the officer lowers the 保証金額; 第2版（変更） is issued.
  await officer.getByRole('link', { name: R.toGuarantee }).click();
  await recordChangeAsOfficer(officer, { guaranteeAmount: '20,000,000' }, '設計変更による保証金額の減額', { issues: 2 });

  // The contractor's print view of 第1版: first, announced, on screen only — 第2版（変更） exists, its
  // 発行日, the way to it.
  await contractor.goto(`/contractor/guarantees/${number}/print?version=1`);
  let notice = printAlert(contractor);
  await expect(notice.getByRole('heading', { name: N.newerTitle })).toBeVisible();
  await expect(notice).toContainText(N.newerBody(V1, TODAY, V2, TODAY));
  await expect(contractor.getByRole('article')).toContainText('24,000,000');
  await screenOnly(contractor, notice);
  await printedSuperseded(contractor, SUPERSEDED, 'contractor-print-superseded-printout');
  await checkA11y(contractor);
  await shots(contractor, 'contractor-print-superseded');
  await notice.getByRole('link', { name: N.toLatest(V2) }).click();
  await expect(contractor).toHaveURL(new RegExp(`/contractor/guarantees/${number}/print$`));
  await expect(contractor.getByRole('article')).toContainText('20,000,000');
  await expect(printAlert(contractor)).toHaveCount(0);
  await expect(contractor.getByRole('article')).not.toContainText(SUPERSEDED);

  // The contractor's page of 第1版: the later version by name and 発行日, and the way to it.
  await contractor.goto(`/contractor/guarantees/${number}?version=1`);
  await expect(contractor.getByRole('note').filter({ hasText: G.olderVersion(V1, V2, formatIsoDate(TODAY)) })).toBeVisible();
  await checkA11y(contractor);
  await contractor.getByRole('link', { name: G.toVersion(V2) }).click();
  await expect(contractor.getByRole('article', { name: /（変更）/ })).toContainText('20,000,000');

  // The orderer's print view of 第1版: the same notice; its link leads to the latest print view.
  await clerk.goto(`/orderer/certificates/${number}/print?version=1`);
  notice = printAlert(clerk);
  await expect(notice.getByRole('heading', { name: N.newerTitle })).toBeVisible();
  await expect(notice).toContainText(N.newerBody(V1, TODAY, V2, TODAY));
  await screenOnly(clerk, notice);
  await printedSuperseded(clerk, SUPERSEDED, 'orderer-print-superseded-printout');
  await expect(clerk.getByRole('article')).toContainText(`${B.headline(B.status.ACTIVE)}${SUPERSEDED}`);
  // 「PDFで保存」 of 第1版: the saved file says it too, next to the status.
  const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: C.print.savePdf }).click()]);
  const pdf = test.info().outputPath('orderer-v1.pdf');
  await download.saveAs(pdf);
  expect(squeeze(pdfText(pdf))).toContain(squeeze(`${B.headline(B.status.ACTIVE)}${SUPERSEDED}`));
  await checkA11y(clerk);
  await shots(clerk, 'orderer-print-superseded');
  await notice.getByRole('link', { name: N.toLatest(V2) }).click();
  await expect(clerk).toHaveURL(new RegExp(`/orderer/certificates/${number}/print$`));
  await expect(clerk.getByRole('article')).toContainText('20,000,000');
  await expect(printAlert(clerk)).toHaveCount(0);
  await expect(clerk.getByRole('article')).not.toContainText(SUPERSEDED);

  // 【注2】: 工期 and 保証期間 a quarter longer; recorded, no certificate.
  const extended = addDaysIso(currentTerm().guaranteeEnd, 91);
  await recordChangeAsOfficer(officer, { periodEnd: extended, guaranteeEnd: extended }, '工期延長の変更契約', { recorded: '注2' });
  const item = N.recordedItem(TODAY, ['period', 'guaranteePeriod'], '注2');
  const stale = N.staleLines(['guaranteePeriod', 'projectEndDate']);

  // The officer's 保証の管理: above the latest certificate, what was recorded since.
  let recorded = officer.getByRole('region', { name: N.recordedTitle });
  await expect(recorded).toContainText(item);
  await expect(recorded).toContainText(stale);
  await expect(officer.getByRole('region', { name: O.certificateTitle })).toContainText(N.recordedTitle);
  await checkA11y(officer);
  await shots(officer, 'admin-guarantee-recorded-change');

  // The contractor's page (第2版（変更）): the change, what it changed, the certificate lines behind it, the history.
  await contractor.goto(`/contractor/guarantees/${number}`);
  recorded = contractor.getByRole('region', { name: N.recordedTitle });
  await expect(recorded.getByRole('list', { name: N.recordedList }).getByRole('listitem')).toHaveText([item]);
  await expect(recorded).toContainText(stale);
  await checkA11y(contractor);
  await shots(contractor, 'contractor-certificate-recorded-change');
  await recorded.getByRole('link', { name: N.toHistory }).click();
  await expect(contractor).toHaveURL(/#history$/);
  await expect(contractor.getByRole('region', { name: CV.historyTitle })).toContainText(CV.notIssued('注2'));

  // Its print view: the same, announced, on screen only; 第1版's print view says both.
  await contractor.goto(`/contractor/guarantees/${number}/print`);
  notice = printAlert(contractor);
  await expect(notice.getByRole('heading', { name: N.recordedTitle })).toBeVisible();
  await expect(notice).toContainText(item);
  await expect(notice).toContainText(stale);
  await screenOnly(contractor, notice);
  await checkA11y(contractor);
  await shots(contractor, 'contractor-print-recorded-change');
  await contractor.goto(`/contractor/guarantees/${number}/print?version=1`);
  notice = printAlert(contractor);
  await expect(notice.getByRole('heading', { name: N.newerTitle })).toBeVisible();
  await expect(notice).toContainText(N.recordedAfterLatest(V2));
  await expect(notice).toContainText(item);
  await checkA11y(contractor);
  await shots(contractor, 'contractor-print-superseded-recorded');

  // The orderer's page and print view of 第2版（変更）.
  await clerk.goto(`/orderer/certificates/${number}`);
  recorded = clerk.getByRole('region', { name: N.recordedTitle });
  await expect(recorded).toContainText(item);
  await expect(recorded).toContainText(stale);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-certificate-recorded-change');
  await clerk.goto(`/orderer/certificates/${number}/print`);
  notice = printAlert(clerk);
  await expect(notice.getByRole('heading', { name: N.recordedTitle })).toBeVisible();
  await expect(notice).toContainText(item);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-print-recorded-change');

  // 解除: both print views say it on screen (date and reason) above the sheet, which keeps its own line.
  await officer.goto('/admin/applications?status=CONCLUDED');
  await officer.getByRole('link', { name: project }).click();
  await officer.getByLabel(new RegExp(`^${R.cancelledOn}`)).fill(TODAY);
  await officer.getByLabel(new RegExp(`^${R.cancelReason}`)).fill('工事の中止による契約解除');
  await officer.getByLabel(R.cancelConfirm).check();
  await officer.getByRole('button', { name: R.cancel }).click();
  await expect(officer.getByRole('status').filter({ hasText: R.saved.cancelled! })).toBeVisible();
  const cancelled = `${B.headline(B.status.CANCELLED)}${B.when.CANCELLED(TODAY)}`;
  for (const [page, path] of [
    [contractor, `/contractor/guarantees/${number}/print`],
    [clerk, `/orderer/certificates/${number}/print`],
  ] as const) {
    await page.goto(path);
    const banner = page.getByRole('status').filter({ hasText: cancelled });
    await expect(banner).toContainText(B.cancelled(TODAY));
    await expect(banner).toContainText(B.cancelReason('工事の中止による契約解除'));
    await expect(page.getByRole('article')).toContainText(cancelled);
    await expect(printAlert(page).getByRole('heading', { name: N.recordedTitle })).toBeVisible();
    await screenOnly(page, banner);
    await checkA11y(page);
  }
  await shots(contractor, 'contractor-print-cancelled');
  await shots(clerk, 'orderer-print-cancelled');
  await Promise.all([contractor.context().close(), officer.context().close(), clerk.context().close()]);

  // 期間満了: the demo's 〇〇公園整備工事 (read only), its print view says it on screen.
  const maru = await signedInPage(browser, 'maru01');
  await maru.goto('/contractor/guarantees?cond=project&q=%E5%85%AC%E5%9C%92');
  const row = maru.getByRole('table', { name: G.caption }).getByRole('row').filter({ hasText: '〇〇公園整備工事' });
  const park = (await row.getByRole('rowheader').textContent())!.trim();
  await maru.goto(`/contractor/guarantees/${park}/print`);
  const ended = endedTerm().guaranteeEnd;
  const banner = maru.getByRole('status').filter({ hasText: `${B.headline(B.status.EXPIRED)}${B.when.EXPIRED(ended)}` });
  await expect(banner).toContainText(B.expired(ended));
  await screenOnly(maru, banner);
  await checkA11y(maru);
  await shots(maru, 'contractor-print-expired');
  await maru.context().close();
});
