import { randomBytes } from 'node:crypto';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { COMMON_LABELS as COMMON } from '@/components/common-labels';
import { checkA11y, expect, signedInPage, test } from '../fixtures';
import { confirmedGuarantees } from '../guarantees';

// 確認済み一覧 keyset-paged (decision 061): a clerk of this test's own confirmed 21 guarantees of a new
// company (looked up with their keys on the server, in order); searched by their 工事名, the list shows 20
// newest first, 次へ the 21st, 前へ the 20 again, and the CSV link keeps the search, not the page.
test('確認済み一覧: a search over two pages, 次へ and 前へ by cursor, the count, the CSV link without the page', async ({ browser, newUser }) => {
  test.slow(); // 21 guarantees concluded and looked up on the server first
  const clerkAccount = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  const project = `確認頁送り${randomBytes(3).toString('hex')}工事`;
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  const made = await confirmedGuarantees(clerk.request, 21, project, clerkAccount.loginId);
  const newestFirst = [...made.guarantees].reverse().map((g) => g.number);

  await clerk.goto('/orderer/confirmed');
  await clerk.getByRole('radio', { name: C.conditions.project }).check();
  await clerk.getByRole('searchbox', { name: C.searchBox }).fill(project);
  await clerk.getByRole('button', { name: COMMON.search, exact: true }).click();
  await expect(clerk).toHaveURL(/cond=project/);
  const numbers = clerk.getByRole('table').getByRole('rowheader');
  await expect(numbers).toHaveCount(20);
  await expect(numbers.first()).toHaveText(newestFirst[0]!);
  await expect(clerk.getByRole('table').getByRole('row').filter({ hasText: newestFirst[0]! })).toContainText(made.contractor);
  const paging = clerk.getByRole('navigation', { name: C.paging });
  await expect(paging).toContainText(C.total(21, false));
  await expect(paging.getByRole('link', { name: C.previous })).toHaveCount(0);
  await checkA11y(clerk);

  await paging.getByRole('link', { name: C.next }).click();
  await expect(clerk).toHaveURL(/after=.*p=2|p=2.*after=/);
  await expect(numbers).toHaveCount(1);
  await expect(numbers.first()).toHaveText(newestFirst[20]!);
  await expect(paging).toContainText(C.pageOf(2));
  await expect(paging.getByRole('link', { name: C.next })).toHaveCount(0);
  // The CSV of a search is every matching row: its link carries the search, not the page's cursor.
  const csv = clerk.getByRole('link', { name: C.csv });
  await expect(csv).toHaveAttribute('href', /cond=project&q=/);
  await expect(csv).not.toHaveAttribute('href', /after=|before=|p=/);
  await checkA11y(clerk);

  await paging.getByRole('link', { name: C.previous }).click();
  await expect(numbers).toHaveCount(20);
  await expect(numbers.first()).toHaveText(newestFirst[0]!);
  await expect(paging.getByRole('link', { name: C.next })).toBeVisible();
  await paging.getByRole('link', { name: C.next }).click();
  await paging.getByRole('link', { name: C.firstPage }).click();
  await expect(numbers.first()).toHaveText(newestFirst[0]!);
  await expect(clerk).not.toHaveURL(/after=|before=/);
});
