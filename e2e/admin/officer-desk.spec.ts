import { randomBytes } from 'node:crypto';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { OFFICER_GUARANTEE_LIST_LABELS as G } from '@/app/admin/guarantees/list-labels';
import { WAITING_HREF, WAITING_LABELS as W } from '@/app/admin/_components/waiting-labels';
import { MAIL_TEMPLATE_LABEL, OUTBOX_LABELS as M } from '@/app/admin/outbox/labels';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { APPLICATION_LABELS as A } from '@/app/contractor/applications/labels';
import { APPLICATION_SUBMITTED_TEMPLATE } from '@/domain/applications/mail-texts';
import { aboveContractMessage, amountBounds } from '@/domain/applications/rules';
import { COMMON_LABELS as C } from '@/components/common-labels';
import { DEMO_ACCOUNTS } from '@/demo/accounts';
import { currentTerm } from '@/demo/term-dates';
import { OMURA_RULES } from '../../tests/support/samples';
import { checkA11y, expect, shots, signedInPage, signIn, test } from '../fixtures';
import { field, fillApplication, manyGuarantees, submittedApplication } from '../guarantees';

/**
 * The officer's desk (issue 14, item 8): 保証一覧 searched and paged, the admin home's panel of what
 * waits, the 保証金額 limit message at its field, and the officers' mail when an application arrives.
 */

