import type { Browser, Page } from '@playwright/test';
import { LOGIN_LABELS as L } from '@/app/(public)/login/labels';
import { USER_LABELS } from '@/app/admin/labels';
import { NAV } from '@/components/nav-labels';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/demo/accounts';
import { RETURN_PARAM } from '@/domain/auth/return-path';
import { checkA11y, expect, signIn, test } from '../fixtures';

/**
 * Sign-in, sign-out, throttling and the separation of the three sides, in Chromium.
 * Accounts: maru01 / omura01 / admin sign in and out (their state is not changed); every test that
 * changes an account — a wrong password, throttled, disabled and enabled again — makes its own with
 * the newUser fixture (e2e/fixtures.ts), so no test depends on what another did to an account.
 */

type Side = keyof typeof NAV;

const NOT_FOUND_HEADING = 'ページが見つかりません（404）';
const LOGOUT = 'ログアウト';

const account = (loginId: (typeof DEMO_ACCOUNTS)[number]['loginId']) => {
  const found = DEMO_ACCOUNTS.find((a) => a.loginId === loginId);
  if (!found) throw new Error(`no demo account ${loginId}`);
  return found;
};

const ROLES: { loginId: 'maru01' | 'omura01' | 'admin'; side: Side; organization: string; department?: string }[] = [
  { loginId: 'maru01', side: 'contractor', organization: '株式会社〇〇建設 様' },
  { loginId: 'omura01', side: 'orderer', organization: '大村市 様', department: '財政部契約課' },
  { loginId: 'admin', side: 'admin', organization: '西日本建設業保証株式会社' },
];

/** Pages of each side (the home and one inner page) that the other roles must not see. */
const SIDE_URLS: Record<Side, string[]> = {
  contractor: ['/contractor', '/contractor/password'],
  orderer: ['/orderer', '/orderer/password'],
  admin: ['/admin', '/admin/users', '/admin/contractors', '/admin/orderers'],
};

const loginIdField = (page: Page) => page.getByLabel(L.loginId);
const passwordField = (page: Page) => page.getByLabel(L.password, { exact: true });
/** The form's own message (Next's route announcer is also an alert, outside <main>). */
const formAlert = (page: Page) => page.getByRole('main').getByRole('alert');

/** Fills the sign-in form and submits it; resolves when the server action has answered. */
async function submitLogin(page: Page, loginId: string, password: string) {
  await loginIdField(page).fill(loginId);
  await passwordField(page).fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await page.getByRole('button', { name: L.submit, exact: true }).click();
  await answered;
}

/** A failed attempt: still on /login, the form's message is exactly `message`, the ID kept, the password cleared. */
async function expectRefused(page: Page, loginId: string, message: string) {
  await expect(formAlert(page)).toHaveText(message);
  await expect(page).toHaveURL(/\/login$/);
  await expect(loginIdField(page)).toHaveValue(loginId);
  await expect(passwordField(page)).toHaveValue('');
}

/** The sign-in page a browser without a session is sent to from `path` (e2e/auth/landing.spec.ts: and back). */
const signInUrl = (path: string) => new RegExp(`/login\\?${RETURN_PARAM}=${escapeRegExp(encodeURIComponent(path))}$`);

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test.describe.configure({ mode: 'parallel' });

