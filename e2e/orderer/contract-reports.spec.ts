import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { CONTRACT_LABELS as L } from '@/app/orderer/contracts/labels';
import { REPORT_LABELS as R } from '@/app/orderer/contracts/report-labels';
import { LOOKUP_LABELS as LK, ORDERER_CERTIFICATE_LABELS as OC } from '@/app/orderer/lookup/labels';
import { LOOKUP_MATCH_MESSAGES, LOOKUP_MATCH_NOTICE } from '@/domain/contracts/lookup-match-labels';
import { REPORT_CSV_HEADER, UNCONFIRMED_CSV_HEADER } from '@/domain/contracts/report-csv';
import { currentTerm } from '@/demo/term-dates';
import { addDaysIso, todayInTokyo } from '@/lib/dates';
import { checkA11y, expect, readAuthKey, shots, signedInPage, signIn, test } from '../fixtures';
import { ownGuarantee } from '../guarantees';
import type { Page } from '@playwright/test';

/**
 * 契約台帳 ↔ 保証証書, decision 072's amendment on the screens, with accounts of the test's own: the
 * clerk enters two contracts by hand, looks a certificate up with an unknown 契約番号 (the error at its
 * field, focused, nothing looked up), then with the right one (the certificate's page says it was
 * matched); the 確認済み一覧 shows the match's 契約台帳 column; 照合結果の一覧 lists its findings and
 * 保証未確認 the other contract (60 days old, 前払金 required, nothing matched); both CSVs download. axe
 * and 1280 / 390 px on every page; another orderer, a contractor and the signed-out are kept out.
 */

const d = (iso: string) => iso.replaceAll('-', '/');

async function enterContract(page: Page, values: { number: string; project: string; contractor: string; amount: string; date: string; start: string; end: string }) {
  await page.goto('/orderer/contracts/new');
  await page.getByLabel(new RegExp(`^${L.field.contractNumber}`)).fill(values.number);
  await page.getByLabel(new RegExp(`^${L.field.projectName}`)).fill(values.project);
  await page.getByLabel(new RegExp(`^${L.field.contractorName}`)).fill(values.contractor);
  await page.getByLabel(new RegExp(`^${L.field.contractAmount}`)).fill(values.amount);
  await page.getByLabel(new RegExp(`^${L.field.contractDate}`)).fill(values.date);
  await page.getByLabel(new RegExp(`^${L.field.periodStart}`)).fill(values.start);
  await page.getByLabel(new RegExp(`^${L.field.periodEnd}`)).fill(values.end);
  await page.getByLabel(new RegExp(`^${L.field.advanceShare}`)).fill('10分の4');
  await page.getByRole('button', { name: L.create }).click();
  await expect(page.getByRole('status').filter({ hasText: L.saved.created! })).toBeVisible();
  return new URL(page.url()).pathname;
}

