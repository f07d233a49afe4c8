import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '@/demo/accounts';

/**
 * Shared by every browser test:
 *   - `test`: Playwright's, and every test fails when a page it opened threw an uncaught error or
 *     logged a Content-Security-Policy violation or a React error (a broken page can look fine);
 *   - `checkA11y(page)`: axe-core with the WCAG 2 A/AA rules; serious and critical violations fail;
 *   - `signIn(page, loginId, password?)`: a signed-in context without going through the form (the
 *     form has its own test, e2e/auth/sign-in.spec.ts);
 *   - `newUser({ side, organization?, department? })` (a fixture): a fresh account of its own for a
 *     test that changes an account (its password, disabled, throttled), so that no test depends on
 *     what another did to a shared demo account;
 *   - `recordSecret(kind, value)`: a secret the run has seen (a password, a 認証キー, an API token, a
 *     session cookie), which the server's log must never hold (scripts/e2e-log-check.mjs, decision
 *     053). signIn, newUser and readAuthKey record theirs, and every test's session cookies are
 *     recorded at its end.
 */

/** Console messages that are expected and say nothing about the page (e.g. the 404 of a refused URL). */
const HARMLESS_CONSOLE = [/^Failed to load resource: the server responded with a status of (401|403|404)/];

/** Console errors that mean the page is broken even when it looks fine. */
const BROKEN_PAGE_CONSOLE = [/Content Security Policy/i, /Minified React error/i, /Hydration/i];

/** An account made for one test by `newUser`. */
export interface NewUser {
  id: string;
  /** e2e-<side>-<12 hex digits> */
  loginId: string;
  /** Generated, as for an account an officer creates. */
  password: string;
  /** 試験 <the same 12 hex digits> */
  name: string;
  organization: string;
  department: string | null;
}

export interface NewUserOptions {
  side: 'contractor' | 'orderer' | 'admin';
  /** An existing organisation of that side, by name; by default the demo's 株式会社〇〇建設, 大村市 or 西日本建設業保証株式会社. */
  organization?: string;
  /** Orderers: a department of that organisation, by name; by default 大村市's 財政部契約課. */
  department?: string;
}

/** Written by scripts/e2e-server.mjs for the run: the server's E2E_SUPPORT_TOKEN. */
const SUPPORT_TOKEN_FILE = path.resolve(`.test-data/e2e-support-token-${process.env.E2E_PORT ?? 3100}`);

export function supportToken(): string {
  try {
    return fs.readFileSync(SUPPORT_TOKEN_FILE, 'utf8').trim();
  } catch (error) {
    throw new Error(`newUser: no ${path.relative(process.cwd(), SUPPORT_TOKEN_FILE)} (scripts/e2e-server.mjs writes it when it starts the server): ${String(error)}`);
  }
}

/** The run's secrets file (scripts/e2e-server.mjs empties it at start and writes the server's own). */
const SECRETS_FILE = path.resolve(`test-results/e2e-run-${process.env.E2E_PORT ?? 3100}/secrets.txt`);

/** next-auth's session cookie (`__Secure-` over HTTPS; `.0`, `.1` … when split in chunks). */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** Notes a secret the run has seen, for the check that the server's log never holds it. */
export function recordSecret(kind: 'password' | 'key' | 'token' | 'cookie', value: string): void {
  if (!value) return;
  fs.mkdirSync(path.dirname(SECRETS_FILE), { recursive: true });
  fs.appendFileSync(SECRETS_FILE, `${kind}\t${value}\n`, { mode: 0o600 });
}

/** The session cookies of `context`, recorded (no page is loaded: the browser's cookie jar is read). */
async function recordSessionCookies(context: BrowserContext): Promise<void> {
  const cookies = await context.cookies().catch(() => []);
  for (const cookie of cookies) if (SESSION_COOKIE.test(cookie.name)) recordSecret('cookie', cookie.value);
}

