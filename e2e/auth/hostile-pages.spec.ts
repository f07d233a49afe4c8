import fs from 'node:fs';
import path from 'node:path';
import { expect, signedInPage, test } from '../fixtures';

/**
 * Every page, signed in as its side (and the public ones signed out), with hostile values in every
 * dynamic segment and in the query parameters the pages read: never a 500 (issue 13). The page list
 * is read from src/app, so a new page is in this test from the day it is added.
 */

const APP = path.resolve('src/app');

function pageRoutes(dir = APP, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name === 'api') continue;
    const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
    const full = path.join(dir, entry.name);
    if (fs.existsSync(path.join(full, 'page.tsx'))) out.push(prefix + segment);
    out.push(...pageRoutes(full, prefix + segment));
  }
  return out;
}

// Few values, each standing for a family (NUL and other controls, bidi, quotes and markup, numbers out
// of range, traversal, length): every page gets each one in its segments and a mix in its query.
const HOSTILE = ['%00', "%E2%80%AE'%3Cscript%3E", '-1e309', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000)];
const SHORT = HOSTILE.filter((v) => v.length < 100);
const PARAMS = ['q', 'page', 'sort', 'dir', 'cond', 'status', 'kind', 'number', 'key', 'organization', 'outcome', 'from', 'to', 'saved', 'cursor', 'after', 'before', 'callbackUrl', 'v', 'version', 'compare', 'a', 'b'];

const SIDES = [
  { loginId: 'maru01', prefix: '/contractor' },
  { loginId: 'omura01', prefix: '/orderer' },
  { loginId: 'admin', prefix: '/admin' },
  { loginId: null, prefix: '' },
] as const;

test('no page answers 500 to hostile path segments or query parameters', async ({ browser, playwright, baseURL }) => {
  test.slow();
  const routes = pageRoutes();
  expect(routes).toEqual(expect.arrayContaining(['/contractor/guarantees/[number]', '/admin/users/[id]', '/verify/[digest]', '/login']));
  for (const side of SIDES) {
    const mine = routes.filter((r) => (side.prefix ? r.startsWith(side.prefix) : !/^\/(contractor|orderer|admin)/.test(r)));
    const request = side.loginId ? (await signedInPage(browser, side.loginId)).request : await playwright.request.newContext({ baseURL });
    const failures: string[] = [];
    for (const route of mine) {
      for (const [i, value] of HOSTILE.entries()) {
        const url = route.replace(/\[\w+\]/g, value) + '?' + PARAMS.map((p) => `${p}=${SHORT[(i + p.length) % SHORT.length]}`).join('&');
        const response = await request.get(url, { maxRedirects: 0 });
        if (response.status() >= 500) failures.push(`${response.status()} ${url.slice(0, 200)}`);
      }
    }
    expect(failures, side.loginId ?? 'signed out').toEqual([]);
  }
});