for (const role of ROLES) {
  const who = account(role.loginId);
  test(`${role.loginId} signs in through the form, lands on /${role.side}, and signs out`, async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: L.title })).toBeVisible();
    await checkA11y(page);
    if (role.side === 'contractor') await page.screenshot({ path: 'screenshots/login.png', fullPage: true });

    await loginIdField(page).fill(role.loginId);
    await passwordField(page).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: L.submit, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${role.side}$`));

    // Header: organisation (様 for customers, none for the surety's own officers), user, navigation.
    const organization = page.getByTestId('header-organization');
    await expect(organization).toHaveText(role.organization);
    if (role.side === 'admin') await expect(organization).not.toContainText('様');
    await expect(page.getByTestId('header-user')).toHaveText(who.name);
    if (role.department) await expect(page.getByRole('banner')).toContainText(role.department);
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await expect(nav.getByRole('link')).toHaveText(NAV[role.side].map((item) => item.label));
    await expect(nav.getByRole('link', { name: NAV[role.side][0]!.label })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkA11y(page);
    await page.screenshot({ path: `screenshots/${role.side}-home.png`, fullPage: true });

    // A signed-in user who opens the sign-in page is sent home.
    await page.goto('/login');
    await expect(page).toHaveURL(new RegExp(`/${role.side}$`));

    await page.getByRole('button', { name: LOGOUT }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(L.signedOut);
    await checkA11y(page);

    // The session is really gone: the side sends to the sign-in page, naming the page to come back to.
    await page.goto(`/${role.side}`);
    await expect(page).toHaveURL(signInUrl(`/${role.side}`));
  });
}

test('a wrong password and an unknown お客様ID get the same message; the ID is kept, the password cleared', async ({ page, newUser }) => {
  const user = await newUser({ side: 'contractor', organization: '株式会社△△工務店' });
  await page.goto('/login');

  await submitLogin(page, user.loginId, 'wrong-password-1');
  await expectRefused(page, user.loginId, L.invalid);
  const wrongPassword = await formAlert(page).textContent();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/login-invalid.png', fullPage: true });

  await submitLogin(page, 'no-such-user-e2e', 'wrong-password-1');
  await expectRefused(page, 'no-such-user-e2e', L.invalid);
  const unknownId = await formAlert(page).textContent();
  expect(unknownId).toBe(wrongPassword);

  // Empty fields are caught before any attempt, with one message per field.
  await loginIdField(page).fill('');
  await page.getByRole('button', { name: L.submit, exact: true }).click();
  await expect(page.getByText(L.loginIdRequired)).toBeVisible();
  await expect(page.getByText(L.passwordRequired)).toBeVisible();
  await expect(loginIdField(page)).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page);

  // One wrong password does not lock the account.
  await submitLogin(page, user.loginId, user.password);
  await expect(page).toHaveURL(/\/contractor$/);
  await expect(page.getByTestId('header-organization')).toHaveText('株式会社△△工務店 様');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form refuses and signs in all the same', async ({ page, newUser }) => {
    const user = await newUser({ side: 'orderer', organization: '〇〇県', department: '土木部監理課' });
    await page.goto('/login');
    await submitLogin(page, user.loginId, 'wrong-password-1');
    await expectRefused(page, user.loginId, L.invalid);
    // (No axe here: it needs JavaScript in the page; the same page passes it in the tests above.)

    await submitLogin(page, user.loginId, user.password);
    await expect(page).toHaveURL(/\/orderer$/);
    await expect(page.getByTestId('header-organization')).toHaveText('〇〇県 様');
    await expect(page.getByTestId('header-user')).toHaveText(user.name);

    await page.getByRole('button', { name: LOGOUT }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(L.signedOut);
  });
});

test('five wrong passwords for one account stop sign-in, even with the right password', async ({ page, newUser }) => {
  const officer = await newUser({ side: 'admin' });
  await page.goto('/login');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitLogin(page, officer.loginId, `wrong-password-${attempt}`);
    await expectRefused(page, officer.loginId, L.invalid);
  }
  await submitLogin(page, officer.loginId, officer.password);
  // The window is 15 minutes; a slow run may already be into the 15th.
  await expect(formAlert(page)).toHaveText(new RegExp(`^(${escapeRegExp(L.throttled(15))}|${escapeRegExp(L.throttled(14))})$`));
  await expect(page).toHaveURL(/\/login$/);
  await expect(passwordField(page)).toHaveValue('');
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/login-throttled.png', fullPage: true });

  // No session was created: the side stays closed.
  await page.goto('/admin');
  await expect(page).toHaveURL(signInUrl('/admin'));
});

for (const role of ROLES) {
  const others = (Object.keys(SIDE_URLS) as Side[]).filter((side) => side !== role.side);
  test(`${role.loginId} (${role.side}) gets the 404 page on the ${others.join(' and ')} side`, async ({ page }) => {
    await signIn(page, role.loginId);
    const names = DEMO_ACCOUNTS.map((a) => a.name);
    for (const side of others) {
      for (const url of SIDE_URLS[side]) {
        const response = await page.goto(url);
        expect(response?.status(), `${role.loginId} at ${url}`).toBe(404);
        await expect(page).toHaveURL(new RegExp(`${url}$`));
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND_HEADING);
        // Nothing of the page: no header, no names, no other side's navigation.
        await expect(page.getByTestId('header-organization')).toHaveCount(0);
        await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toHaveCount(0);
        const text = await page.locator('body').innerText();
        for (const name of names) expect(text, `${url} shows ${name}`).not.toContain(name);
        await checkA11y(page);
      }
    }
    if (role.side === 'contractor') await page.screenshot({ path: 'screenshots/not-found.png', fullPage: true });
    // The own side still works.
    await page.goto(`/${role.side}`);
    await expect(page.getByTestId('header-user')).toHaveText(account(role.loginId).name);
  });
}

test('without a session every side sends to the sign-in page', async ({ page }) => {
  for (const url of Object.values(SIDE_URLS).flat()) {
    await page.goto(url);
    await expect(page, url).toHaveURL(signInUrl(url));
  }
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await checkA11y(page);
});

test('a user disabled by an officer is signed out at the next request', async ({ browser, newUser }) => {
  const target = await newUser({ side: 'contractor' });
  const user = await newPage(browser);
  const officer = await newPage(browser);
  try {
    await signIn(user.page, target.loginId, target.password);
    await expect(user.page.getByTestId('header-user')).toHaveText(target.name);

    await signIn(officer.page, 'admin');
    await officer.page.goto(`/admin/users?q=${target.loginId}`);
    await checkA11y(officer.page);
    await officer.page.getByRole('link', { name: target.loginId, exact: true }).click();
    await expect(officer.page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await checkA11y(officer.page);
    await officer.page.getByRole('button', { name: USER_LABELS.status.disable }).click();
    await expect(officer.page.getByRole('main').getByRole('status')).toHaveText(USER_LABELS.status.disabled);
    await expect(officer.page.getByRole('button', { name: USER_LABELS.status.enable })).toBeVisible();
    await checkA11y(officer.page);

    // The user's existing session ends at its next navigation…
    await user.page.goto('/contractor/password');
    await expect(user.page).toHaveURL(/\/login$/);
    await checkA11y(user.page);
    // …and a new sign-in gets the same message as a wrong password.
    await submitLogin(user.page, target.loginId, target.password);
    await expectRefused(user.page, target.loginId, L.invalid);

    // Enabled again, the account signs in as before.
    await officer.page.getByRole('button', { name: USER_LABELS.status.enable }).click();
    await expect(officer.page.getByRole('main').getByRole('status')).toHaveText(USER_LABELS.status.enabled);
    await submitLogin(user.page, target.loginId, target.password);
    await expect(user.page).toHaveURL(/\/contractor$/);
  } finally {
    await user.context.close();
    await officer.context.close();
  }
});
