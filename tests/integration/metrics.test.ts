import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as metricsRoute from '@/app/api/metrics/route';
import { getDb, getDbHandle } from '@/db/client';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { RETRYABLE_MAIL, WITHDRAWN_KEY_NOTICE } from '@/domain/guarantees/withdrawn-key-notice';
import { lookupCertificate, type LookupCaller } from '@/domain/lookup/lookup';
import { LOOKUP_LOCKED_TEMPLATE } from '@/domain/lookup/mail-texts';
import { LOOKUP_POLICY } from '@/domain/lookup/policy';
import { scrapeMetrics } from '@/domain/metrics/scrape';
import { deliverPending } from '@/mail/worker';
import type { MailTransport } from '@/mail/transport';
import { proxy } from '@/proxy';
import { observeRequest } from '../../scripts/server/metrics.mjs';
import { concludedGuarantee, makeOrderer, makeUser, TEST_KEY_SECRET as SECRET } from '../support/factories';

// GET /api/metrics: the real route handler on this file's database. Lookups, a conclusion and failed
// mails go through the domain; each scrape's text is parsed (Prometheus exposition format 0.0.4) and
// the counters must have moved by exactly what was done.

const TOKEN = 'metrics-token-for-this-test-only-0123456789';

afterEach(() => vi.unstubAllEnvs());

// ───────────── a small parser of the text format ─────────────

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: Sample[];
}

const SUFFIXES = ['_bucket', '_sum', '_count'];

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text))) {
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    end = pattern.lastIndex;
  }
  if (end !== text.length) throw new Error(`bad labels: {${text}}`);
  return labels;
}

function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, samples: [] }));
    return f;
  };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'HELP') family(meta[2]!).help = meta[3];
      else family(meta[2]!).type = meta[3];
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a metric line: ${line}`);
    const name = sample[1]!;
    // A histogram's series belong to the family declared without the suffix.
    const base = SUFFIXES.map((s) => (name.endsWith(s) ? name.slice(0, -s.length) : null)).find((b) => b !== null && families.get(b)?.type === 'histogram');
    // Go's ParseFloat, as Prometheus reads it: NaN and Inf in any case (prom-client writes `Nan`).
    const raw = sample[3]!;
    const value = /^nan$/i.test(raw) ? NaN : /^[+-]?inf$/i.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw);
    if (!/^nan$/i.test(raw) && Number.isNaN(value)) throw new Error(`not a value: ${line}`);
    family(base ?? name).samples.push({ name, labels: sample[2] ? parseLabels(sample[2]) : {}, value });
  }
  return families;
}

async function scrape(): Promise<Map<string, Family>> {
  const response = await metricsRoute.GET(new Request('http://localhost/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parseExposition(await response.text());
  // Every family is declared (HELP and TYPE) and every series has one value.
  for (const f of families.values()) {
    expect(f.help, f.name).toBeTruthy();
    expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], f.name).toContain(f.type);
    const keys = f.samples.map((s) => `${s.name}${JSON.stringify(s.labels)}`);
    expect(new Set(keys).size, f.name).toBe(keys.length);
  }
  return families;
}

/** The value of `name`'s series with exactly these labels (undefined when absent). */
function value(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const f = families.get(name) ?? families.get(name.replace(/_(bucket|sum|count)$/, ''));
  return f?.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()))?.value;
}

// ───────────── the data ─────────────

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let clerk: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let address = 0;

beforeAll(async () => {
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: 'keiri@metrics.example.jp' });
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
});

async function look(number: string, key: string, policy = LOOKUP_POLICY) {
  const caller: LookupCaller = { kind: 'user', actor: clerk.actor };
  return lookupCertificate(await getDb(), caller, { number, key }, { secret: SECRET, clientAddress: `10.7.0.${++address}`, policy });
}

describe('GET /api/metrics: the token', () => {
  const get = (headers: Record<string, string> = {}) => metricsRoute.GET(new Request('http://localhost/api/metrics', { headers }));

  it('unset (or too short): the plain 404 of a missing route, whatever the request', async () => {
    for (const setting of [undefined, '', 'short-token']) {
      vi.stubEnv('METRICS_TOKEN', setting);
      for (const response of [await get(), await get({ authorization: `Bearer ${setting ?? TOKEN}` }), await metricsRoute.POST()]) {
        expect(response.status, String(setting)).toBe(404);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'お探しの情報は見つかりませんでした。' } });
      }
    }
  });

  it('set: 401 without it or with another, 200 with it; other methods 404', async () => {
    vi.stubEnv('METRICS_TOKEN', TOKEN);
    for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
      const response = await get(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const text = await response.text();
      expect(text).not.toContain('portal_');
      expect(JSON.parse(text).error.code).toBe('UNAUTHENTICATED');
    }
    const ok = await get({ authorization: `bearer  ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE portal_lookups_total counter');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) expect((await metricsRoute[method]()).status, method).toBe(404);
  });

  it('the setting is trimmed (a token read from a file ends with a newline); whitespace inside it is logged once', async () => {
    vi.stubEnv('METRICS_TOKEN', `  ${TOKEN}\n`);
    expect((await get({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);

    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      vi.stubEnv('METRICS_TOKEN', `${TOKEN} second-half`);
      for (let i = 0; i < 2; i++) expect((await get({ authorization: `Bearer ${TOKEN}` })).status).toBe(401);
      const warned = out.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>).filter((line) => line.module === 'metrics');
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatchObject({ level: 'warn', msg: expect.stringContaining('METRICS_TOKEN contains whitespace') });
      expect(JSON.stringify(warned)).not.toContain(TOKEN);
    } finally {
      out.mockRestore();
    }
  });

  it('a scraper with no session is let through the proxy (not sent to sign in)', () => {
    const response = proxy(new NextRequest('http://localhost/api/metrics', { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } }));
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });
});

