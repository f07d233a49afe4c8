import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireActionActor, requirePageActor, requireRouteActor, type Side } from '@/auth/guards';
import { getDb } from '@/db/client';
import { endSession, resolveSession, SESSION_MAX_AGE_SECONDS, startSession } from '@/domain/auth/sessions';
import { signInWithPassword } from '@/domain/auth/sign-in';
import { sweepExpired } from '@/domain/retention/sweep';
import { resetPassword } from '@/domain/users/reset-password';
import { makeUser, officer, TEST_PASSWORD } from '../support/factories';
import { interrupt } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

afterEach(() => {
  signInAs(null);
  vi.useRealTimers();
});

async function signedIn(role: 'CONTRACTOR' | 'ORDERER' | 'ADMIN', address: string) {
  const user = await makeUser(role);
  const result = await signInWithPassword(await getDb(), { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: address });
  if (!result.ok) throw new Error(`sign-in failed: ${JSON.stringify(result)}`);
  return { user, token: { sessionId: result.sessionId, userId: user.id, sessionVersion: result.sessionVersion } };
}

describe('a session is a row: ログアウト ends it on the server (finding 5)', () => {
  it('sign-in starts a session that lasts 8 hours; its token resolves to the actor in one read', async () => {
    const db = await getDb();
    const { user, token } = await signedIn('ORDERER', '10.40.0.1');
    const row = await db.userSession.findUniqueOrThrow({ where: { id: token.sessionId } });
    expect(row.userId).toBe(user.id);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(SESSION_MAX_AGE_SECONDS * 1000);
    expect(await resolveSession(db, token)).toMatchObject({ userId: user.id, role: 'ORDERER' });
  });

  for (const [side, role] of [['contractor', 'CONTRACTOR'], ['orderer', 'ORDERER'], ['admin', 'ADMIN']] as const satisfies readonly (readonly [Side, string])[]) {
    it(`${side}: after ログアウト the same token (a copied cookie) is refused by every guard; another session of the user goes on`, async () => {
      const db = await getDb();
      const { user, token } = await signedIn(role, '10.40.1.1');
      // The same user signed in elsewhere (another browser).
      const other = await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '10.40.1.2' });
      if (!other.ok) throw new Error('second sign-in failed');

      signInAs(user, token.sessionVersion, token.sessionId);
      expect(await interrupt(requirePageActor(side))).toBe('passed');

      await endSession(db, token.sessionId); // what next-auth's signOut event does (src/auth/config.ts)
      signInAs(user, token.sessionVersion, token.sessionId); // the copied cookie, presented again
      expect(await interrupt(requirePageActor(side))).toBe('redirect:/login');
      expect(await interrupt(requireActionActor(side))).toBe('redirect:/login');
      expect(((await requireRouteActor(side)) as Response).status).toBe(401);

      signInAs(user, other.sessionVersion, other.sessionId);
      expect(await interrupt(requirePageActor(side))).toBe('passed');
    });
  }

  it('a session id of another user, an unknown id or an expired session is refused', async () => {
    const db = await getDb();
    const a = await signedIn('CONTRACTOR', '10.40.2.1');
    const b = await signedIn('CONTRACTOR', '10.40.2.2');
    expect(await resolveSession(db, { ...a.token, sessionId: b.token.sessionId })).toBeNull();
    expect(await resolveSession(db, { ...a.token, sessionId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    const row = await db.userSession.findUniqueOrThrow({ where: { id: a.token.sessionId } });
    expect(await resolveSession(db, a.token, new Date(row.expiresAt.getTime() - 1000))).not.toBeNull();
    expect(await resolveSession(db, a.token, row.expiresAt)).toBeNull();
  });

  it('a token without a session id (issued before sessions were rows) is refused', async () => {
    const { user } = await signedIn('ORDERER', '10.40.3.1');
    signInAs(user, 1, '');
    expect(await interrupt(requirePageActor('orderer'))).toBe('redirect:/login');
  });

  it('a password reset still ends every session of the user (sessionVersion)', async () => {
    const db = await getDb();
    const { user, token } = await signedIn('ORDERER', '10.40.4.1');
    await resetPassword(db, await officer(db), user.id);
    expect(await resolveSession(db, token)).toBeNull();
  });

  it('an expired session is refused; a sign-in writes only its own row, and the retention sweep removes the expired one (decision 054)', async () => {
    const db = await getDb();
    const { user } = await signedIn('CONTRACTOR', '10.40.5.1');
    const old = await startSession(db, user.id, new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 60_000));
    expect(await resolveSession(db, { sessionId: old.id, userId: user.id, sessionVersion: 0 })).toBeNull();
    await signedIn('ORDERER', '10.40.5.2');
    expect(await db.userSession.count({ where: { id: old.id } })).toBe(1);
    await sweepExpired(db);
    expect(await db.userSession.count({ where: { id: old.id } })).toBe(0);
    expect(await db.userSession.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
  });
});
