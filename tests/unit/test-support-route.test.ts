import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The gate must answer before anything touches the database: getDb fails the test if it is called.
const getDb = vi.hoisted(() => vi.fn(async () => Promise.reject(new Error('the database was reached'))));
vi.mock('@/db/client', () => ({ getDb }));

const { DELETE, GET, OPTIONS, PATCH, POST, PUT } = await import('@/app/api/test-support/users/route');
const guarantees = await import('@/app/api/test-support/guarantees/route');

const TOKEN = randomBytes(32).toString('base64url');
const BODY = JSON.stringify({ side: 'contractor' });
const post = (headers: Record<string, string> = {}, body: string = BODY) =>
  POST(new Request('http://127.0.0.1:3100/api/test-support/users', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }));

async function expectNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'お探しの情報は見つかりませんでした。' } });
}

describe('POST /api/test-support/users (the browser tests\' accounts): 404 unless started with E2E_SUPPORT_TOKEN and asked with it', () => {
  beforeEach(() => {
    getDb.mockClear();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('without E2E_SUPPORT_TOKEN: 404 for every request, any token included', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', undefined);
    await expectNotFound(await post());
    await expectNotFound(await post({ Authorization: `Bearer ${TOKEN}` }));
    await expectNotFound(await post({ Authorization: 'Bearer undefined' }));
    vi.stubEnv('E2E_SUPPORT_TOKEN', '');
    await expectNotFound(await post({ Authorization: 'Bearer ' }));
    expect(getDb).not.toHaveBeenCalled();
  });

  it('with E2E_SUPPORT_TOKEN: 404 without the token, with a wrong one, another scheme, or a prefix of it', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', TOKEN);
    await expectNotFound(await post());
    await expectNotFound(await post({ Authorization: `Bearer ${randomBytes(32).toString('base64url')}` }));
    await expectNotFound(await post({ Authorization: `Bearer ${TOKEN.slice(0, -1)}` }));
    await expectNotFound(await post({ Authorization: `Bearer ${TOKEN}x` }));
    await expectNotFound(await post({ Authorization: `Basic ${TOKEN}` }));
    await expectNotFound(await post({ Authorization: TOKEN }));
    await expectNotFound(await post({ 'X-E2E-Support-Token': TOKEN }));
    expect(getDb).not.toHaveBeenCalled();
  });

  it('a token shorter than 32 random bytes (43 characters) opens nothing, even when the request repeats it', async () => {
    const short = randomBytes(16).toString('base64url');
    vi.stubEnv('E2E_SUPPORT_TOKEN', short);
    await expectNotFound(await post({ Authorization: `Bearer ${short}` }));
    expect(getDb).not.toHaveBeenCalled();
  });

  it('every other method answers the same 404, token or not', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', TOKEN);
    for (const handler of [GET, PUT, PATCH, DELETE, OPTIONS]) await expectNotFound(handler());
    expect(getDb).not.toHaveBeenCalled();
  });

  it('with the right token, a malformed body is a 400 (zod), before the database', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', TOKEN);
    const auth = { Authorization: `Bearer ${TOKEN}` };
    for (const body of ['', 'not json', '[]', '{}', JSON.stringify({ side: 'officer' }), JSON.stringify({ side: 'orderer', organization: '' }), JSON.stringify({ side: 'admin', role: 'ADMIN' })]) {
      const response = await post(auth, body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST');
    }
    expect((await post(auth, JSON.stringify({ side: 'contractor', organization: 'x'.repeat(5000) }))).status).toBe(413);
    expect(getDb).not.toHaveBeenCalled();
  });

  it('with the right token and a valid body it reaches the use case; a failing database is a 503, never a 500', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', TOKEN);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await post({ Authorization: `bearer ${TOKEN}` });
      expect(response.status).toBe(503);
      expect(getDb).toHaveBeenCalledOnce();
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('POST /api/test-support/guarantees (a browser test\'s many guarantees): the same gate', () => {
  const GUARANTEES = JSON.stringify({ count: 21, project: '頁送り工事' });
  const postGuarantees = (headers: Record<string, string> = {}, body: string = GUARANTEES) =>
    guarantees.POST(new Request('http://127.0.0.1:3100/api/test-support/guarantees', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }));

  beforeEach(() => {
    getDb.mockClear();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('404 without E2E_SUPPORT_TOKEN, without the token, with a wrong or short one, and for every other method', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', undefined);
    await expectNotFound(await postGuarantees({ Authorization: `Bearer ${TOKEN}` }));
    vi.stubEnv('E2E_SUPPORT_TOKEN', TOKEN);
    await expectNotFound(await postGuarantees());
    await expectNotFound(await postGuarantees({ Authorization: `Bearer ${TOKEN.slice(0, -1)}` }));
    for (const handler of [guarantees.GET, guarantees.PUT, guarantees.PATCH, guarantees.DELETE, guarantees.OPTIONS]) await expectNotFound(handler());
    const short = randomBytes(16).toString('base64url');
    vi.stubEnv('E2E_SUPPORT_TOKEN', short);
    await expectNotFound(await postGuarantees({ Authorization: `Bearer ${short}` }));
    expect(getDb).not.toHaveBeenCalled();
  });

  it('with the right token: a malformed body is a 400, a large one 413, before the database; a failing database a 503', async () => {
    vi.stubEnv('E2E_SUPPORT_TOKEN', TOKEN);
    const auth = { Authorization: `Bearer ${TOKEN}` };
    for (const body of ['', 'not json', '{}', JSON.stringify({ count: 0, project: 'x' }), JSON.stringify({ count: 31, project: 'x' }), JSON.stringify({ count: 2.5, project: 'x' }), JSON.stringify({ count: 2, project: '' }), JSON.stringify({ count: 2, project: 'x', extra: 1 }), JSON.stringify({ count: 1, project: 'x', applicant: '' }), JSON.stringify({ count: 1, project: 'x', contractAmount: '0' }), JSON.stringify({ count: 1, project: 'x', guaranteeAmount: '24,000,000' }), JSON.stringify({ count: 1, project: 'x', contractAmount: 60000000 }), JSON.stringify({ count: 1, project: 'x', conclude: 'no' }), JSON.stringify({ count: 1, project: 'x', term: 'ended' }), JSON.stringify({ count: 1, project: 'x', jointVenture: { newMembers: 5 } }), JSON.stringify({ count: 1, project: 'x', jointVenture: { members: [''] } }), JSON.stringify({ count: 1, project: 'x', jointVenture: { split: 'no' } }), JSON.stringify({ count: 1, project: 'x', jointVenture: { extra: 1 } }), JSON.stringify({ count: 1, project: 'x', fromCertification: 'yes' })]) {
      const response = await postGuarantees(auth, body);
      expect(response.status, body).toBe(400);
    }
    expect((await postGuarantees(auth, JSON.stringify({ count: 2, project: 'x'.repeat(3000) }))).status).toBe(413);
    expect(getDb).not.toHaveBeenCalled();
    const response = await postGuarantees(auth);
    expect(response.status).toBe(503);
    expect(getDb).toHaveBeenCalledOnce();
  });
});
