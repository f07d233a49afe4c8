import type { Locator, Page, Route } from '@playwright/test';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as CL } from '@/app/admin/labels';
import { JOINT_VENTURE_LABELS as L } from '@/app/admin/joint-ventures/labels';
import { CONTRACTOR_JOINT_VENTURE_LABELS as CJ } from '@/app/contractor/joint-ventures/labels';
import { JOINT_VENTURE_MESSAGES as M, JOINT_VENTURE_WARNINGS as W } from '@/domain/joint-ventures/rules';
import { todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { checkA11y, expect, shots, signIn, signedInPage, test } from '../fixtures';

/**
 * 共同企業体 (decision 065): an officer registers a JV — sent first with shares summing to 90 %, the
 * error at the members and the focus on the first share, everything typed kept; rows added and removed
 * with the keyboard — then edits it and records its 解散. A member company's user reads it on its own
 * read-only list; a company in no JV reads none. axe on every page, both widths.
 */

const run = Date.now().toString(36);

/** A field by its whole label, with or without the 必須 mark (会社名 is not 会社名（カナ）). */
const field = (page: Page | Locator, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(必須)?$`));

const menu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });

/** A contractor company registered by the officer on its screen; its name. */
async function registerCompany(page: Page, name: string): Promise<string> {
  await page.goto('/admin/contractors/new');
  await field(page, CL.fields.name).fill(name);
  await field(page, CL.fields.address).fill('長崎県大村市玖島1丁目1番1号');
  await page.getByRole('button', { name: C.create }).click();
  await expect(page).toHaveURL(/\/admin\/contractors\/[0-9a-f-]{36}\?saved=created$/);
  return name;
}

/** A member row's company box (a combobox; its list has the same name). */
const company = (page: Page, row: number) => page.getByRole('combobox', { name: L.companyOf(row), exact: true });
const suggestions = (page: Page, row: number) => page.getByRole('listbox', { name: L.companyOf(row), exact: true });

/**
 * A company chosen in a row with the keyboard: a part of its name typed, ↓ to the option named
 * `name` (aria-activedescendant: the focus stays in the box), Enter; the box then shows the name.
 */
async function chooseCompany(page: Page, row: number, typed: string, name: string) {
  const box = company(page, row);
  await box.fill(typed);
  const list = suggestions(page, row);
  await expect(list.getByRole('option', { name, exact: true })).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const options = await list.getByRole('option').allTextContents();
  for (let i = 0; i <= options.indexOf(name); i++) await box.press('ArrowDown');
  const active = list.getByRole('option', { name, exact: true });
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id'))!);
  await box.press('Enter');
  await expect(box).toHaveValue(name);
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  await expect(box).toBeFocused();
}
const share = (page: Page, row: number) => page.getByLabel(L.shareOf(row), { exact: true });
const representative = (page: Page, row: number) => page.getByLabel(L.representativeOf(row), { exact: true });
const rows = (page: Page) => page.locator('form tbody tr');

test('an officer registers a JV after a share error, edits it and records its 解散; a member reads it, another company none', async ({ page, browser, newUser }) => {
  test.setTimeout(240_000);
  await signIn(page, 'admin');
  const lead = await registerCompany(page, `株式会社試験JV建設${run}`);
  const partner = await registerCompany(page, `株式会社試験JV工務店${run}`);
  const lonely = await registerCompany(page, `株式会社試験単独建設${run}`);
  const name = `試験・JV特定建設工事共同企業体${run}`;

  await page.goto('/admin');
  await menu(page).getByRole('link', { name: L.listTitle }).click();
  await expect(page).toHaveURL(/\/admin\/joint-ventures$/);
  await expect(page.getByRole('heading', { level: 1, name: L.listTitle })).toBeVisible();
  await checkA11y(page);
  await shots(page, 'admin-joint-ventures');

  await page.getByRole('link', { name: L.newLink }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.newTitle })).toBeVisible();
  await checkA11y(page);
  await shots(page, 'admin-joint-venture-new');

  await field(page, L.fields.name).fill(name);
  // The members table has a name of its own.
  await expect(page.getByRole('table', { name: L.membersTable })).toBeVisible();
  await expect(page.getByRole('radio', { name: L.kinds.SPECIFIC })).toBeChecked();
  await expect(page.getByRole('radio', { name: L.modes.JOINT })).toBeChecked();
  await field(page, L.fields.formedOn).fill('2026/04/01');
  // The company box: a part of the name typed (全角 digits fold), chosen by ↓ and Enter.
  await chooseCompany(page, 1, `ＪＶ建設${run}`, lead);
  await share(page, 1).fill('６０');
  // Escape closes the list and leaves what was typed; typing again reopens it.
  await company(page, 2).fill(`工務店${run}`);
  await expect(suggestions(page, 2).getByRole('option', { name: partner })).toBeVisible();
  await company(page, 2).press('Escape');
  await expect(suggestions(page, 2)).toBeHidden();
  await expect(company(page, 2)).toHaveValue(`工務店${run}`);
  await expect(company(page, 2)).toBeFocused();
  await chooseCompany(page, 2, `JV工務店${run}`, partner);
  await share(page, 2).fill('30');
  // A name no company has: said at the box, and nothing to choose.
  await company(page, 3).fill(`該当なし${run}`);
  await expect(page.getByRole('status').filter({ hasText: L.company.none })).toBeVisible();
  await expect(company(page, 3)).toHaveAttribute('aria-expanded', 'false');
  await company(page, 3).fill('');
  await expect(page.getByText(L.company.none)).toHaveCount(0);
  // The list open: axe at both widths (the list is over the page, nothing scrolls sideways at 390 px).
  await company(page, 3).fill(run);
  await expect(suggestions(page, 3).getByRole('option')).toHaveCount(3);
  await expect(suggestions(page, 3).getByRole('option', { name: lonely })).toBeVisible();
  await checkA11y(page);
  await shots(page, 'admin-joint-venture-company-open');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(suggestions(page, 3)).toBeVisible();
  await checkA11y(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await company(page, 3).press('Escape');
  await company(page, 3).fill('');
  await expect(representative(page, 1)).toBeChecked();
  await expect(rows(page)).toHaveCount(3);

  // Sent with 90 %: the error under the members, the focus on the first share, everything kept.
  await page.getByRole('button', { name: L.create }).click();
  await expect(page.getByText(M.shareSum(9000))).toBeVisible();
  await expect(share(page, 1)).toBeFocused();
  await expect(share(page, 2)).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/admin\/joint-ventures\/new$/);
  await expect(field(page, L.fields.name)).toHaveValue(name);
  await expect(company(page, 1)).toHaveValue(lead);
  await expect(company(page, 2)).toHaveValue(partner);
  await expect(share(page, 2)).toHaveValue('30');
  await checkA11y(page);
  await shots(page, 'admin-joint-venture-error');

  // Rows with the keyboard: 構成員を追加 gives a fourth row whose company takes the focus; its
  // この行を削除 takes it away again and gives the focus back to 構成員を追加; what was typed stays.
  await page.getByRole('button', { name: L.addMember }).focus();
  await page.keyboard.press('Enter');
  await expect(rows(page)).toHaveCount(4);
  await expect(company(page, 4)).toBeFocused();
  // The 代表者's radio buttons are one stop (the one chosen, in row 1): Tab goes on to the share.
  await page.keyboard.press('Tab');
  await expect(share(page, 4)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: L.removeRowOf(4) })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByRole('button', { name: L.addMember })).toBeFocused();
  await expect(share(page, 1)).toHaveValue('６０');
  await expect(share(page, 2)).toHaveValue('30');
  await expect(company(page, 1)).toHaveValue(lead);
  await expect(company(page, 2)).toHaveValue(partner);

  // 40 %: the sum's error goes as it is typed.
  await share(page, 2).fill('40');
  await expect(page.getByText(M.shareSum(9000))).toHaveCount(0);
  // A company typed but not chosen, its share blank: not a blank row — the error at that row's box,
  // which takes the focus, and the text stays; sent with a share, the same.
  await company(page, 3).fill(`単独`);
  await page.getByRole('button', { name: L.create }).click();
  await expect(page.getByText(M.companyNotChosen)).toBeVisible();
  await expect(company(page, 3)).toBeFocused();
  await expect(company(page, 3)).toHaveAttribute('aria-invalid', 'true');
  await expect(company(page, 3)).toHaveValue('単独');
  await expect(page).toHaveURL(/\/admin\/joint-ventures\/new$/);
  await share(page, 3).fill('10');
  await page.getByRole('button', { name: L.create }).click();
  await expect(page.getByText(M.companyNotChosen)).toBeVisible();
  await expect(company(page, 3)).toBeFocused();
  await checkA11y(page);
  // Chosen: the error goes; the row emptied again is a blank row.
  await chooseCompany(page, 3, `単独建設${run}`, lonely);
  await expect(page.getByText(M.companyNotChosen)).toHaveCount(0);
  await expect(company(page, 3)).not.toHaveAttribute('aria-invalid', 'true');
  await company(page, 3).fill('');
  await share(page, 3).fill('');

  // Registered.
  await page.getByRole('button', { name: L.create }).click();
  await expect(page).toHaveURL(/\/admin\/joint-ventures\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: L.saved.created! })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByRole('main')).toContainText(`${L.status}: ${L.active}`);
  await expect(share(page, 1)).toHaveValue('60');
  await expect(share(page, 2)).toHaveValue('40');
  // The edit page names the members without any list of companies.
  await expect(company(page, 1)).toHaveValue(lead);
  await expect(company(page, 2)).toHaveValue(partner);
  await checkA11y(page);
  await shots(page, 'admin-joint-venture-edit');

  // Edit: the 代表者 with the smaller share is a warning (never a refusal); 55/45 and 経常JV saved.
  await representative(page, 2).check();
  await expect(page.getByText(W.representativeNotLargest)).toBeVisible();
  await representative(page, 1).check();
  await expect(page.getByText(W.representativeNotLargest)).toHaveCount(0);
  await share(page, 1).fill('55');
  await share(page, 2).fill('45');
  await page.getByRole('radio', { name: L.kinds.REGULAR }).check();
  await page.getByRole('button', { name: L.save }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: L.saved['1']! })).toBeVisible();
  await expect(share(page, 1)).toHaveValue('55');
  await expect(page.getByRole('radio', { name: L.kinds.REGULAR })).toBeChecked();

  // 解散 today.
  const today = todayInTokyo();
  const close = page.locator('#close');
  await expect(close).toContainText(L.close.lead);
  await field(close, L.close.closedOn).fill(today.replaceAll('-', '/'));
  await close.getByRole('button', { name: L.close.submit }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: L.saved.closed! })).toBeVisible();
  const closed = L.closed(today);
  expect(closed).toBe(`解散（${formatJapaneseDateShort(today)}）`);
  await expect(page.getByRole('main')).toContainText(`${L.status}: ${closed}`);
  await checkA11y(page);
  await shots(page, 'admin-joint-venture-closed');

  // The list, searched by a part of the name.
  await page.goto('/admin/joint-ventures');
  await page.getByLabel(L.searchLabel).fill(run);
  await page.getByRole('button', { name: C.search }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(L.member(lead, '55'));
  await expect(row).toContainText(L.member(partner, '45'));
  await expect(row).toContainText(closed);
  await expect(page.getByRole('row')).toHaveCount(2);
  await checkA11y(page);
  await shots(page, 'admin-joint-ventures-search');

  // A user of the member company: its list, read-only (no link, no form); the officers' page is a 404.
  const member = await newUser({ side: 'contractor', organization: partner });
  const memberPage = await signedInPage(browser, member.loginId, member.password);
  await menu(memberPage).getByRole('link', { name: CJ.title }).click();
  await expect(memberPage).toHaveURL(/\/contractor\/joint-ventures$/);
  await expect(memberPage.getByRole('heading', { level: 1, name: CJ.title })).toBeVisible();
  await expect(memberPage.getByText(CJ.note)).toBeVisible();
  const memberRow = memberPage.getByRole('row').filter({ hasText: name });
  await expect(memberRow).toContainText(CJ.member(lead, '55'));
  await expect(memberRow).toContainText(closed);
  await expect(memberRow.getByRole('link')).toHaveCount(0);
  await expect(memberPage.locator('main form')).toHaveCount(0);
  await checkA11y(memberPage);
  await shots(memberPage, 'contractor-joint-ventures');
  const jvLink = await row.getByRole('link', { name }).getAttribute('href');
  expect(jvLink).toMatch(/^\/admin\/joint-ventures\/[0-9a-f-]{36}$/);
  expect((await memberPage.goto(jvLink!))?.status()).toBe(404);
  await memberPage.context().close();

  // A company in no JV: the empty list.
  const outsider = await newUser({ side: 'contractor', organization: lonely });
  const outsiderPage = await signedInPage(browser, outsider.loginId, outsider.password);
  await outsiderPage.goto('/contractor/joint-ventures');
  await expect(outsiderPage.getByText(CJ.empty)).toBeVisible();
  await expect(outsiderPage.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  await checkA11y(outsiderPage);
  await shots(outsiderPage, 'contractor-joint-ventures-empty');
  await outsiderPage.context().close();
});

test('orderers and contractors get the 404 page on the officers’ JV pages; the signed-out the sign-in page', async ({ browser, page }) => {
  await page.goto('/admin/joint-ventures');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fjoint-ventures$/);
  for (const loginId of ['omura01', 'maru01']) {
    const other = await signedInPage(browser, loginId);
    for (const path of ['/admin/joint-ventures', '/admin/joint-ventures/new']) {
      expect((await other.goto(path))?.status()).toBe(404);
    }
    await other.context().close();
  }
  // An orderer has no 共同企業体 list of its own.
  const clerk = await signedInPage(browser, 'omura01');
  expect((await clerk.goto('/contractor/joint-ventures'))?.status()).toBe(404);
  await clerk.context().close();
});

test('the company box aborts the search in flight when a key is typed: an answer for older text never shows', async ({ page }) => {
  await signIn(page, 'admin');
  // The page's timers under the test's hand: the box's pause runs only when told to.
  await page.clock.install();
  // The first search is held until the test lets it answer, with a company of its own making.
  let held: ((route: Route) => void) | undefined;
  const first = new Promise<Route>((resolve) => (held = resolve));
  await page.route('**/admin/joint-ventures/companies?*', async (route) => {
    if (held) {
      const hand = held;
      held = undefined;
      hand(route);
    } else await route.continue();
  });
  await page.goto('/admin/joint-ventures/new');
  await expect(company(page, 1)).toBeEditable();
  await page.clock.pauseAt(Date.now() + 60_000);
  await company(page, 1).pressSequentially('古');
  await page.clock.runFor(500);
  const route = await first;
  const request = route.request();
  const outcome = Promise.race([
    page.waitForEvent('requestfailed', (r) => r === request).then(() => 'aborted'),
    page.waitForEvent('requestfinished', (r) => r === request).then(() => 'answered'),
  ]);
  // A key typed while the first search is in flight: it is aborted at once, before its answer comes.
  await company(page, 1).pressSequentially('い');
  await route.fulfill({ json: { companies: [{ id: '00000000-0000-4000-8000-000000000000', name: '古い答えの会社' }], more: false } }).catch(() => undefined);
  expect(await outcome).toBe('aborted');
  await expect(suggestions(page, 1).getByRole('option', { name: '古い答えの会社' })).toHaveCount(0);
});