describe('GET /api/metrics: what it counts', () => {
  it('lookups by outcome, locks, conclusions, mail failures, the outbox and the pool move as the domain works', async () => {
    vi.stubEnv('METRICS_TOKEN', TOKEN);
    const db = await getDb();
    const before = await scrape();
    // Every series of the bounded labels is there from the start.
    for (const outcome of ['found', 'not_found', 'invalid', 'refused', 'locked']) expect(value(before, 'portal_lookups_total', { outcome, caller: 'user' }), outcome).toBeTypeOf('number');

    const { number } = await concludedGuarantee(contractor, orderer);
    const { key } = await getKeyPage(db, contractor.actor, number, SECRET);
    const wrong = key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A');
    const policy = { ...LOOKUP_POLICY, numberFailures: 2 };
    expect((await look(number, key, policy)).status).toBe('found');
    expect((await look(number, 'ABC', policy)).status).toBe('invalid');
    expect((await look(number, wrong, policy)).status).toBe('not-found');
    expect((await look(number, wrong, policy)).status).toBe('not-found'); // spends the number's budget: locked
    expect(await look(number, key, policy)).toMatchObject({ status: 'throttled', scope: 'number' });
    // The lock's notice is queued in the background: wait for it (two mails, one per audience).
    const templates = [LOOKUP_LOCKED_TEMPLATE.CONTRACTOR, LOOKUP_LOCKED_TEMPLATE.OFFICERS];
    await expect.poll(() => db.outboxMail.count({ where: { template: { in: templates }, subject: { contains: number } } }), { timeout: 30_000 }).toBeGreaterThan(0);

    // Every pending mail fails once (the SMTP server refuses): each attempt is a failure to retry.
    const pendingBefore = await db.outboxMail.count({ where: { status: 'PENDING' } });
    const refusing: MailTransport = { sendMail: () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' })) };
    const report = await deliverPending(db, refusing);
    expect(report.retrying).toBe(pendingBefore);
    expect(report.retrying).toBeGreaterThan(0);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => value(after, name, labels)! - value(before, name, labels)!;
    expect(moved('portal_lookups_total', { outcome: 'found', caller: 'user' })).toBe(1);
    expect(moved('portal_lookups_total', { outcome: 'invalid', caller: 'user' })).toBe(1);
    expect(moved('portal_lookups_total', { outcome: 'not_found', caller: 'user' })).toBe(2);
    expect(moved('portal_lookups_total', { outcome: 'locked', caller: 'user' })).toBe(1);
    expect(moved('portal_lookups_total', { outcome: 'refused', caller: 'user' })).toBe(0);
    expect(moved('portal_lookups_total', { outcome: 'found', caller: 'token' })).toBe(0);
    expect(moved('portal_lookup_locks_total', { holder: 'orderer' })).toBe(1);
    expect(moved('portal_lookup_locks_total', { holder: 'other_organization' })).toBe(0);
    expect(moved('portal_conclusions_total', { delivery: 'electronic' })).toBe(1);
    expect(moved('portal_conclusions_total', { delivery: 'paper' })).toBe(0);
    expect(moved('portal_mail_send_failures_total', { outcome: 'retry' })).toBe(pendingBefore);
    expect(moved('portal_mail_send_failures_total', { outcome: 'failed' })).toBe(0);
    for (const name of ['portal_lookups_total', 'portal_lookup_locks_total', 'portal_conclusions_total', 'portal_mail_send_failures_total']) {
      expect(after.get(name)!.type, name).toBe('counter');
      expect(after.get(name)!.name.endsWith('_total')).toBe(true);
    }

    // The outbox gauges are the table as it stands.
    const outbox = await db.outboxMail.groupBy({ by: ['status'], _count: true });
    const count = (status: string) => outbox.find((r) => r.status === status)?._count ?? 0;
    expect(value(after, 'portal_outbox_pending_mails')).toBe(count('PENDING'));
    expect(value(after, 'portal_outbox_failed_mails')).toBe(await db.outboxMail.count({ where: RETRYABLE_MAIL }));
    expect(after.get('portal_outbox_oldest_pending_age_seconds')!.type).toBe('gauge');
    expect(value(after, 'portal_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(after, 'portal_database_up')).toBe(1);

    // The pool as the handle reports it: the embedded database has one connection and no idle or
    // waiting figure; PostgreSQL's pool (the PostgreSQL pass) reports all four.
    const use = (await getDbHandle()).poolUse?.();
    if (process.env.TEST_DATABASE_URL) {
      expect(use, 'a PostgreSQL handle reports its pool').toBeDefined();
      expect(value(after, 'portal_db_pool_max_connections', { database: 'postgres' })).toBe(use!.max);
      expect(value(after, 'portal_db_pool_connections', { database: 'postgres' })).toBeGreaterThanOrEqual(1);
      expect(value(after, 'portal_db_pool_idle_connections', { database: 'postgres' })).toBeGreaterThanOrEqual(0);
      expect(value(after, 'portal_db_pool_waiting_requests', { database: 'postgres' })).toBeGreaterThanOrEqual(0);
    } else {
      expect(value(after, 'portal_db_pool_max_connections', { database: 'pglite' })).toBe(1);
      expect(value(after, 'portal_db_pool_connections', { database: 'pglite' })).toBe(1);
      expect(after.get('portal_db_pool_idle_connections')!.samples).toEqual([]);
      expect(after.get('portal_db_pool_waiting_requests')!.samples).toEqual([]);
    }
    // The process's own, as every Node exporter has them.
    expect(after.get('process_cpu_user_seconds_total')?.type).toBe('counter');

    // No label carries what a user typed or was given: the number, the key, an address.
    const text = [...after.values()].flatMap((f) => f.samples.map((s) => JSON.stringify(s.labels))).join('\n');
    for (const secret of [number, key, wrong, '10.7.0.', clerk.id, orderer.id]) expect(text).not.toContain(secret);
  });

  it('failed mails are the retryable ones (as the admin home counts them): a key notice withdrawn by a reissue is counted apart', async () => {
    vi.stubEnv('METRICS_TOKEN', TOKEN);
    const db = await getDb();
    // A key notice sent to the orderer waits in the outbox; a reissue of its 認証キー withdraws it (FAILED on purpose).
    const { number } = await concludedGuarantee(contractor, orderer);
    expect((await sendKeyNoticeToOrderer(db, contractor.actor, number, SECRET, { confirmResend: true })).ok).toBe(true);
    const withdrawnBefore = await db.outboxMail.count({ where: WITHDRAWN_KEY_NOTICE });
    expect((await reissueAuthKey(db, contractor.actor, number, SECRET)).ok).toBe(true);
    const withdrawn = await db.outboxMail.count({ where: WITHDRAWN_KEY_NOTICE });
    expect(withdrawn).toBeGreaterThan(withdrawnBefore);
    // And one retryable failure beside it, with no error text (null lastError is retryable).
    const pending = await db.outboxMail.findFirstOrThrow({ where: { status: 'PENDING' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    await db.outboxMail.update({ where: { id: pending.id }, data: { status: 'FAILED', lastError: null } });
    const retryable = await db.outboxMail.count({ where: RETRYABLE_MAIL });
    expect(retryable).toBeGreaterThan(0);
    expect(await db.outboxMail.count({ where: { status: 'FAILED' } })).toBe(retryable + withdrawn);

    const families = await scrape();
    expect(value(families, 'portal_outbox_failed_mails')).toBe(retryable);
    expect(value(families, 'portal_outbox_withdrawn_key_notices')).toBe(withdrawn);
    expect(families.get('portal_outbox_withdrawn_key_notices')!.type).toBe('gauge');
  });

  it('the oldest pending mail’s age is taken at the scrape; a database that does not answer leaves the outbox unknown', async () => {
    const handle = await getDbHandle();
    const oldest = await handle.prisma.outboxMail.findFirst({ where: { status: 'PENDING' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
    expect(oldest).not.toBeNull();
    const at = new Date(oldest!.createdAt.getTime() + 900_000);
    const families = parseExposition((await scrapeMetrics(handle, { now: at })).text);
    expect(value(families, 'portal_outbox_oldest_pending_age_seconds')).toBeCloseTo(900, 3);

    // A database that never answers within the bound.
    const hung = { ...handle, prisma: { $queryRaw: () => new Promise(() => {}) } as unknown as typeof handle.prisma };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const down = parseExposition((await scrapeMetrics(hung, { timeoutMs: 50 })).text);
    // Logged once, the error under err (its type, message and stack).
    const logged = out.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>).filter((line) => line.module === 'metrics');
    out.mockRestore();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'error', err: { type: 'Error', message: 'no answer within 50 ms' } });
    expect(value(down, 'portal_database_up')).toBe(0);
    expect(value(down, 'portal_outbox_pending_mails')).toBeNaN();
    expect(value(down, 'portal_outbox_oldest_pending_age_seconds')).toBeNaN();
  });

  it('request durations by route pattern, method and status code (what the front records per request)', async () => {
    vi.stubEnv('METRICS_TOKEN', TOKEN);
    const before = await scrape();
    observeRequest({ route: '/verify/[digest]', method: 'GET', status: 200, ms: 30 });
    observeRequest({ route: null, method: 'BREW', status: 404, ms: 2 });
    observeRequest({ route: '/api/v1/verifications', method: 'POST', status: 200, ms: 12_000, aborted: true });
    const after = await scrape();
    const h = after.get('portal_http_request_duration_seconds')!;
    expect(h.type).toBe('histogram');
    const count = (families: Map<string, Family>, labels: Record<string, string>) => value(families, 'portal_http_request_duration_seconds_count', labels) ?? 0;
    expect(count(after, { route: '/verify/[digest]', method: 'GET', code: '200' }) - count(before, { route: '/verify/[digest]', method: 'GET', code: '200' })).toBe(1);
    expect(count(after, { route: 'unmatched', method: 'other', code: '404' }) - count(before, { route: 'unmatched', method: 'other', code: '404' })).toBe(1);
    expect(count(after, { route: '/api/v1/verifications', method: 'POST', code: '499' }) - count(before, { route: '/api/v1/verifications', method: 'POST', code: '499' })).toBe(1);
    // 30 ms falls in the 0.05 s bucket, not the 0.025 s one.
    const bucket = (le: string) => value(after, 'portal_http_request_duration_seconds_bucket', { route: '/verify/[digest]', method: 'GET', code: '200', le })! - (value(before, 'portal_http_request_duration_seconds_bucket', { route: '/verify/[digest]', method: 'GET', code: '200', le }) ?? 0);
    expect([bucket('0.025'), bucket('0.05'), bucket('+Inf')]).toEqual([0, 1, 1]);
    for (const s of h.samples) expect(Object.keys(s.labels).every((label) => ['route', 'method', 'code', 'le'].includes(label)), JSON.stringify(s.labels)).toBe(true);
  });
});
