import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { issueApiTokenAction, revokeApiTokenAction } from '@/actions/admin-api-token-actions';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import * as verificationsRoute from '@/app/api/v1/verifications/route';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { API_TOKEN_MESSAGES, hashApiToken } from '@/domain/api-tokens/tokens';
import { authenticateApiToken } from '@/domain/api-tokens/authenticate-api-token';
import { issueApiToken } from '@/domain/api-tokens/issue-api-token';
import { listApiTokens } from '@/domain/api-tokens/queries';
import { revokeApiToken } from '@/domain/api-tokens/revoke-api-token';
import { API_ERROR_STATUS, VERIFICATION_BODY_MAX_BYTES } from '@/domain/api-tokens/verification-api';
import { formatAuthKey, normalizeAuthKey } from '@/lib/auth-key-format';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { LOOKUP_MESSAGES } from '@/domain/lookup/messages';
import { LOOKUP_POLICY, RATE_KEY_PREFIX } from '@/domain/lookup/policy';
import { concludedGuarantee, makeOrderer, makeUser, officer, TEST_KEY_SECRET as SECRET } from '../support/factories';
import { signInAs } from '../support/session';
import { interrupt } from '../support/interrupt';
import { resolveRef, schemaProblems, type Schema } from '../support/openapi';

vi.mock('@/auth/config', () => import('../support/session'));

const { POST } = verificationsRoute;
const ENDPOINT = 'http://localhost/api/v1/verifications';

type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;

let db: Db;
let adminActor: Actor;
let admin: Made;
let company: Made;
let clerk: Made;
let ordererA: Orderer;
let ordererB: Orderer;
/** Certificates of orderer A (a, reissued) and of orderer B (b), with their keys as the contractor's page shows them. */
const cert = {} as Record<'a' | 'reissued' | 'b', { number: string; key: string }>;
let oldKey: string;

beforeAll(async () => {
  db = await getDb();
  adminActor = await officer(db);
  admin = await makeUser('ADMIN', adminActor.organizationId);
  company = await makeUser('CONTRACTOR');
  ordererA = await makeOrderer();
  ordererB = await makeOrderer();
  clerk = await makeUser('ORDERER', ordererA.id, ordererA.departmentId);
  for (const [name, orderer] of [
    ['a', ordererA],
    ['reissued', ordererA],
    ['b', ordererB],
  ] as const) {
    const g = await concludedGuarantee(company, orderer);
    cert[name] = { number: g.number, key: (await getKeyPage(db, company.actor, g.number, SECRET)).key };
  }
  oldKey = cert.reissued.key;
  await reissueAuthKey(db, company.actor, cert.reissued.number, SECRET);
  cert.reissued.key = (await getKeyPage(db, company.actor, cert.reissued.number, SECRET)).key;
  expect(cert.reissued.key).not.toBe(oldKey);
});

let tokenSeq = 0;
async function newToken(ordererId = ordererA.id, actor: Actor = adminActor) {
  const issued = await issueApiToken(db, actor, ordererId, { name: `テスト連携 ${++tokenSeq}` });
  if (!issued.ok) throw new Error(JSON.stringify(issued.fieldErrors));
  return issued.value;
}

/** Every answer of the route in this file, checked against the OpenAPI document at the end. */
const answers: { status: number; headers: Headers; json: unknown }[] = [];

interface Call {
  status: number;
  headers: Headers;
  text: string;
  json: { result?: string; error?: { code: string; message: string; fields?: Record<string, string[]>; retryAfterSeconds?: number } } & Record<string, unknown>;
}

/** One request as a client would send it: the body as bytes (so no default Content-Type is added). */
async function post(
  token: string | null,
  body: unknown,
  options: { raw?: boolean; contentType?: string | null; authorization?: string; headers?: Record<string, string> } = {},
): Promise<Call> {
  const headers = new Headers(options.headers);
  if (options.authorization !== undefined) headers.set('authorization', options.authorization);
  else if (token !== null) headers.set('authorization', `Bearer ${token}`);
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers.set('content-type', contentType);
  const text = options.raw ? String(body) : JSON.stringify(body);
  const response = await POST(new Request(ENDPOINT, { method: 'POST', headers, body: new TextEncoder().encode(text) }));
  const responseText = await response.text();
  const json = JSON.parse(responseText) as Call['json'];
  answers.push({ status: response.status, headers: response.headers, json });
  return { status: response.status, headers: response.headers, text: responseText, json };
}

