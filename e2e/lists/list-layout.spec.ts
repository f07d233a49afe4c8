import type { Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { LOOKUP_LABELS as L, ORDERER_CERTIFICATE_LABELS as O } from '@/app/orderer/lookup/labels';
import { expect, readAuthKey, signedInPage, test } from '../fixtures';
import { cellOf, checkLists, DESKTOP, lineCount, lists, PHONE } from '../lists';
import { ownGuarantee } from '../guarantees';

/**
 * Every list (src/components/list-table.tsx) at a 1280 px desktop and on a 390 px phone:
 *   - 1280 px: the list fits its place without scrolling sideways; in the lists of guarantees a long
 *     工事名 takes at most two lines, the demo's on one, and 発注者 (大村市長), 受注者 and the amounts
 *     never wrap;
 *   - 390 px: each row is a card whose every cell (the primary ones, 工事名, the amounts and the
 *     「表示」 link included) lies inside the screen, labelled with its column's header, and the page
 *     does not scroll sideways; the table is still a table (rows of cells under column headers) to a
 *     screen reader.
 * A guarantee of the test's own (a long 工事名), confirmed by a clerk of its own, fills 確認済み一覧
 * and the 確認記録; everything else is the demo data, only read.
 */

/**
 * A long name as public works have them, unique to the run: about 22 characters' width with the 01
 * the test route puts after it, so at the 12 characters a line 工事名 is always given it takes two lines
 * whatever else the list holds.
 */
const LONG_PROJECT = `市道大村中央線改良工事（その${Date.now().toString(36).slice(-4)}）附帯工事`;
const SEWER = '〇〇下水道管渠工事';
test('every list reads at a glance at 1280 px and as cards on a 390 px phone', async ({ browser, newUser }) => {
  test.slow(); // a guarantee of its own, a lookup, and some twenty pages at two widths
  const { contractor, officer, clerkAccount, number } = await ownGuarantee(browser, newUser, LONG_PROJECT);
  const key = await readAuthKey(contractor, number);
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.goto(`/orderer/lookup?number=${number}`);
  await clerk.getByLabel(new RegExp(`^${L.key}`)).fill(key);
  await clerk.getByRole('button', { name: L.submit }).click();
  await expect(clerk.getByRole('status').filter({ hasText: O.confirmedSaved })).toBeVisible();

  // 保証工事一覧: the flyer's columns.
  await contractor.goto('/contractor/guarantees');
  await checkLists(contractor, 'contractor-guarantees');
  await contractor.goto(`/contractor/guarantees?cond=project&q=${encodeURIComponent(SEWER)}`);
  const demoRow = contractor.getByRole('row').filter({ hasText: SEWER });
  expect(await lineCount(cellOf(demoRow, G.columns.project))).toBe(1);
  // The test's own guarantee is the newest: on the first page, among the demo's (or, in a long run, other tests').
  await contractor.goto('/contractor/guarantees');
  const ownRow = contractor.getByRole('row').filter({ hasText: number });
  expect(await lineCount(cellOf(ownRow, G.columns.project))).toBeLessThanOrEqual(2);
  for (const column of [G.columns.orderer, G.columns.contract, G.columns.amount, G.columns.issuedOn, G.columns.confirmed]) {
    expect(await lineCount(cellOf(ownRow, column)), column).toBe(1);
  }
  await expect(cellOf(ownRow, G.columns.orderer)).toHaveText('大村市長');
  // On the phone: the card's number, 工事名, amounts and 「表示」 are on screen (cardsOnPhone checked every cell).
  await contractor.setViewportSize(PHONE);
  const show = ownRow.getByRole('link', { name: G.showKeyFor(number) });
  await show.scrollIntoViewIfNeeded();
  await expect(show).toBeInViewport({ ratio: 1 });
  // A screen reader still meets a table of rows and cells under column headers, and a cell's name is
  // its value alone (the card's label is the column header's, not said twice).
  const tree = await axTree(contractor);
  for (const role of ['table', 'row', 'columnheader', 'rowheader', 'cell']) expect(tree.map((n) => n.role), `role ${role} at 390 px`).toContain(role);
  const project = (await cellOf(ownRow, G.columns.project).textContent())!.trim();
  expect(project).toContain(LONG_PROJECT);
  expect(tree.filter((n) => n.role === 'cell' && n.name.includes(LONG_PROJECT)).map((n) => n.name)).toEqual([project]);
  await contractor.setViewportSize(DESKTOP);

  await contractor.goto('/contractor/premiums');
  await checkLists(contractor, 'contractor-premiums');
  await contractor.goto('/contractor/applications');
  await checkLists(contractor, 'contractor-applications');
  await contractor.goto(`/contractor/guarantees/${number}/key`);
  await checkLists(contractor, 'contractor-key-history');
  await contractor.goto(`/contractor/guarantees?cond=project&q=${encodeURIComponent(SEWER)}`);
  const sewerNumber = (await demoRow.getByRole('rowheader').textContent())!.trim();
  await contractor.goto(`/contractor/guarantees/${sewerNumber}`);
  await checkLists(contractor, 'contractor-certificate-changes');
  await contractor.goto(`/contractor/guarantees/${number}`);
  await checkLists(contractor, 'contractor-certificate-confirmations');

  // The orderer's lists.
  // Searched by its number: other specs' clerks of 大村市 confirm guarantees meanwhile, which can push
  // this one off the first page.
  await clerk.goto(`/orderer/confirmed?cond=number&q=${number}`);
  await checkLists(clerk, 'orderer-confirmed');
  await clerk.setViewportSize(DESKTOP);
  const confirmedRow = clerk.getByRole('row').filter({ hasText: number });
  expect(await lineCount(cellOf(confirmedRow, C.columns.project))).toBeLessThanOrEqual(2);
  expect(await lineCount(cellOf(confirmedRow, C.columns.amount))).toBe(1);
  await clerk.goto(`/orderer/certificates/${number}`);
  await checkLists(clerk, 'orderer-certificate-records');
  await clerk.goto('/orderer');
  await checkLists(clerk, 'orderer-home');

  // The officers' lists.
  await officer.goto('/admin/applications');
  await checkLists(officer, 'admin-applications');
  await officer.goto(`/admin/applications?status=CONCLUDED&q=${number}`);
  const applicationRow = officer.getByRole('row').filter({ hasText: number });
  expect(await lineCount(cellOf(applicationRow, R.columns.projectName))).toBeLessThanOrEqual(2);
  for (const [path, name] of [
    ['/admin', 'admin-home'],
    ['/admin/guarantees', 'admin-guarantees'],
    ['/admin/users', 'admin-users'],
    ['/admin/contractors', 'admin-contractors'],
    ['/admin/orderers', 'admin-orderers'],
    ['/admin/outbox', 'admin-outbox'],
    ['/admin/lookups', 'admin-lookups'],
    ['/admin/premium-rates', 'admin-premium-rates'],
    [`/admin/guarantees/${sewerNumber}`, 'admin-guarantee-changes'],
    [`/admin/guarantees/${sewerNumber}/payment`, 'admin-payment'],
  ] as const) {
    await officer.goto(path);
    await checkLists(officer, name);
  }
  // 接続元の範囲: the demo has none (adding one would change every other test's budgets).
  await officer.goto('/admin/gateways');
  await checkLists(officer, 'admin-gateways', { listed: false });
  // The page of a row's link: the demo's organisations, searched by name (other specs add companies
  // without accounts, whose page has no list), otherwise the first row (a mail of the demo has no attachments:
  // its list may be empty).
  for (const [path, name, listed, row] of [
    ['/admin/orderers', 'admin-orderer', true, '大村市'],
    ['/admin/contractors', 'admin-contractor', true, '株式会社〇〇建設'],
    ['/admin/outbox', 'admin-outbox-mail', false, null],
    ['/admin/premium-rates', 'admin-premium-rate-table', true, null],
  ] as const) {
    await officer.goto(row ? `${path}?q=${encodeURIComponent(row)}` : path);
    const list = lists(officer);
    await (row ? list.getByRole('link', { name: row, exact: true }) : list.locator('tbody tr a')).first().click();
    await expect(officer).not.toHaveURL(new RegExp(`${path}(\\?|$)`));
    await checkLists(officer, name, { listed });
  }
  for (const page of [contractor, officer, clerk]) await page.context().close();
});

/** The page's accessibility tree (role and name of each node) as Chromium builds it for the screen at its present size. */
async function axTree(page: Page): Promise<{ role: string; name: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: unknown }; name?: { value?: unknown } }[] };
    return nodes.map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? '').trim() }));
  } finally {
    await cdp.detach();
  }
}
