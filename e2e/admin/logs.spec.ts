import { randomBytes, randomInt } from 'node:crypto';
import { API_TOKEN_LABELS as T } from '@/app/admin/orderers/_components/api-token-labels';
import { LOOKUP_LOG_LABELS as L } from '@/app/admin/lookups/labels';
import { OUTBOX_LABELS as M } from '@/app/admin/outbox/labels';
import { COMMON_LABELS as C } from '@/components/common-labels';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { checkA11y, expect, recordSecret, shots, signIn, test } from '../fixtures';
import { manyGuarantees } from '../guarantees';

/**
 * The officers' 照会記録 and 送信メール at any size (decision 062): a search of the test's own rows,
 * then 次へ / 前へ through keyset pages with the count and the page shown; the search stays in the box.
 */

const toFullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

test('照会記録: 保証契約番号 from its start (全角, hyphens), 次へ and 前へ, the 結果 filter', async ({ page }) => {
  test.slow(); // a token, 23 lookups through the API, then the pages
  // 23 lookups of numbers sharing seven digits of this test's own, each with a wrong check digit
  // (INVALID_NUMBER: logged, and costing no budget), by an API token of 大村市 issued here.
  await signIn(page, 'admin');
  await page.goto('/admin/orderers');
  await page.getByRole('link', { name: '大村市', exact: true }).click();
  const name = `照会記録 E2E ${randomBytes(3).toString('hex')}`;
  await page.getByLabel(new RegExp(`^${T.issue.name}`)).fill(name);
  await page.getByRole('button', { name: T.issue.submit }).click();
  const token = (await page.getByTestId('one-time-api-token').textContent())!.trim();
  recordSecret('token', token);
  const prefix = `9${randomInt(100_000, 999_999)}`;
  const typed: string[] = [];
  for (let i = 0; i < 23; i++) {
    const right = contractNumberFromSerial(BigInt(`${prefix}${String(i).padStart(2, '0')}`));
    const wrong = right.slice(0, 9) + String((Number(right[9]) + 1) % 10);
    // As a system might send it: some with hyphens.
    typed.push(i % 3 === 0 ? `${wrong.slice(0, 4)}-${wrong.slice(4)}` : wrong);
    const answer = await page.request.post('/api/v1/verifications', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      data: { contractNumber: typed[i], authKey: '2222-2222-22' },
    });
    expect(answer.status()).toBe(422);
  }
  const newestFirst = [...typed].reverse();

  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: L.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.title })).toBeVisible();
  const search = page.getByRole('search');
  // The first seven digits, in 全角 with a hyphen, as an officer might copy them.
  await search.getByLabel(L.number).fill(toFullWidth(`${prefix.slice(0, 4)}-${prefix.slice(4)}`));
  await search.getByRole('button', { name: L.search }).click();
  await expect(page).toHaveURL(/number=/);
  const table = page.getByRole('table', { name: L.logTitle });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText(newestFirst[0]!);
  await expect(rows.first()).toContainText(L.apiToken(name));
  await expect(rows.first()).toContainText(L.outcomes.INVALID_NUMBER);
  const paging = page.getByRole('navigation', { name: L.paging });
  await expect(paging).toContainText(L.total(23, false));
  await checkA11y(page);
  await shots(page, 'admin-lookups-search');

  await paging.getByRole('link', { name: L.next }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(rows).toHaveCount(3);
  await expect(rows.last()).toContainText(newestFirst[22]!);
  await expect(paging).toContainText(L.pageOf(2));
  await expect(search.getByLabel(L.number)).toHaveValue(`${prefix.slice(0, 4)}-${prefix.slice(4)}`);
  await paging.getByRole('link', { name: L.previous }).click();
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText(newestFirst[0]!);
  await expect(paging.getByRole('link', { name: L.next })).toBeVisible();

  // The whole number as it was sent, with another 結果: none; the same number with its own: one.
  await search.getByLabel(L.number).fill(typed[5]!);
  await search.getByLabel(L.outcome).selectOption(L.outcomes.NOT_FOUND);
  await search.getByRole('button', { name: L.search }).click();
  await expect(page.getByText(L.empty)).toBeVisible();
  await search.getByLabel(L.outcome).selectOption(L.outcomes.INVALID_NUMBER);
  await search.getByRole('button', { name: L.search }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(typed[5]!);
  await page.getByRole('link', { name: L.clear }).click();
  await expect(page).toHaveURL(/\/admin\/lookups$/);

  // The token goes, as the API token's own test does.
  await page.goto('/admin/orderers');
  await page.getByRole('link', { name: '大村市', exact: true }).click();
  const tokenRow = page.getByRole('row').filter({ hasText: name });
  await tokenRow.getByLabel(T.revoke.confirm(name)).check();
  await tokenRow.getByRole('button', { name: T.revoke.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: T.revokedSaved })).toBeVisible();
});

test('送信メール: a part of the subject or of an address, 次へ and 前へ', async ({ page, request }) => {
  test.slow(); // 21 applications made and concluded on the server first
  // Each application told the officers in a mail whose subject names its 工事名.
  const project = `送信頁${randomBytes(3).toString('hex')}工事`;
  await manyGuarantees(request, 21, project);

  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: M.listTitle }).click();
  const search = page.getByRole('search');
  await search.getByLabel(M.searchLabel).fill(project);
  await search.getByRole('button', { name: C.search }).click();
  const table = page.getByRole('table', { name: M.caption });
  const subjects = table.getByRole('rowheader');
  await expect(subjects).toHaveCount(20);
  // Newest first: the last one applied for.
  await expect(subjects.first()).toContainText(`${project}21`);
  const paging = page.getByRole('navigation', { name: M.paging });
  await expect(paging).toContainText(M.total(21, false));
  await checkA11y(page);
  await shots(page, 'admin-outbox-search');
  await paging.getByRole('link', { name: M.next }).click();
  await expect(subjects).toHaveCount(1);
  await expect(subjects.first()).toContainText(`${project}01`);
  await expect(paging).toContainText(M.pageOf(2));
  await expect(search.getByLabel(M.searchLabel)).toHaveValue(project);
  await paging.getByRole('link', { name: M.previous }).click();
  await expect(subjects).toHaveCount(20);
  await expect(subjects.first()).toContainText(`${project}21`);

  // A part of an address, in capitals and 全角: the mails to the demo officer (these among them).
  await search.getByLabel(M.searchLabel).fill('ＡＤＭＩＮ@WJCS');
  await search.getByRole('button', { name: C.search }).click();
  await expect(subjects.first()).toBeVisible();
  await subjects.first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: M.detailTitle })).toBeVisible();
  await expect(page.getByText('admin@wjcs.example.jp').first()).toBeVisible();
});