test('match at lookup by 契約番号, the 契約台帳 column, 照合結果の一覧 and 保証未確認 with their CSVs', async ({ browser, newUser }) => {
  test.slow();
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const project = `〇〇照会照合工事E2E${tag}`;
  const { contractor, clerkAccount, number } = await ownGuarantee(browser, newUser, project);
  const key = await readAuthKey(contractor, number);
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  const term = currentTerm();
  const today = todayInTokyo();
  const matchedNumber = `LK-${tag}`;
  const waitingNumber = `UC-${tag}`;
  // The register's 受注者 differs from the certificate's company: a finding to act on once matched.
  const matchedPath = await enterContract(clerk, {
    number: matchedNumber,
    project: `${project}01`,
    contractor: '株式会社照合確認建設',
    amount: '60,000,000',
    date: d(term.contractDate),
    start: d(term.periodStart),
    end: d(term.periodEnd),
  });
  await enterContract(clerk, {
    number: waitingNumber,
    project: `〇〇未着工事E2E${tag}`,
    contractor: '株式会社未着建設',
    amount: '20,000,000',
    date: d(addDaysIso(today, -60)),
    start: d(addDaysIso(today, -59)),
    end: d(addDaysIso(today, 200)),
  });

  // The lookup with an unknown 契約番号: refused at its field before the lookup, focused, everything kept.
  await clerk.goto(`/orderer/lookup?number=${number}`);
  await clerk.getByLabel(new RegExp(`^${LK.key}`)).fill(key);
  const contractField = clerk.getByLabel(new RegExp(`^${LK.contractNumber.replace(/[（）]/g, '.')}`));
  await contractField.fill(`NO-${tag}`);
  await clerk.getByRole('button', { name: LK.submit }).click();
  await expect(clerk.getByText(LOOKUP_MATCH_MESSAGES.unknown)).toBeVisible();
  await expect(contractField).toBeFocused();
  await expect(contractField).toHaveValue(`NO-${tag}`);
  await expect(clerk.getByLabel(new RegExp(`^${LK.key}`))).toHaveValue(key);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-lookup-contract-unknown');

  // The right 契約番号 (typed in 全角): confirmed and matched, the certificate's page says so.
  await contractField.fill(matchedNumber.replace(/[0-9A-Za-z-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
  await clerk.getByRole('button', { name: LK.submit }).click();
  await expect(clerk.getByRole('status').filter({ hasText: OC.confirmedSaved })).toBeVisible();
  await expect(clerk.getByText(LOOKUP_MATCH_NOTICE.matched(matchedNumber))).toBeVisible();
  await expect(clerk.getByRole('link', { name: LOOKUP_MATCH_NOTICE.toContract(matchedNumber) })).toHaveAttribute('href', matchedPath);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-lookup-contract-matched');

  // 確認済み一覧: the row's 契約台帳 column, 要確認 1件 (受注者) with the contract linked.
  await clerk.goto(`/orderer/confirmed?cond=number&q=${number}`);
  const row = clerk.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText(C.contractMatch.problems(1));
  await expect(row.getByRole('link', { name: C.openContract(matchedNumber) })).toBeVisible();
  await checkA11y(clerk);
  await shots(clerk, 'orderer-confirmed-contract-column');

  // 照合結果の一覧: the finding on its line; the CSV with a BOM and its columns.
  await clerk.getByRole('link', { name: L.title, exact: true }).first().click();
  await clerk.getByRole('navigation', { name: R.tabs.label }).getByRole('link', { name: R.tabs.report }).click();
  await expect(clerk.getByRole('heading', { name: R.title, level: 1 })).toBeVisible();
  const line = clerk.getByRole('row').filter({ hasText: matchedNumber });
  await expect(line).toContainText('受注者が異なります');
  await expect(line).toContainText(R.findingKind.problem);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-contracts-report');
  const [reportFile] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: R.csv }).click()]);
  const reportBytes = fs.readFileSync((await reportFile.path())!);
  expect([...reportBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const reportLines = reportBytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(reportLines[0]).toBe(REPORT_CSV_HEADER.join(','));
  expect(reportLines.some((l) => l.includes(matchedNumber) && l.includes('受注者が異なります'))).toBe(true);

  // 保証未確認: the 60-day-old contract, not the matched one; a bad number of days is said at its field.
  await clerk.getByRole('navigation', { name: R.tabs.label }).getByRole('link', { name: R.tabs.unconfirmed }).click();
  await expect(clerk.getByRole('heading', { name: R.unconfirmedTitle, level: 1 })).toBeVisible();
  const waiting = clerk.getByRole('table').getByRole('row').filter({ hasText: waitingNumber });
  await expect(waiting).toContainText(R.requiredGuarantee.advance);
  await expect(waiting).toContainText(R.daysSince(60));
  await expect(clerk.getByRole('table').getByRole('row').filter({ hasText: matchedNumber })).toHaveCount(0);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-contracts-unconfirmed');
  const days = clerk.getByLabel(new RegExp(`^${R.daysLabel}`));
  await days.fill('三十');
  await clerk.getByRole('button', { name: R.show }).click();
  await expect(clerk.getByText(R.daysError)).toBeVisible();
  await expect(clerk.getByLabel(new RegExp(`^${R.daysLabel}`))).toHaveValue('三十');
  await checkA11y(clerk);
  await clerk.getByLabel(new RegExp(`^${R.daysLabel}`)).fill('61');
  await clerk.getByRole('button', { name: R.show }).click();
  // The 61-day list loaded (other contracts of 大村市 — the demo's, other tests' — may be on it): its count says 61.
  await expect(clerk).toHaveURL(/days=61/);
  await expect(clerk.getByText(R.unconfirmedCount(0, 61).replace(/\s*0件$/, ''))).toBeVisible();
  await expect(clerk.getByRole('table').getByRole('row').filter({ hasText: waitingNumber })).toHaveCount(0);
  await clerk.getByLabel(new RegExp(`^${R.daysLabel}`)).fill('14');
  await clerk.getByRole('button', { name: R.show }).click();
  const [waitingFile] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: R.csv }).click()]);
  const waitingLines = fs.readFileSync((await waitingFile.path())!).subarray(3).toString('utf8').trim().split('\r\n');
  expect(waitingLines[0]).toBe(UNCONFIRMED_CSV_HEADER.join(','));
  expect(waitingLines.some((l) => l.startsWith(`${waitingNumber},`))).toBe(true);
  await Promise.all([clerk, contractor].map((p) => p.context().close()));
});

