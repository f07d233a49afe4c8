import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { RECENT_LABELS, RECORD_LABELS } from '@/app/admin/_components/record-labels';
import { GATEWAY_LABELS as G } from '@/app/admin/gateways/labels';
import { MAIL_TEMPLATE_LABEL, OUTBOX_LABELS as O } from '@/app/admin/outbox/labels';
import { NAV } from '@/components/nav-labels';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@/domain/audit-codes';
import { AUDIT_ACTION_LABEL } from '@/domain/labels';
import { MAIL_ATTACHMENT_TYPES, MAIL_RELATED_TYPES, MAIL_TEMPLATES } from '@/domain/mail/templates';
import * as enums from '@/generated/prisma/enums';
import { certifiableGuarantee, requestOnScreens } from '../certifications';
import { checkA11y, expect, shots, signedInPage, signIn, test } from '../fixtures';

/**
 * No code, id or English word of the system reaches an officer's screen (issue 14, item 2): every page
 * of the officers' side is opened — the side's menu, then one page of every route found through the
 * links — and its visible text holds no UUID, no code shaped like `auth.sign-in` or `guarantee-changed`,
 * and none of the codes the portal writes (audit actions and their records' types, kinds of mail, media
 * types, the schema's enum values). The routes are read from src/app/admin, so a new page is in this
 * test from the day it is added.
 */

const ADMIN = path.resolve('src/app/admin');

/** The officers' page routes, `/admin/users/[id]` style. */
function adminRoutes(dir = ADMIN, prefix = '/admin'): string[] {
  const out = fs.existsSync(path.join(dir, 'page.tsx')) ? [prefix] : [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('_')) out.push(...adminRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
  }
  return out;
}

/** As Next matches them: a static segment before a dynamic one (`/admin/users/new` is not `/admin/users/[id]`). */
const ROUTES = adminRoutes()
  .map((route) => ({ route, dynamic: (route.match(/\[/g) ?? []).length, pattern: new RegExp(`^${route.replace(/\[\w+\]/g, '[^/?#]+')}$`) }))
  .sort((a, b) => a.dynamic - b.dynamic);
const routeOf = (pathname: string) => ROUTES.find((r) => r.pattern.test(pathname))?.route;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A lower-case code with dots or hyphens: `auth.sign-in`, `guarantee-changed`, `premium-rate-table.create`. */
const DOTTED_CODE = /\b[a-z][a-z0-9]*(?:[.-][a-z][a-z0-9]*)+\b/g;
/**
 * Shown on purpose: mail addresses, web addresses, and the browser tests' own お客様ID (e2e-<side>-<hex>,
 * e2e-applicant-<hex>, and admin-forms.spec's e2e-<hex>, typed there as an officer would).
 */
const SHOWN_AS_IS = [/[\w.+-]+@[\w.-]+/g, /https?:\/\/\S+/g, /\be2e-(?:(?:contractor|orderer|admin|applicant)-)?[0-9a-f]{8,12}\b/g];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const CODES = [
  ...AUDIT_ACTIONS,
  ...AUDIT_TARGET_TYPES,
  ...MAIL_TEMPLATES,
  ...MAIL_RELATED_TYPES,
  ...MAIL_ATTACHMENT_TYPES,
  ...Object.values(enums).flatMap((values) => Object.values(values as Record<string, string>)),
];
const CODE_WORDS = new RegExp(`(?<![\\w/.-])(?:${[...new Set(CODES)].map(escapeRegExp).join('|')})(?![\\w/-])`, 'g');

/** What in `text` looks like a code or an id. */
function rawCodes(text: string): string[] {
  const plain = SHOWN_AS_IS.reduce((t, re) => t.replace(re, ' '), text);
  const ids = plain.match(UUID) ?? [];
  const rest = plain.replace(UUID, ' ');
  return [...new Set([...ids, ...(rest.match(DOTTED_CODE) ?? []), ...(rest.match(CODE_WORDS) ?? [])])];
}

async function visibleText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

/** Links on the page to an officer's page (downloads and print views are files, not pages). */
async function adminLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('main a[href^="/admin"]:not([download])').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return hrefs.map((href) => href.split('#')[0]!).filter((href) => routeOf(new URL(href, 'http://x').pathname));
}

test('the rules of this test catch what they are for', () => {
  expect(rawCodes('2026/12/06 01:14 保証 太郎（admin） auth.sign-in user')).toEqual(['auth.sign-in', 'user']);
  expect(rawCodes('種類 guarantee-changed 関連する記録 保証 698cae52-1b08-4377-b400-c21b28ff8a3b')).toEqual([
    '698cae52-1b08-4377-b400-c21b28ff8a3b',
    'guarantee-changed',
  ]);
  expect(rawCodes('application/pdf 送信待ち PENDING')).toEqual(['application/pdf', 'PENDING']);
  expect(rawCodes('maru01@maru-kensetsu.example.jp https://www.wjcs.net/ e2e-contractor-0123456789ab e2e-0123abcd 203.0.113.0/24 PDF SHA-256 API')).toEqual([]);
});

