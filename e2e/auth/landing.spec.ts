import type { Page } from '@playwright/test';
import { LOGIN_LABELS as L } from '@/app/(public)/login/labels';
import { LOOKUP_LABELS as LOOKUP } from '@/app/orderer/lookup/labels';
import { NAV } from '@/components/nav-labels';
import { DEMO_PASSWORD } from '@/demo/accounts';
import { RETURN_PARAM } from '@/domain/auth/return-path';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { checkA11y, expect, shots, signIn, test } from '../fixtures';

/**
 * Where a sign-in lands (issue 14, item 1): straight on the side's page, sent with the action's answer —
 * never a blank page while `/` redirects again — and back on the page of the user's own side that sent
 * them to the sign-in page, never on another side's or another site's (src/domain/auth/return-path.ts).
 */

type Side = keyof typeof NAV;

const ROLES: { loginId: string; side: Side }[] = [
  { loginId: 'maru01', side: 'contractor' },
  { loginId: 'omura01', side: 'orderer' },
  { loginId: 'admin', side: 'admin' },
];

/**
 * Once `arm()` is called, the page's <main> heading is written down at every change of the document
 * (a MutationObserver sees each state the document was left in, so each state that could be painted);
 * from the next document on, every request for `/` is counted. A full page load after `arm()` would
 * start a new document with nothing written down.
 */
async function watchLanding(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { landing: { path: string; h1: string | null }[]; armed?: boolean };
    w.landing = [];
    const note = () => {
      if (!w.armed) return;
      const h1 = document.querySelector('main h1');
      const last = w.landing.at(-1);
      const state = { path: location.pathname, h1: h1 ? (h1.textContent ?? '').trim() : null };
      if (!last || last.path !== state.path || last.h1 !== state.h1) w.landing.push(state);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const roots: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/') roots.push(`${request.method()} ${request.url()}`);
  });
  return {
    roots,
    arm: () => page.evaluate(() => void ((window as unknown as { armed: boolean }).armed = true)),
    states: () => page.evaluate(() => (window as unknown as { landing: { path: string; h1: string | null }[] }).landing),
  };
}

async function submitLogin(page: Page, loginId: string) {
  await page.getByLabel(L.loginId).fill(loginId);
  await page.getByLabel(L.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: L.submit, exact: true }).click();
}

test.describe.configure({ mode: 'parallel' });

for (const role of ROLES) {
  test(`${role.loginId}: the sign-in lands on /${role.side} with its content, never on a blank page or /`, async ({ page }) => {
    const home = NAV[role.side][0]!;
    const watch = await watchLanding(page);
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: L.title })).toBeVisible();
    await watch.arm();
    await submitLogin(page, role.loginId);
    await expect(page).toHaveURL(new RegExp(`/${role.side}$`));
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name: home.label })).toBeVisible();

    // Every state the document passed through had a heading: the sign-in page's until the answer came,
    // then the home's. No state without one (the blank page), no stop at `/`.
    const states = await watch.states();
    expect(states.filter((s) => s.path !== '/login')).toEqual([{ path: home.href, h1: home.label }]);
    expect(states.filter((s) => !s.h1), 'a state without a heading').toEqual([]);
    expect(watch.roots, 'requests for /').toEqual([]);
    await checkA11y(page);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form’s answer sends the browser to the side itself, not to /', async ({ page }) => {
    const watch = await watchLanding(page);
    await page.goto('/login');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
    await submitLogin(page, 'omura01');
    expect(new URL((await answer).headers()['location'] ?? '', 'http://x').pathname).toBe('/orderer');
    await expect(page).toHaveURL(/\/orderer$/);
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name: NAV.orderer[0]!.label })).toBeVisible();
    expect(watch.roots, 'requests for /').toEqual([]);
  });
});

test('a page opened without a session comes back after the sign-in: the QR code’s lookup with its number', async ({ page }) => {
  const number = contractNumberFromSerial(999_999_990);
  const asked = `/orderer/lookup?number=${number}`;
  await page.goto(asked);
  await expect(page).toHaveURL(`/login?${RETURN_PARAM}=${encodeURIComponent(asked)}`);
  await expect(page.getByRole('heading', { level: 1, name: L.title })).toBeVisible();
  await checkA11y(page);
  await shots(page, 'login-return');

  await submitLogin(page, 'omura01');
  await expect(page).toHaveURL(asked);
  await expect(page.getByLabel(new RegExp(`^${LOOKUP.number}`))).toHaveValue(number);
});

test('another side’s page is no place to come back to: the home instead', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(`/login?${RETURN_PARAM}=${encodeURIComponent('/admin/users')}`);
  await submitLogin(page, 'maru01');
  await expect(page).toHaveURL(/\/contractor$/);
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: NAV.contractor[0]!.label })).toBeVisible();
});

test('a return path to another site is never followed (open redirect), in the URL or forged in the form', async ({ browser, baseURL }) => {
  const evil = ['https://evil.example/admin', '//evil.example/admin', '/\\evil.example/admin', '/admin/../../evil.example', 'javascript:alert(1)'];
  for (const target of evil) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/login?${RETURN_PARAM}=${encodeURIComponent(target)}`);
    await expect(page.locator(`input[name="${RETURN_PARAM}"]`), `${target}: the page carries it on`).toHaveCount(0);
    await submitLogin(page, 'admin');
    await expect(page, target).toHaveURL(`${baseURL}/admin`);
    await context.close();
  }

  // The page only carries a side's path; the action checks again whatever the form sends.
  for (const target of evil) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/login?${RETURN_PARAM}=${encodeURIComponent('/admin/users')}`);
    await page.locator(`input[name="${RETURN_PARAM}"]`).evaluate((input, value) => ((input as HTMLInputElement).value = value), target);
    await submitLogin(page, 'admin');
    await expect(page, `forged ${target}`).toHaveURL(`${baseURL}/admin`);
    await context.close();
  }
});

test('a signed-in user opening the sign-in page with a return path goes there; with none, home', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto(`/login?${RETURN_PARAM}=${encodeURIComponent('/admin/outbox')}`);
  await expect(page).toHaveURL(/\/admin\/outbox$/);
  await page.goto(`/login?${RETURN_PARAM}=${encodeURIComponent('https://evil.example/')}`);
  await expect(page).toHaveURL(/\/admin$/);
});