test('保証一覧: search by 工事名 and by the number\'s first digits, page forward and back, open 保証の管理', async ({ page, request }) => {
  test.slow(); // 21 guarantees concluded on the server first
  const project = `頁送り${randomBytes(3).toString('hex')}工事`;
  const made = await manyGuarantees(request, 21, project);
  const newestFirst = [...made.guarantees].sort((a, b) => (a.number < b.number ? 1 : -1));

  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: G.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: G.title })).toBeVisible();
  await checkA11y(page);

  // 工事名, a part of it: 21 rows, 20 on the first page, newest number first.
  const search = page.getByRole('search', { name: G.searchTitle });
  await search.getByLabel(G.fields.project).fill(project);
  await search.getByRole('button', { name: G.search }).click();
  await expect(page).toHaveURL(/project=/);
  const table = page.getByRole('table', { name: G.caption });
  const numbers = table.getByRole('rowheader');
  await expect(numbers).toHaveCount(20);
  await expect(numbers.first()).toHaveText(newestFirst[0]!.number);
  const paging = page.getByRole('navigation', { name: G.paging });
  await expect(paging).toContainText(G.total(21, false));
  await expect(table.getByRole('row').filter({ hasText: newestFirst[0]!.number })).toContainText(made.contractor);
  await checkA11y(page);
  await shots(page, 'admin-guarantees');

  // 次へ: the 21st; 前へ: the same 20 again. The search stays in the box and in the URL.
  await paging.getByRole('link', { name: G.next }).click();
  await expect(page).toHaveURL(/after=.*p=2|p=2.*after=/);
  await expect(numbers).toHaveCount(1);
  await expect(numbers.first()).toHaveText(newestFirst[20]!.number);
  await expect(paging).toContainText(G.pageOf(2));
  await expect(search.getByLabel(G.fields.project)).toHaveValue(project);
  await paging.getByRole('link', { name: G.previous }).click();
  await expect(numbers).toHaveCount(20);
  await expect(numbers.first()).toHaveText(newestFirst[0]!.number);
  await expect(paging.getByRole('link', { name: G.next })).toBeVisible();

  // The number's first digits, typed with a hyphen and in 全角, with the 工事名 cleared.
  const target = newestFirst[4]!.number;
  const typed = `${target.slice(0, 4)}－${target.slice(4)}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  await page.getByRole('link', { name: G.clear }).click();
  await expect(page).toHaveURL(/\/admin\/guarantees$/);
  await search.getByLabel(G.fields.number).fill(typed);
  await search.getByRole('button', { name: G.search }).click();
  await expect(numbers).toHaveCount(1);
  await expect(numbers.first()).toHaveText(target);
  await expect(paging).toContainText(G.total(1, false));

  // The row opens 保証の管理.
  await table.getByRole('link', { name: target }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(O.meta(target));
});

test('the admin home shows what waits, each count a link to its list filtered', async ({ page }) => {
  // One application waiting of the test's own (another spec may conclude the demo's meanwhile).
  await submittedApplication(page.request, `審査待ち確認工事E2E${randomBytes(3).toString('hex')}`);
  await signIn(page, 'admin');
  const panel = page.getByRole('region', { name: W.title });
  await expect(panel).toBeVisible();
  for (const key of Object.keys(WAITING_HREF) as (keyof typeof WAITING_HREF)[]) {
    await expect(panel.getByRole('link', { name: new RegExp(W.items[key]) })).toHaveAttribute('href', WAITING_HREF[key]);
  }
  // An application in 申込審査 (this test's) and unpaid guarantees (the demo's): counted, not ありません.
  for (const key of ['applications', 'unpaidPremiums'] as const) {
    await expect(panel.getByRole('link', { name: new RegExp(W.items[key]) })).toContainText(/\d+件/);
  }
  await checkA11y(page);
  await shots(page, 'admin-home');

  // 保証料 未入金 → 保証一覧 with the filter chosen, every row unpaid.
  await panel.getByRole('link', { name: new RegExp(W.items.unpaidPremiums) }).click();
  await expect(page.getByRole('heading', { level: 1, name: G.title })).toBeVisible();
  await expect(page.getByLabel(G.fields.payment)).toHaveValue('unpaid');
  const rows = page.getByRole('table', { name: G.caption }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const unpaid = new RegExp(G.premium.unpaid('[\\d,]+'));
  for (let i = 0; i < (await rows.count()); i++) await expect(rows.nth(i)).toContainText(unpaid);
  await checkA11y(page);

  // 申込審査 → the queue of what was submitted.
  await page.goto('/admin');
  await panel.getByRole('link', { name: new RegExp(W.items.applications) }).click();
  await expect(page.getByRole('heading', { level: 1, name: R.listTitle })).toBeVisible();
  await expect(page.getByLabel(R.statusFilter)).toHaveValue('SUBMITTED');
  // 送信失敗 → the outbox narrowed to failed mails.
  await page.goto('/admin');
  await panel.getByRole('link', { name: new RegExp(W.items.failedMails) }).click();
  await expect(page.getByRole('heading', { level: 1, name: M.listTitle })).toBeVisible();
  await expect(page.getByLabel(M.statusFilter)).toHaveValue('FAILED');
});

test('保証金額 above 請負金額 names 大村市\'s limit at the field; once fixed, the officers\' mail of the arrival waits in 送信メール', async ({ page, browser, newUser }) => {
  test.slow();
  const F = A.fields;
  const term = currentTerm();
  const project = `上限確認工事${randomBytes(3).toString('hex')}`;
  const applicant = await newUser({ side: 'contractor' });
  await signIn(page, applicant.loginId, applicant.password);
  await page.goto('/contractor/applications/new');
  // 200,000,000 above the 請負金額.
  await fillApplication(page, { project, dates: term, contractAmount: '100,000,000', guaranteeAmount: '300,000,000' });
  await page.getByRole('button', { name: A.submit }).click();

  const amount = field(page, F.guaranteeAmount);
  const message = aboveContractMessage(OMURA_RULES, 'ADVANCE', 100_000_000n, amountBounds(OMURA_RULES, 'ADVANCE', 'WORKS', 100_000_000n));
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  // The message first, then the field's hints.
  await expect(amount).toHaveAccessibleDescription(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(amount).toBeFocused();
  await expect(amount).toHaveValue('300,000,000');
  await checkA11y(page);

  await amount.fill('40,000,000');
  await page.getByRole('button', { name: A.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: A.saved.submitted! })).toBeVisible();

  // The officers were told, in a mail of their own the 送信メール names.
  const officer = await signedInPage(browser, 'admin');
  await officer.goto('/admin/outbox');
  await officer.getByRole('search').getByLabel(M.searchLabel).fill(project);
  await officer.getByRole('search').getByRole('button', { name: C.search }).click();
  await officer.getByRole('table', { name: M.caption }).getByRole('link', { name: new RegExp(project) }).click();
  await expect(officer.getByRole('heading', { level: 1, name: M.detailTitle })).toBeVisible();
  await expect(officer.getByText(MAIL_TEMPLATE_LABEL[APPLICATION_SUBMITTED_TEMPLATE]!, { exact: true })).toBeVisible();
  // To the officers (the demo's two have addresses), never to the applicant.
  for (const loginId of ['admin', 'officer2']) await expect(officer.getByText(DEMO_ACCOUNTS.find((a) => a.loginId === loginId)!.email).first()).toBeVisible();
  await expect(officer.getByText(`${applicant.loginId}@`)).toHaveCount(0);
  await checkA11y(officer);
  await officer.context().close();
});
