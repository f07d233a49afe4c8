import http from 'node:http';
import { LOOKUP_LOG_LABELS as A } from '@/app/admin/lookups/labels';
import { LOOKUP_LABELS as L } from '@/app/orderer/lookup/labels';
import { SIGN_IN_POLICY } from '@/domain/auth/policy';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { expect, signedInPage, test } from '../fixtures';

/**
 * The client's address is the TCP peer's (scripts/server/front.mjs, decision 042): with no trusted
 * proxy, a client-sent X-Forwarded-For neither escapes the sign-in budget per address nor lands in
 * 照会記録. Each test speaks from a loopback address of its own (127.0.0.x), so that spending that
 * address's budget leaves the other tests (127.0.0.1) alone.
 */

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(url: string, options: { method?: string; from: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', localAddress: options.from, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookiesOf = (reply: Reply) => (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

test(`35 failed sign-ins, each with a new X-Forwarded-For, are throttled after ${SIGN_IN_POLICY.addressAttempts}`, async ({ baseURL }) => {
  const from = '127.0.0.31';
  const csrf = await send(`${baseURL}/api/auth/csrf`, { from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = cookiesOf(csrf);

  const outcomes: string[] = [];
  for (let i = 1; i <= 35; i += 1) {
    // A different unknown お客様ID each time: only the address's budget can stop these.
    const body = new URLSearchParams({ csrfToken, loginId: `nobody-${Date.now()}-${i}`, password: 'wrong-password-1' }).toString();
    const reply = await send(`${baseURL}/api/auth/callback/credentials`, {
      method: 'POST',
      from,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, 'X-Forwarded-For': `198.51.100.${i}`, 'X-Real-IP': `198.51.100.${i}` },
      body,
    });
    expect(reply.status, `attempt ${i}`).toBe(302);
    const code = new URL(String(reply.headers.location), baseURL).searchParams.get('code') ?? '';
    outcomes.push(code.startsWith('throttled') ? 'throttled' : 'refused');
  }
  const limit = SIGN_IN_POLICY.addressAttempts;
  expect(outcomes.slice(0, limit)).toEqual(Array(limit).fill('refused'));
  expect(outcomes.slice(limit)).toEqual(Array(35 - limit).fill('throttled'));
});

test('照会記録 records the address the lookup came from, not the one its X-Forwarded-For claims', async ({ browser, newUser }) => {
  const forged = '203.0.113.77';
  const clerkAccount = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.context().setExtraHTTPHeaders({ 'X-Forwarded-For': forged, 'X-Real-IP': forged });
  await clerk.goto('/orderer/lookup');
  // A well-formed number no guarantee has (the serials start at 100000000): one failed attempt.
  const unknown = contractNumberFromSerial(999_999_990);
  await clerk.getByLabel(new RegExp(`^${L.number}`)).fill(unknown);
  await clerk.getByLabel(new RegExp(`^${L.key}`)).fill('ABCD-EFGH-JK');
  await clerk.getByRole('button', { name: L.submit }).click();
  await expect(clerk.getByRole('alert').first()).toBeVisible();

  const officer = await signedInPage(browser, 'admin');
  await officer.goto(`/admin/lookups?number=${unknown}`);
  const row = officer.getByRole('row').filter({ hasText: clerkAccount.name });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').last()).toHaveText('127.0.0.1');
  await expect(officer.getByText(forged)).toHaveCount(0);
  await expect(officer.getByRole('columnheader', { name: A.columns.address })).toBeVisible();
});

test('a path that is not valid percent-encoding gets 400 in the route’s own format, signed in or out', async ({ baseURL, browser }) => {
  for (const path of ['/api/v1/signatures/%ff', '/api/v1/signing-keys/%C0%AF']) {
    const reply = await send(`${baseURL}${path}`, { from: '127.0.0.1' });
    expect(reply.status, path).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe('INVALID_REQUEST');
  }
  for (const path of ['/verify/%ff', '/contractor/guarantees/%ff', '/orderer/certificates/%ff', '/admin/users/%zz']) {
    const reply = await send(`${baseURL}${path}`, { from: '127.0.0.1' });
    expect(reply.status, path).toBe(400);
    expect(reply.body).toContain('アドレスが正しくありません');
  }
  const page = await signedInPage(browser, 'maru01');
  const response = await page.goto('/contractor/guarantees/%ff');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1, name: 'アドレスが正しくありません' })).toBeVisible();
});

test('the public routes answer 429 with Retry-After once an address spends its budget; the next address is served', async ({ baseURL }) => {
  const from = '127.0.0.41';
  let refused: Reply | null = null;
  // The default budget (PUBLIC_RATE_LIMIT, 120 a minute) and some more: the window is a minute long,
  // so on a slow machine a few more requests may pass before it fills.
  for (let i = 0; i < 400 && !refused; i += 1) {
    const reply = await send(`${baseURL}/api/v1/signatures/${'0'.repeat(64)}`, { from });
    if (reply.status === 429) refused = reply;
    else expect(reply.status).toBe(404);
  }
  expect(refused).not.toBeNull();
  expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
  expect(JSON.parse(refused!.body).error.code).toBe('THROTTLED');
  const page = await send(`${baseURL}/verify/${'0'.repeat(64)}`, { from });
  expect(page.status).toBe(429);
  expect((await send(`${baseURL}/api/v1/signatures/${'0'.repeat(64)}`, { from: '127.0.0.42' })).status).toBe(404);
});
