import type { Locator, Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { LOOKUP_LABELS as L, ORDERER_CERTIFICATE_LABELS as O } from '@/app/orderer/lookup/labels';
import { checkA11y, expect, readAuthKey, shots, signedInPage, test } from '../fixtures';
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
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The lists on the page: each ListTable's wrapper. */
const lists = (page: Page) => page.locator('.list-table');

/** How many lines the text of `cell` takes (its text's line boxes, by their tops). */
async function lineCount(cell: Locator): Promise<number> {
  return cell.evaluate((element) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
    }
    tops.sort((a, b) => a - b);
    // Text of one line may sit a few pixels apart (a link, a tag with a border): a new line starts more than half a line lower.
    const half = parseFloat(getComputedStyle(element).fontSize) / 2;
    return tops.filter((top, i) => i === 0 || top - tops[i - 1]! > half).length;
  });
}

/** At 1280 px: every list on the page fits its place (nothing to scroll sideways inside it). */
async function fitsOnDesktop(page: Page) {
  await page.setViewportSize(DESKTOP);
  for (const list of await lists(page).all()) {
    const { scroll, client } = await list.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll, `a list on ${page.url()} scrolls sideways at 1280 px`).toBeLessThanOrEqual(client);
  }
}

/**
 * At 390 px: every row of every list is a card inside the screen: each cell's box within the
 * viewport, each labelled cell showing its column's header, its links and buttons inside the screen;
 * the page does not scroll sideways.
 */
async function cardsOnPhone(page: Page) {
  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} scrolls sideways at 390 px`).toBeLessThanOrEqual(PHONE.width);
  const problems = await page.evaluate((width) => {
    const found: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('.list-table table')) {
      for (const cell of table.querySelectorAll<HTMLElement>('tbody tr > th, tbody tr > td')) {
        const box = cell.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1) continue; // an empty cell, hidden on the card
        const label = cell.dataset.label;
        const name = `${label ?? '(no label)'} 「${cell.textContent?.trim().slice(0, 20)}」`;
        if (box.left < 0 || box.right > width) found.push(`${name}: x ${Math.round(box.left)}–${Math.round(box.right)}`);
        if (cell.scrollWidth > cell.clientWidth + 1) found.push(`${name}: its text runs out of the card`);
        if (label) {
          const before = getComputedStyle(cell, '::before');
          if (before.display === 'none' || !before.content.includes(label)) found.push(`${name}: its label is not shown`);
        }
        for (const control of cell.querySelectorAll<HTMLElement>('a, button')) {
          const r = control.getBoundingClientRect();
          if (r.left < 0 || r.right > width) found.push(`${name}: 「${control.textContent?.trim()}」 off-screen`);
        }
      }
    }
    return found;
  }, PHONE.width);
  expect(problems, `cards on ${page.url()} at 390 px`).toEqual([]);
}

/** Both widths' checks, axe, and the screenshots (shots) of the page; `listed: false` for a page whose lists may all be empty. */
async function checkLists(page: Page, name: string, { listed = true } = {}) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (listed) await expect(lists(page).first()).toBeVisible();
  await fitsOnDesktop(page);
  await cardsOnPhone(page);
  await checkA11y(page);
  await shots(page, `lists/${name}`);
}

/** The cell of `row` under the column labelled `label`. */
const cellOf = (row: Locator, label: string) => row.locator(`[data-label="${label}"]`);

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