const verify = (token: string | null, contractNumber: unknown, authKey: unknown) => post(token, { contractNumber, authKey });

/** A valid 保証契約番号 (check digit right) that no guarantee has. */
let unusedSerial = 899_000_000;
const unusedNumber = () => contractNumberFromSerial(unusedSerial++);

/** A key that is well-formed but belongs to nothing. */
const WRONG_KEY = 'ZZZZ-ZZZZ-ZZ';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

/** Rows of every table whose JSON text contains `needle` (the whole database, not just ApiToken). */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      `SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}" AS t WHERE position($1 in row_to_json(t)::text) > 0`,
      needle,
    );
    if (Number(rows[0]?.n ?? 0) > 0) found.push(table);
  }
  expect(tables.length).toBeGreaterThan(10);
  return found;
}

const keyForms = (key: string) => [normalizeAuthKey(key), formatAuthKey(normalizeAuthKey(key))];

describe('API tokens: issuing, listing, revoking', () => {
  it('an officer issues a token through the action: shown once, stored only as its SHA-256, audited', async () => {
    signInAs(admin);
    const bad = await issueApiTokenAction(ordererA.id, undefined, form({ name: '  ' }));
    expect(bad.issued).toBeUndefined();
    expect(bad.result.error?.name?.[0]).toBe('トークンの名前を入力してください。');
    const tooLong = await issueApiTokenAction(ordererA.id, undefined, form({ name: 'あ'.repeat(101) }));
    expect(tooLong.result.error?.name?.[0]).toMatch(/100文字以内/);

    const answer = await issueApiTokenAction(ordererA.id, undefined, form({ name: '電子契約システム（本番）' }));
    const issued = answer.issued!;
    expect(issued.token).toMatch(/^dhp_[A-Za-z0-9_-]{43}$/);
    expect(issued.name).toBe('電子契約システム（本番）');

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: issued.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toBe(createHash('sha256').update(issued.token).digest('hex'));
    expect(row.tokenHash).toBe(hashApiToken(issued.token));
    expect(row.organizationId).toBe(ordererA.id);
    expect(row.createdById).toBe(admin.id);
    // The plain token (or its random part) is nowhere in the database: not in ApiToken, not in the audit log.
    expect(await tablesContaining(issued.token.slice(4))).toEqual([]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'api-token.issue', targetId: issued.id } });
    expect(audit.actorUserId).toBe(admin.id);
    expect(JSON.stringify(audit.details)).not.toContain(issued.token);

    // The list tells tokens apart without showing either the token or its hash.
    const list = await listApiTokens(db, admin.actor, ordererA.id);
    const listed = list.find((t) => t.id === issued.id)!;
    expect(listed).toMatchObject({ name: '電子契約システム（本番）', lastUsedAt: null, revokedAt: null, createdBy: { name: admin.actor.name, loginId: admin.loginId } });
    expect(JSON.stringify(list)).not.toContain(issued.token);
    expect(JSON.stringify(list)).not.toContain(row.tokenHash);

    // It works once; it is never shown again (no use case returns it).
    expect((await verify(issued.token, cert.a.number, cert.a.key)).status).toBe(200);
  });

  it('only officers issue, list and revoke: contractors and orderers get FORBIDDEN from the actions and the use cases', async () => {
    const victim = await newToken();
    const before = await db.apiToken.count();
    for (const who of [company, clerk]) {
      signInAs(who);
      expect(await interrupt(issueApiTokenAction(ordererA.id, undefined, form({ name: '侵入' })))).toBe('app-error:FORBIDDEN');
      expect(await interrupt(revokeApiTokenAction(victim.id, undefined, form({ confirmRevoke: 'on' })))).toBe('app-error:FORBIDDEN');
      await expect(issueApiToken(db, who.actor, ordererA.id, { name: '侵入' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listApiTokens(db, who.actor, ordererA.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(revokeApiToken(db, who.actor, victim.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(null);
    expect(await interrupt(issueApiTokenAction(ordererA.id, undefined, form({ name: '侵入' })))).toBe('redirect:/login');
    expect(await db.apiToken.count()).toBe(before);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: victim.id } })).revokedAt).toBeNull();
  });

  it('tokens belong to orderers only; an unknown id or another kind of organisation is NOT_FOUND', async () => {
    await expect(issueApiToken(db, adminActor, company.actor.organizationId, { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(issueApiToken(db, adminActor, '00000000-0000-4000-8000-000000000000', { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listApiTokens(db, adminActor, company.actor.organizationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeApiToken(db, adminActor, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    signInAs(admin);
    expect(await interrupt(issueApiTokenAction('not-a-uuid', undefined, form({ name: 'x' })))).toBe('not-found');
    expect(await interrupt(revokeApiTokenAction('not-a-uuid', undefined, form({ confirmRevoke: 'on' })))).toBe('not-found');
  });

  it('revoking asks for the confirmation, then the token answers 401 like a missing or unknown one', async () => {
    const { id, token } = await newToken();
    expect((await verify(token, cert.a.number, cert.a.key)).status).toBe(200);
    signInAs(admin);
    expect(await revokeApiTokenAction(id, undefined, form({}))).toEqual({ error: API_TOKEN_MESSAGES.confirmRevoke });
    expect((await verify(token, cert.a.number, cert.a.key)).status).toBe(200);

    expect(await interrupt(revokeApiTokenAction(id, undefined, form({ confirmRevoke: 'on' })))).toBe(
      `redirect:/admin/orderers/${ordererA.id}?saved=api-token-revoked#api-tokens`,
    );
    const revoked = await verify(token, cert.a.number, cert.a.key);
    const missing = await verify(null, cert.a.number, cert.a.key);
    const unknown = await verify(`dhp_${'A'.repeat(43)}`, cert.a.number, cert.a.key);
    const malformed = await post(null, { contractNumber: cert.a.number, authKey: cert.a.key }, { authorization: `Basic ${token}` });
    for (const answer of [revoked, missing, unknown, malformed]) {
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(revoked.text);
      expect(answer.json.error!.code).toBe('UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="denshi-hosho-api"');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    // Twice revoked: no change, one audit row.
    expect((await revokeApiToken(db, adminActor, id)).alreadyRevoked).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'api-token.revoke', targetId: id } })).toBe(1);
    const listed = (await listApiTokens(db, adminActor, ordererA.id)).find((t) => t.id === id)!;
    expect(listed.revokedAt).toBeInstanceOf(Date);
  });

  it('a token of an orderer made inactive answers 401, and an inactive orderer gets no new token', async () => {
    const orderer = await makeOrderer();
    const { token } = await newToken(orderer.id);
    expect(await authenticateApiToken(db, token)).not.toBeNull();
    await db.organization.update({ where: { id: orderer.id }, data: { active: false } });
    expect(await authenticateApiToken(db, token)).toBeNull();
    expect((await verify(token, cert.a.number, cert.a.key)).status).toBe(401);
    expect(await issueApiToken(db, adminActor, orderer.id, { name: 'x' })).toEqual({ ok: false, fieldErrors: { '': [API_TOKEN_MESSAGES.ordererInactive] } });
  });

  it('authenticateApiToken: malformed and unknown are null; lastUsedAt is written at most once a minute', async () => {
    for (const bearer of ['', 'dhp_', 'x'.repeat(10_000), `dhp_${'A'.repeat(42)}`, `DHP_${'A'.repeat(43)}`, `dhp_${'A'.repeat(43)}`]) {
      expect(await authenticateApiToken(db, bearer)).toBeNull();
    }
    const { id, token } = await newToken();
    const t0 = new Date('2030-01-01T00:00:00Z');
    expect(await authenticateApiToken(db, token, t0)).toEqual({ tokenId: id, organizationId: ordererA.id });
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.toISOString();
    expect(await lastUsed()).toBe(t0.toISOString());
    await authenticateApiToken(db, token, new Date(t0.getTime() + 59_000));
    expect(await lastUsed()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 61_000);
    await authenticateApiToken(db, token, later);
    expect(await lastUsed()).toBe(later.toISOString());
  });
});

describe('POST /api/v1/verifications', () => {
  it('found: the certificate, its versions and status, the confirmation recorded; no-store; never the key', async () => {
    const { id, token } = await newToken();
    // As a clerk may type it: lower case, hyphens, 全角 digits in the number.
    const typedNumber = cert.a.number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const answer = await verify(token, typedNumber, formatAuthKey(cert.a.key).toLowerCase());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const body = answer.json as Record<string, unknown> & { versions: { version: number; digest: string }[]; certificate: { number: string } };
    const g = await db.guarantee.findUniqueOrThrow({ where: { number: cert.a.number }, include: { versions: { orderBy: { version: 'desc' } } } });
    expect(body).toMatchObject({ result: 'found', contractNumber: cert.a.number, status: 'ACTIVE', statusLabel: '有効', version: 1 });
    expect(body.versions).toEqual(g.versions.map((v) => ({ version: v.version, changeKind: v.changeKind, issuedOn: v.issuedOn.toISOString().slice(0, 10), digest: v.digest })));
    expect(body.certificate).toEqual(g.versions[0]!.content);
    expect(body.certificate.number).toBe(cert.a.number);
    const confirmation = await db.confirmation.findUniqueOrThrow({ where: { id: body.confirmationId as string } });
    expect(confirmation).toMatchObject({ guaranteeId: g.id, organizationId: ordererA.id, userId: null, departmentId: null, statusAtConfirmation: 'ACTIVE' });
    expect(body.confirmedAt).toBe(confirmation.confirmedAt.toISOString());
    for (const form of keyForms(cert.a.key)) expect(answer.text).not.toContain(form);
    const attempts = await db.lookupAttempt.findMany({ where: { apiTokenId: id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: 'FOUND', userId: null, organizationId: ordererA.id, guaranteeId: g.id });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it('not found: a wrong number, a wrong key, the reissued old key and another orderer’s certificate get one identical answer', async () => {
    const { id, token } = await newToken();
    const tokenB = (await newToken(ordererB.id)).token;
    const answers404 = [
      await verify(token, unusedNumber(), cert.a.key),
      await verify(token, cert.a.number, WRONG_KEY),
      await verify(token, cert.reissued.number, oldKey),
      await verify(token, cert.b.number, cert.b.key), // B's certificate with its right key, by A's token
      await verify(tokenB, cert.a.number, cert.a.key), // A's certificate with its right key, by B's token
    ];
    for (const answer of answers404) {
      expect(answer.status).toBe(404);
      expect(answer.text).toBe(answers404[0]!.text);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      for (const key of [cert.a.key, cert.b.key, oldKey]) for (const form of keyForms(key)) expect(answer.text).not.toContain(form);
    }
    expect(answers404[0]!.json).toEqual({ error: { code: 'NOT_FOUND', message: LOOKUP_MESSAGES.notFound } });
    // The new key works, the old one does not.
    expect((await verify(token, cert.reissued.number, cert.reissued.key)).status).toBe(200);
    const outcomes = (await db.lookupAttempt.findMany({ where: { apiTokenId: id }, orderBy: { createdAt: 'asc' } })).map((a) => a.outcome);
    expect(outcomes.sort()).toEqual(['FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'].sort());
  });

  it('invalid input: 422 with fields, logged, and no attempt spent', async () => {
    const { id, token } = await newToken();
    const badDigit = cert.a.number.slice(0, 9) + String((Number(cert.a.number[9]) + 1) % 10);
    const cases: [unknown, unknown, Record<string, string[]>][] = [
      [badDigit, cert.a.key, { contractNumber: [LOOKUP_MESSAGES.numberCheckDigit] }],
      ['12345', cert.a.key, { contractNumber: [LOOKUP_MESSAGES.numberFormat] }],
      [cert.a.number, 'ABC', { authKey: [LOOKUP_MESSAGES.keyLength(3)] }],
      [cert.a.number, 'OOOO-OOOO-OO', { authKey: [LOOKUP_MESSAGES.keyUnused(['O'])] }],
      ['', '', { contractNumber: [LOOKUP_MESSAGES.numberRequired], authKey: [LOOKUP_MESSAGES.keyRequired] }],
      ['1'.repeat(101), cert.a.key, { contractNumber: [LOOKUP_MESSAGES.numberFormat] }],
      [cert.a.number, `${cert.a.key}${'-'.repeat(100)}`, { authKey: [LOOKUP_MESSAGES.keyFormat] }],
    ];
    for (const [number, key, fields] of cases) {
      const answer = await verify(token, number, key);
      expect(answer.status).toBe(422);
      expect(answer.json.error).toMatchObject({ code: 'INVALID_INPUT', fields });
      for (const form of keyForms(cert.a.key)) expect(answer.text).not.toContain(form);
    }
    // The first five reached the lookup and were logged; the over-long ones were refused before it.
    const outcomes = (await db.lookupAttempt.findMany({ where: { apiTokenId: id } })).map((a) => a.outcome).sort();
    expect(outcomes).toEqual(['INVALID_KEY', 'INVALID_KEY', 'INVALID_NUMBER', 'INVALID_NUMBER', 'INVALID_NUMBER']);
    expect(await db.rateLimit.count({ where: { key: { contains: id } } })).toBe(0);
    expect((await verify(token, cert.a.number, cert.a.key)).status).toBe(200);
  });

  it('malformed requests: 400 (not JSON, not an object, wrong types), 415 (not JSON), 413 (over 4 KB); no attempt', async () => {
    const { id, token } = await newToken();
    const bad400: [string, string[]][] = [
      ['{', []],
      ['', []],
      ['null', []],
      ['[]', []],
      ['"2070004426"', []],
      [JSON.stringify({ contractNumber: 2070004426, authKey: cert.a.key }), ['contractNumber']],
      [JSON.stringify({ contractNumber: cert.a.number }), ['authKey']],
      ['{"contractNumber": 1e400, "authKey": 123456789012345678901234567890}', ['authKey', 'contractNumber']],
      [JSON.stringify({ contractNumber: { $gt: '' }, authKey: [cert.a.key] }), ['authKey', 'contractNumber']],
    ];
    for (const [raw, fields] of bad400) {
      const answer = await post(token, raw, { raw: true });
      expect(answer.status, raw).toBe(400);
      expect(answer.json.error!.code).toBe('INVALID_REQUEST');
      expect(Object.keys(answer.json.error!.fields ?? {}).sort()).toEqual(fields);
      for (const message of Object.values(answer.json.error!.fields ?? {}).flat()) expect(message).toMatch(/文字列で指定してください/);
      for (const form of keyForms(cert.a.key)) expect(answer.text).not.toContain(form);
    }
    // Invalid UTF-8 is not JSON text.
    const latin = await POST(
      new Request(ENDPOINT, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0x7d]) }),
    );
    expect(latin.status).toBe(400);

    const body = { contractNumber: cert.a.number, authKey: cert.a.key };
    for (const contentType of [null, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=shift_jis', 'application/jsonx']) {
      const answer = await post(token, body, { contentType });
      expect(answer.status, String(contentType)).toBe(415);
      expect(answer.json.error!.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"']) {
      expect((await post(token, body, { contentType })).status).toBe(200);
    }
    // Unknown members are ignored.
    expect((await post(token, { ...body, extra: { nested: [1, 2, 3] }, version: 'v2' })).status).toBe(200);

    const padded = { ...body, padding: 'x'.repeat(VERIFICATION_BODY_MAX_BYTES) };
    const tooBig = await post(token, padded);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error!.code).toBe('PAYLOAD_TOO_LARGE');
    // Declared too big: refused without reading.
    const declared = await post(token, body, { headers: { 'content-length': String(VERIFICATION_BODY_MAX_BYTES + 1) } });
    expect(declared.status).toBe(413);
    // Exactly at the limit is read.
    const exact = JSON.stringify({ ...body, padding: '' });
    const atLimit = { ...body, padding: 'x'.repeat(VERIFICATION_BODY_MAX_BYTES - Buffer.byteLength(exact)) };
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(VERIFICATION_BODY_MAX_BYTES);
    expect((await post(token, atLimit)).status).toBe(200);

    const outcomes = (await db.lookupAttempt.findMany({ where: { apiTokenId: id } })).map((a) => a.outcome);
    expect(outcomes).toEqual(['FOUND', 'FOUND', 'FOUND', 'FOUND']);
  });

  it(`throttling: after ${LOOKUP_POLICY.accountFailures} failures in the hour the token gets 429 with Retry-After, even for the right pair; every attempt logged`, async () => {
    const { id, token } = await newToken();
    for (let i = 0; i < LOOKUP_POLICY.accountFailures; i++) {
      expect((await verify(token, unusedNumber(), WRONG_KEY)).status).toBe(404);
    }
    const throttled = await verify(token, cert.a.number, cert.a.key);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('cache-control')).toBe('no-store');
    const retryAfter = throttled.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(LOOKUP_POLICY.accountWindowSeconds);
    expect(throttled.json.error).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: Number(retryAfter) });
    expect(throttled.json.error!.message).toBe(LOOKUP_MESSAGES.throttled(Math.ceil(Number(retryAfter) / 60)));
    // Another token of the same orderer has its own budget.
    expect((await verify((await newToken()).token, cert.a.number, cert.a.key)).status).toBe(200);

    const attempts = await db.lookupAttempt.findMany({ where: { apiTokenId: id } });
    expect(attempts).toHaveLength(LOOKUP_POLICY.accountFailures + 1);
    expect(attempts.filter((a) => a.outcome === 'NOT_FOUND')).toHaveLength(LOOKUP_POLICY.accountFailures);
    expect(attempts.filter((a) => a.outcome === 'THROTTLED')).toHaveLength(1);
    for (const a of attempts) expect(a).toMatchObject({ userId: null, organizationId: ordererA.id });
    // A refused request costs nothing: the budget stays at its 10 failures.
    expect(await db.rateLimit.findUnique({ where: { key: `${RATE_KEY_PREFIX.account}:token:${id}` } })).toMatchObject({ points: LOOKUP_POLICY.accountFailures });
  });

  it('other methods: Next answers 405 with an empty body (OPTIONS 204, Allow: OPTIONS, POST); only POST is exported', async () => {
    expect(Object.keys(verificationsRoute).sort()).toEqual(['POST']);
    const methods = autoImplementMethods(verificationsRoute as never);
    for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = (await methods[method](new Request(ENDPOINT, { method }) as never, { params: Promise.resolve({}) } as never)) as Response;
      expect(response.status, method).toBe(405);
      expect(await response.text()).toBe('');
    }
    const options = (await methods.OPTIONS(new Request(ENDPOINT, { method: 'OPTIONS' }) as never, { params: Promise.resolve({}) } as never)) as Response;
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('OPTIONS, POST');
  });

  it('property: hostile requests get 400/401/404/413/415/422/429 only, always JSON and no-store, never a key', async () => {
    const { token } = await newToken();
    const revoked = await newToken();
    await revokeApiToken(db, adminActor, revoked.id);
    const secrets = [cert.a.key, cert.b.key, cert.reissued.key, oldKey].flatMap(keyForms);
    // Valid numbers of no guarantee (the sequence starts at 100000000 and this file concludes a handful),
    // B's certificate (another orderer) and the reissued one, with real keys that never match them.
    const plausibleNumber = fc.oneof(
      fc.integer({ min: 500_000_000, max: 899_999_999 }).map((serial) => contractNumberFromSerial(serial)),
      fc.constantFrom(cert.b.number, cert.reissued.number),
    );
    const plausibleKey = fc.constantFrom(cert.a.key, formatAuthKey(cert.b.key), oldKey, WRONG_KEY);
    const hostile = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        "' OR '1'='1' --",
        '"; DROP TABLE "ApiToken"; --',
        '<script>alert(1)</script>',
        '\u0000\u0001',
        '\uFEFF2070004426',
        '２０７０００４４２６',
        '𠮷野家🍣',
        '\u202Eabc',
        '${7*7}{{7*7}}',
        '../../etc/passwd',
        'x'.repeat(5000),
        '9'.repeat(400),
      ),
      plausibleNumber,
      plausibleKey,
    );
    const value = fc.oneof(
      hostile,
      fc.integer(),
      fc.double(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, 1e308, -0, true, null),
      fc.array(hostile, { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), hostile, { maxKeys: 3 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const body = fc.oneof(
      fc.record({ contractNumber: value, authKey: value, extra: value }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.record({ contractNumber: plausibleNumber, authKey: plausibleKey, extra: value }, { requiredKeys: ['contractNumber', 'authKey'] }).map((o) => JSON.stringify(o)),
      fc.record({ contractNumber: plausibleNumber, authKey: hostile }).map((o) => JSON.stringify(o)),
      fc
        .record({ contractNumber: plausibleNumber, authKey: plausibleKey, padding: fc.integer({ min: VERIFICATION_BODY_MAX_BYTES, max: 3 * VERIFICATION_BODY_MAX_BYTES }) })
        .map(({ padding, ...pair }) => JSON.stringify({ ...pair, padding: 'あ'.repeat(Math.ceil(padding / 3)) })),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        '{"contractNumber": 1e400, "authKey": 123456789012345678901234567890123}',
        '{"contractNumber": "2070004426", "authKey": "7KQ4-XM9P-WA", "contractNumber": {"a": 1}}',
        `${'['.repeat(1500)}${']'.repeat(1500)}`,
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}',
      ),
    );
    // Weighted so that most runs get past the token and the media type to the body and the lookup.
    const auth = fc.constantFrom<'valid' | 'none' | 'garbage' | 'revoked' | 'basic'>('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'none', 'garbage', 'revoked', 'basic');
    const seen = new Set<number>();
    const contentType = fc.constantFrom<string | null>('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', null, 'multipart/form-data');
    await fc.assert(
      fc.asyncProperty(auth, contentType, body, async (who, type, text) => {
        const authorization =
          who === 'valid' ? `Bearer ${token}` : who === 'revoked' ? `Bearer ${revoked.token}` : who === 'garbage' ? 'Bearer dhp_<script>' : who === 'basic' ? 'Basic YTpi' : undefined;
        const answer = await post(null, text, { raw: true, contentType: type, authorization });
        seen.add(answer.status);
        expect([400, 401, 404, 413, 415, 422, 429]).toContain(answer.status);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.json.error!.code).toBe(Object.entries(API_ERROR_STATUS).find(([, status]) => status === answer.status)![0]);
        for (const secret of secrets) expect(answer.text).not.toContain(secret);
        if (who !== 'valid') expect(answer.status).toBe(401);
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the runs reached every refusal, the lookup included.
    for (const status of [400, 401, 404, 413, 415, 422]) expect(seen.has(status), String(status)).toBe(true);
  });
});

describe('OpenAPI document (GET /api/v1/openapi.json)', () => {
  let doc: Schema;
  const resolve = (schema: Schema): Schema => resolveRef(doc, schema);
  const problems = (schema: Schema, value: unknown) => schemaProblems(doc, schema, value);

  beforeAll(async () => {
    const response = await openApiRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = JSON.parse(await response.text()) as Schema;
  });

  it('is OpenAPI 3.1 JSON describing POST /api/v1/verifications with the bearer scheme and every status the route answers', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const post = (doc.paths as Record<string, Record<string, Schema>>)['/api/v1/verifications']!.post!;
    expect(post).toBeDefined();
    expect(post.security).toEqual([{ bearerAuth: [] }]);
    expect((doc.components as { securitySchemes: Schema }).securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const documented = Object.keys(post.responses as Schema).sort();
    const answerable = ['200', ...Object.values(API_ERROR_STATUS).map(String)].sort();
    expect(documented).toEqual(answerable);
    // Every code of the error table has its own response with its code as const.
    for (const [code, status] of Object.entries(API_ERROR_STATUS)) {
      const response = (post.responses as Record<string, { content: Record<string, { schema: Schema }> }>)[String(status)]!;
      const schema = resolve(response.content['application/json']!.schema);
      expect(problems(schema, { error: { code, message: 'x', fields: {}, retryAfterSeconds: 1 } })).toEqual([]);
    }
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) resolve({ $ref: r.slice(8, -1) });
  });

  it('the real answers of the route (every one sent in this file) have the documented fields and headers', () => {
    const post = (doc.paths as Record<string, Record<string, Schema>>)['/api/v1/verifications']!.post!;
    const responses = post.responses as Record<string, { headers?: Record<string, { required?: boolean; schema: Schema }>; content: Record<string, { schema: Schema }> }>;
    expect(answers.length).toBeGreaterThan(100);
    const statuses = new Set(answers.map((a) => a.status));
    // Every documented status except 500 (a server fault) was seen and checked.
    for (const status of Object.keys(responses).filter((s) => s !== '500')) expect(statuses.has(Number(status)), status).toBe(true);
    for (const answer of answers) {
      const documented = responses[String(answer.status)];
      expect(documented, String(answer.status)).toBeDefined();
      expect(problems(documented!.content['application/json']!.schema, answer.json)).toEqual([]);
      for (const [name, header] of Object.entries(documented!.headers ?? {})) {
        const value = answer.headers.get(name);
        if (header.required || name === 'Cache-Control') expect(value, `${answer.status} ${name}`).not.toBeNull();
        if (value !== null) expect(problems(header.schema, resolve(header.schema).type === 'integer' ? Number(value) : value)).toEqual([]);
      }
    }
  });
});