test('another orderer, a contractor and the signed-out do not reach the reports or their CSVs', async ({ browser, newUser }) => {
  const [owner, stranger, contractorAccount] = await Promise.all([
    newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' }),
    newUser({ side: 'orderer', organization: '〇〇県', department: '土木部監理課' }),
    newUser({ side: 'contractor' }),
  ]);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const ownerPage = await signedInPage(browser, owner.loginId, owner.password);
  const today = todayInTokyo();
  await enterContract(ownerPage, {
    number: `ACL-${tag}`,
    project: 'アクセス確認工事',
    contractor: '株式会社〇〇建設',
    amount: '1000000',
    date: d(addDaysIso(today, -30)),
    start: d(addDaysIso(today, -29)),
    end: d(addDaysIso(today, 100)),
  });
  await ownerPage.goto('/orderer/contracts/unconfirmed');
  await expect(ownerPage.getByRole('row').filter({ hasText: `ACL-${tag}` })).toHaveCount(1);

  const strangerPage = await signedInPage(browser, stranger.loginId, stranger.password);
  for (const path of ['/orderer/contracts/unconfirmed?days=0', '/orderer/contracts/report']) {
    await strangerPage.goto(path);
    await expect(strangerPage.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(strangerPage.getByText(`ACL-${tag}`)).toHaveCount(0);
  }
  for (const path of ['/orderer/contracts/unconfirmed/csv?days=0', '/orderer/contracts/report/csv']) {
    const response = await strangerPage.request.get(path);
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain(`ACL-${tag}`);
  }
  const contractorPage = await browser.newPage();
  await signIn(contractorPage, contractorAccount.loginId, contractorAccount.password);
  for (const path of ['/orderer/contracts/report', '/orderer/contracts/unconfirmed']) expect((await contractorPage.goto(path))!.status(), path).toBe(404);
  for (const path of ['/orderer/contracts/report/csv', '/orderer/contracts/unconfirmed/csv']) expect((await contractorPage.request.get(path)).status(), path).toBe(404);
  const anonymous = await browser.newPage();
  await anonymous.goto('/orderer/contracts/report');
  await expect(anonymous).toHaveURL(/\/login/);
  await anonymous.goto('/orderer/contracts/unconfirmed');
  await expect(anonymous).toHaveURL(/\/login/);
  for (const path of ['/orderer/contracts/report/csv', '/orderer/contracts/unconfirmed/csv']) expect((await anonymous.request.get(path)).status(), path).toBe(401);
  await Promise.all([ownerPage, strangerPage, contractorPage, anonymous].map((p) => p.close()));
});