export const test = base.extend<{ failOnBrokenPages: void; newUser: (options: NewUserOptions) => Promise<NewUser> }>({
  /**
   * A fresh, uniquely named account per call, made by the server through the officers' use case
   * (POST /api/test-support/users, src/app/api/test-support/users/route.ts: open only with the run's
   * token). The test process cannot write the database itself: on PGlite only the server may open it.
   */
  newUser: async ({ request }, provide) => {
    await provide(async (options) => {
      const response = await request.post('/api/test-support/users', {
        data: options,
        headers: { Authorization: `Bearer ${supportToken()}` },
      });
      if (response.status() !== 201) throw new Error(`newUser(${JSON.stringify(options)}): HTTP ${response.status()} ${await response.text()}`);
      const user = (await response.json()) as NewUser;
      recordSecret('password', user.password);
      return user;
    });
  },
  failOnBrokenPages: [
    async ({ context, browser }, use, testInfo) => {
      const problems: string[] = [];
      const watch = (page: Page) => {
        page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const text = message.text();
          if (HARMLESS_CONSOLE.some((re) => re.test(text))) return;
          if (BROKEN_PAGE_CONSOLE.some((re) => re.test(text))) problems.push(`console error on ${page.url()}: ${text}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      // The session cookies of the test's contexts still open (signIn records those of the ones it signs in).
      await Promise.all(browser.contexts().map(recordSessionCookies));
      if (problems.length > 0) {
        await testInfo.attach('broken-page-errors', { body: problems.join('\n'), contentType: 'text/plain' });
      }
      expect(problems, 'errors in the browser while the test ran').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now and fails on serious or critical
 * violations, listing each rule, its help text and the offending elements. axe runs inside the
 * page: it hangs in a context with `javaScriptEnabled: false`, so check such pages with JavaScript on.
 */
export async function checkA11y(page: Page): Promise<void> {
  // Next streams a dynamic page's metadata after its body: give the <title> its moment to arrive.
  await expect(page).toHaveTitle(/\S/);
  // Legacy mode runs axe in the page itself. The default opens a blank page per check to merge the
  // results of cross-origin frames, which our pages do not have, and that page costs as much as the
  // check (measured: about half of each check's time on a loaded machine).
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).setLegacyMode(true).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `    - ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
    return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
  });
  expect(report, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Signs `page`'s browser context in as `loginId` by posting the credentials to next-auth's
 * Credentials callback with a CSRF token (page.request shares its cookies with the page), then opens
 * the account's home ('/' redirects to its side). Returns that home's path.
 */
export async function signIn(page: Page, loginId: string, password: string = DEMO_PASSWORD): Promise<string> {
  recordSecret('password', password);
  const csrf = await page.request.get('/api/auth/csrf');
  expect(csrf.ok(), `GET /api/auth/csrf answered ${csrf.status()}`).toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/credentials', {
    form: { loginId, password, csrfToken, callbackUrl: '/' },
    maxRedirects: 0,
  });
  const location = response.headers()['location'] ?? '';
  // Success: a redirect to the callback URL with the session cookie; failure: back to /login?error=….
  if (response.status() !== 302 || /[?&]error=/.test(location)) {
    throw new Error(`signIn(${loginId}) failed: HTTP ${response.status()} ${location}`);
  }
  await page.goto('/');
  await expect(page).toHaveURL(/\/(contractor|orderer|admin)$/);
  await recordSessionCookies(page.context());
  return new URL(page.url()).pathname;
}

/** A second person in the same test: a new browser context signed in as `loginId` (close it with `page.context().close()`). */
export async function signedInPage(browser: Browser, loginId: string, password: string = DEMO_PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, loginId, password);
  return page;
}

/** The 認証キー the contractor's key page shows for the guarantee `number`. */
export async function readAuthKey(contractor: Page, number: string): Promise<string> {
  await contractor.goto(`/contractor/guarantees/${number}/key`);
  const key = (await contractor.locator('.auth-key').textContent())!.trim();
  recordSecret('key', key);
  return key;
}

/** A resize painted in full before the picture (without it Chromium left part of a full-page shot blank). */
async function resize(page: Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * The pictures are for people to look at; `npm test` sets E2E_SCREENSHOTS=0 (scripts/test.mjs) and
 * keeps only the check, which costs a third to a fifth of taking both pictures (measured on a loaded
 * machine). Run Playwright directly, or `E2E_SCREENSHOTS=1 npm test`, to have them.
 */
const KEEP_SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';

/**
 * Full-page screenshots at 1280 px and on a 390 px phone (`<dir>/<name>.png`, `<name>-phone.png`),
 * and nothing scrolls sideways on the phone; the page is left at 1280 × 900.
 */
export async function shots(page: Page, name: string, dir = 'screenshots'): Promise<void> {
  if (KEEP_SCREENSHOTS) {
    fs.mkdirSync(dir, { recursive: true });
    await resize(page, 1280, 900);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
  await resize(page, 390, 844);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: nothing scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  if (KEEP_SCREENSHOTS) await page.screenshot({ path: path.join(dir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
