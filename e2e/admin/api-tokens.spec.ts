import { API_TOKEN_LABELS as T } from '@/app/admin/orderers/_components/api-token-labels';
import { ORDERER_LABELS as O } from '@/app/admin/labels';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { checkA11y, expect, recordSecret, signIn, test } from '../fixtures';

// An officer issues an API token to 大村市, the token answers the JSON API, then it is revoked.
test('API token: issued once, answers POST /api/v1/verifications, revoked → 401', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/orderers');
  await page.getByRole('link', { name: '大村市', exact: true }).click();
  await expect(page.getByRole('heading', { name: T.heading })).toBeVisible();
  const name = `電子契約システム E2E ${Date.now()}`;
  await page.getByLabel(new RegExp(`^${T.issue.name}`)).fill(name);
  await page.getByRole('button', { name: T.issue.submit }).click();
  const shown = page.getByTestId('one-time-api-token');
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^dhp_[A-Za-z0-9_-]{43}$/);
  recordSecret('token', token);
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-api-token.png', fullPage: true });

  const ask = (bearer: string) =>
    page.request.post('/api/v1/verifications', {
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      // A well-formed number no guarantee has: the lookup runs and gives the uniform answer.
      data: { contractNumber: contractNumberFromSerial(999_999_991n), authKey: '2222-2222-22' },
    });
  const answer = await ask(token);
  expect(answer.status()).toBe(404);
  expect((await answer.json()).error.code).toBe('NOT_FOUND');
  expect(answer.headers()['cache-control']).toContain('no-store');
  // Every answer names its request, as the server's log line does (decision 053).
  expect(answer.headers()['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const spec = await page.request.get('/api/v1/openapi.json');
  expect((await spec.json()).openapi).toMatch(/^3\.1/);

  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByLabel(T.revoke.confirm(name)).check();
  await row.getByRole('button', { name: T.revoke.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: T.revokedSaved })).toBeVisible();
  expect((await ask(token)).status()).toBe(401);
  expect(O.listTitle).toBe('発注者');
});
