import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { getDb } from '@/db/client';
import { signInWithPassword } from '@/domain/auth/sign-in';
import { makeUser, TEST_PASSWORD } from '../support/factories';

/**
 * ログアウト through next-auth's real handler and our configuration (src/auth/config.ts): the signOut
 * event ends the session row (decision 004). When that fails, the failure is logged once, by the auth
 * logger, naming the session that survives, and the user is signed out all the same (cookie cleared,
 * sent to the sign-in page). The failure is a real one: a trigger makes the database refuse to
 * delete that one row.
 */

const SECRET = 'test-auth-secret-for-sign-out-only-0123456789';
const ORIGIN = 'http://localhost:3000';
const SESSION_COOKIE = 'authjs.session-token';
let handlers: { GET: (req: Request) => Promise<Response>; POST: (req: Request) => Promise<Response> };

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  ({ handlers } = (await import('@/auth/config')) as unknown as { handlers: typeof handlers });
  const db = await getDb();
  await db.$executeRawUnsafe(`
    CREATE FUNCTION test_refuse_session_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD."userId" IN (SELECT "id" FROM "User" WHERE "name" = 'ログアウト 失敗') THEN
        RAISE EXCEPTION 'the database refused to delete session %', OLD."id";
      END IF;
      RETURN OLD;
    END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_session_delete BEFORE DELETE ON "UserSession" FOR EACH ROW EXECUTE FUNCTION test_refuse_session_delete()`);
});
afterEach(() => vi.restoreAllMocks());

/** A signed-in browser: a real session row and the session cookie next-auth would have set. */
async function signedIn(name: string) {
  const db = await getDb();
  const user = await makeUser('CONTRACTOR', undefined, undefined, { name });
  const result = await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '10.60.0.1' });
  if (!result.ok) throw new Error('sign-in failed');
  const token = await encode({ token: { sub: user.id, role: 'CONTRACTOR', sv: result.sessionVersion, sid: result.sessionId }, secret: SECRET, salt: SESSION_COOKIE });
  return { user, sessionId: result.sessionId, cookie: `${SESSION_COOKIE}=${token}` };
}

/** ログアウト as the header's button posts it: CSRF token first, then POST /api/auth/signout. */
async function signOut(cookie: string): Promise<Response> {
  const csrf = await handlers.GET(new Request(`${ORIGIN}/api/auth/csrf`, { headers: { cookie } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('authjs.csrf-token='))!;
  return handlers.POST(
    new Request(`${ORIGIN}/api/auth/signout`, {
      method: 'POST',
      headers: { cookie: `${cookie}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/login?signedOut=1` }),
    }),
  );
}

/** The log's lines among what was written to stdout (src/lib/log.ts writes one JSON line per call). */
function logLines(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.flatMap(([chunk]) => {
    try {
      const line = JSON.parse(String(chunk)) as Record<string, unknown>;
      return typeof line.level === 'string' ? [line] : [];
    } catch {
      return [];
    }
  });
}

const clearsSession = (response: Response) =>
  response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=;`) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c));

describe('ログアウト ends the session row; a failure to end it is logged once and the user is signed out anyway', () => {
  it('the usual case: the row is gone, the cookie cleared, nothing logged', async () => {
    const db = await getDb();
    const { sessionId, cookie } = await signedIn('ログアウト 成功');
    const logged = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const response = await signOut(cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${ORIGIN}/login?signedOut=1`);
    expect(clearsSession(response)).toBe(true);
    expect(await db.userSession.count({ where: { id: sessionId } })).toBe(0);
    expect(logLines(logged)).toEqual([]);
  });

  it('the database refuses: one line from the auth logger naming the session that survives; the cookie cleared, to the sign-in page', async () => {
    const db = await getDb();
    const { user, sessionId, cookie } = await signedIn('ログアウト 失敗');
    const logged = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const response = await signOut(cookie);

    // The user is signed out all the same.
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${ORIGIN}/login?signedOut=1`);
    expect(clearsSession(response)).toBe(true);

    // Logged once, by the auth logger, saying what survives and until when.
    const lines = logLines(logged);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({ level: 'error', module: 'auth', err: { type: 'SessionNotEnded' } });
    // The error's message, its cause's appended (pino's err serializer).
    const { message } = line.err as { message: string };
    expect(message).toContain(`session ${sessionId}`);
    expect(message).toContain(`user ${user.id}`);
    expect(message).toMatch(/stay valid until \d{4}-\d{2}-\d{2}T/);
    expect(message).toContain('the database refused to delete session');
    // The row is indeed still there (what the line warns of).
    expect(await db.userSession.count({ where: { id: sessionId } })).toBe(1);
  });
});
