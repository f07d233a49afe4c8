import { GATEWAY_LABELS as L } from '@/app/admin/gateways/labels';
import { addressBudgetDefaults } from '@/config/budgets';
import { GATEWAY_MESSAGES as M } from '@/domain/gateways/schemas';
import { checkA11y, expect, signIn, test, shots } from '../fixtures';

/**
 * 接続元の範囲 (decision 041): an officer registers a known gateway range, sees a field error for a
 * bad one, edits it and removes it; orderers and contractors get the 404 page, the signed-out the
 * sign-in page. axe and both widths on each page.
 */

test('an officer adds a gateway range (after a field error), edits it and removes it', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/lookups');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: L.listTitle }).click();
  await expect(page).toHaveURL(/\/admin\/gateways$/);
  await expect(page.getByRole('heading', { level: 1, name: L.listTitle })).toBeVisible();
  // The defaults in force (the server reads the same environment), and that an exempt range still has a ceiling at sign-in.
  const defaults = addressBudgetDefaults();
  await expect(page.getByText(L.defaults(defaults.lookupPerHour, defaults.signInPer15Minutes))).toBeVisible();
  await expect(page.getByText(L.exemptSignIn(defaults.signInExemptRangePer15Minutes))).toBeVisible();
  await checkA11y(page);

  const name = `〇〇県 自治体情報セキュリティクラウド ${Date.now().toString(36)}`;
  const octet = 1 + (Date.now() % 250);
  const range = `198.18.${octet}.0/24`;
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: L.create }) });
  await form.getByLabel(L.fields.name).fill(name);
  await form.getByLabel(L.fields.cidr).fill('10.0.0.0/33');
  // Leaving the field for the next one checks it: the error is at the field, and the radio button
  // clicked is chosen all the same (e2e/forms/press-after-typing.spec.ts).
  await form.getByRole('radio', { name: L.modes.BUDGET }).check();
  await expect(form.getByText(M.cidrPrefix)).toBeVisible();
  await form.getByRole('button', { name: L.create }).click();
  // Sent anyway: refused, and the focus goes to the field in error.
  await expect(form.getByLabel(L.fields.cidr)).toBeFocused();
  await expect(form.getByText(M.cidrPrefix)).toBeVisible();
  await expect(form.getByLabel(L.fields.cidr)).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page);
  await shots(page, 'admin-gateways-error');

  await form.getByLabel(L.fields.cidr).fill(range);
  await form.getByLabel(L.fields.failuresPerHour).fill('300');
  await form.getByRole('button', { name: L.create }).click();
  await expect(page).toHaveURL(/\/admin\/gateways\?saved=created$/);
  await expect(page.getByRole('status').filter({ hasText: L.saved.created! })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(range);
  await expect(row).toContainText(L.modeCell('BUDGET', 300));
  await checkA11y(page);
  await shots(page, 'admin-gateways');

  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(L.editTitle);
  await expect(page.getByLabel(L.fields.cidr)).toHaveValue(range);
  await checkA11y(page);
  await shots(page, 'admin-gateway-edit');
  await page.getByRole('radio', { name: L.modes.EXEMPT }).check();
  await page.getByRole('button', { name: L.save }).click();
  await expect(page).toHaveURL(/\/admin\/gateways\?saved=updated$/);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText(L.modes.EXEMPT);

  await page.getByRole('row').filter({ hasText: name }).getByRole('link', { name }).click();
  await page.getByLabel(L.removeConfirm(name)).check();
  await page.getByRole('button', { name: L.remove }).click();
  await expect(page).toHaveURL(/\/admin\/gateways\?saved=removed$/);
  await expect(page.getByRole('status').filter({ hasText: L.saved.removed! })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

test('orderers and contractors get the 404 page; the signed-out the sign-in page', async ({ browser, page }) => {
  await page.goto('/admin/gateways');
  // Without a session: the sign-in page, naming the page to come back to (e2e/auth/landing.spec.ts).
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fgateways$/);
  for (const loginId of ['omura01', 'maru01']) {
    const other = await (await browser.newContext()).newPage();
    await signIn(other, loginId);
    const response = await other.goto('/admin/gateways');
    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { name: 'ページが見つかりません（404）' })).toBeVisible();
    await other.context().close();
  }
});