test('every officer page shows names, never a code or an id', async ({ page, browser, newUser }) => {
  test.slow(); // every page of the side, with axe on each
  // A 中間前払金 認定 of this test's own (on a contract past its half today: any day of the year), so
  // that its page is among those opened.
  const account = await newUser({ side: 'contractor' });
  const contractor = await signedInPage(browser, account.loginId, account.password);
  const { number } = await certifiableGuarantee(contractor.request, account.loginId, `一覧試験${account.name.slice(-6)}`);
  const certification = `/admin/certifications/${(await requestOnScreens(contractor, number)).id}`;
  await contractor.context().close();
  await signIn(page, 'admin');

  // A gateway range of this test's own, so that its page is among those opened; removed at the end.
  const name = `試験 接続元 ${Date.now().toString(36)}`;
  await page.goto('/admin/gateways');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: G.create }) });
  await form.getByLabel(G.fields.name).fill(name);
  await form.getByLabel(G.fields.cidr).fill(`198.19.${1 + (Date.now() % 250)}.0/24`);
  await form.getByRole('radio', { name: G.modes.EXEMPT }).check();
  await form.getByRole('button', { name: G.create }).click();
  await expect(page).toHaveURL(/\/admin\/gateways\?saved=created$/);
  // Its own page first, so that the crawl opens this range's page and not another spec's (which that
  // spec may remove at any moment: two workers run at once).
  const own = (await page.getByRole('link', { name, exact: true }).getAttribute('href'))!;
  expect(own).toMatch(/^\/admin\/gateways\/[0-9a-f-]{36}$/);

  const queue = [own, certification, ...NAV.admin.map((item) => item.href)];
  const visited = new Map<string, string>(); // route → the URL opened for it
  const found: string[] = [];
  while (queue.length > 0) {
    const url = queue.shift()!;
    const route = routeOf(new URL(url, 'http://x').pathname)!;
    if (visited.has(route)) continue;
    visited.set(route, url);
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    for (const code of rawCodes(await visibleText(page))) found.push(`${url}: ${code}`);
    await checkA11y(page);
    if (route === '/admin/lookups') await shots(page, 'admin-lookups-names');
    for (const link of await adminLinks(page)) if (!visited.has(routeOf(new URL(link, 'http://x').pathname)!)) queue.push(link);
  }
  expect(found, 'codes or ids on the officers’ pages').toEqual([]);
  expect([...visited.keys()].sort(), 'every officer page was opened').toEqual(ROUTES.map((r) => r.route).sort());

  expect(visited.get('/admin/gateways/[id]')).toBe(own);
  await page.goto(own);
  await page.getByLabel(G.removeConfirm(name)).check();
  await page.getByRole('button', { name: G.remove }).click();
  await expect(page).toHaveURL(/\/admin\/gateways\?saved=removed$/);
});

test('最近の操作 names each action and links each record to its page', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin');
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: RECENT_LABELS.columns.target }) });
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const actionNames = Object.values(AUDIT_ACTION_LABEL);
  const typeNames = [...Object.values(RECORD_LABELS.type), ...Object.values(RECORD_LABELS.organization)];
  for (const row of await rows.all()) {
    const cells = row.locator('td, th');
    expect(actionNames, await row.innerText()).toContain((await cells.nth(2).innerText()).trim());
    const target = (await cells.nth(3).innerText()).trim();
    expect(typeNames.some((type) => target.startsWith(type)), target).toBe(true);
    for (const href of await cells.nth(3).locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
      expect(routeOf(href), `${target} → ${href}`).toBeDefined();
    }
  }
  // This sign-in is among them: an account, named, with a link to its page.
  const signInRow = rows.filter({ hasText: AUDIT_ACTION_LABEL['auth.sign-in'] }).first();
  await expect(signInRow.getByRole('link')).toHaveAttribute('href', /^\/admin\/users\/[0-9a-f-]{36}$/);
  await shots(page, 'admin-home-recent');
});

test('送信メール names the kind of mail and links the guarantee by its 保証契約番号', async ({ page }) => {
  await signIn(page, 'admin');
  // A 変更契約 (the demo's, or another spec's) told the contractor: 変更契約登録のお知らせ.
  await page.goto(`/admin/outbox?q=${encodeURIComponent('変更契約登録のお知らせ')}`);
  await page.getByRole('link', { name: /変更契約登録のお知らせ/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: O.detailTitle })).toBeVisible();
  const details = page.locator('dl.details').first();
  await expect(details.getByText(MAIL_TEMPLATE_LABEL['guarantee-changed'], { exact: true })).toBeVisible();
  const related = details.locator('dd').filter({ hasText: RECORD_LABELS.type.guarantee });
  const link = related.getByRole('link');
  await expect(link).toHaveText(/^\d{10}$/);
  const number = (await link.textContent())!;
  await expect(link).toHaveAttribute('href', `/admin/guarantees/${number}`);
  // …with its 工事名, the one 保証の管理 of that number shows.
  await expect(related).toHaveText(new RegExp(`^${RECORD_LABELS.type.guarantee}\\s*${number}（.+）$`));
  const project = /（(.+)）$/.exec((await related.textContent())!.trim())![1]!;
  await checkA11y(page);
  await shots(page, 'admin-outbox-related');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/admin/guarantees/${number}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await expect(page.locator('main')).toContainText(project);
});
