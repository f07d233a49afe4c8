import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { signInWithPassword } from '@/domain/auth/sign-in';
import { resetPassword } from '@/domain/users/reset-password';
import { setUserDisabled } from '@/domain/users/set-user-disabled';
import { changeOwnPassword } from '@/domain/users/change-own-password';
import { makeUser, officer, TEST_PASSWORD, uid } from '../support/factories';

const policy = { accountAttempts: 5, addressAttempts: 30, exemptRangeAttempts: 300, windowSeconds: 15 * 60 };

afterEach(() => {
  vi.useRealTimers();
});

describe('sign-in', () => {
  it('signs a user in with the right password, in any case and 全角', async () => {
    const db = await getDb();
    const user = await makeUser('CONTRACTOR');
    const fullWidth = user.loginId.toUpperCase().replace(/[A-Z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const result = await signInWithPassword(db, { loginId: fullWidth, password: TEST_PASSWORD, clientAddress: '127.0.0.1' }, policy);
    expect(result).toMatchObject({ ok: true, userId: user.id, role: 'CONTRACTOR' });
  });

  it('answers a wrong password and an unknown ID the same way', async () => {
    const db = await getDb();
    const user = await makeUser('ORDERER');
    const wrong = await signInWithPassword(db, { loginId: user.loginId, password: 'nope', clientAddress: '10.1.1.1' }, policy);
    const unknown = await signInWithPassword(db, { loginId: `ghost-${uid()}`, password: 'nope', clientAddress: '10.1.1.2' }, policy);
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('locks an account after 5 failures, even for the right password, and unlocks after the window', async () => {
    const db = await getDb();
    const user = await makeUser('CONTRACTOR');
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T01:00:00Z') });
    for (let i = 0; i < 5; i++) {
      expect(await signInWithPassword(db, { loginId: user.loginId, password: `bad-${i}`, clientAddress: `10.2.0.${i}` }, policy)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    const locked = await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '10.2.1.1' }, policy);
    expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
    expect(locked.ok === false && locked.reason === 'throttled' && locked.retryAfterSeconds).toBeGreaterThan(14 * 60);

    vi.setSystemTime(new Date('2026-11-24T01:15:01Z'));
    const after = await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '10.2.1.1' }, policy);
    expect(after).toMatchObject({ ok: true, userId: user.id });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignInCount).toBe(0);
  });

  it('locks an unknown ID the same way as a known one (no hint that an ID exists)', async () => {
    const db = await getDb();
    const ghost = `ghost-${uid()}`;
    for (let i = 0; i < 5; i++) await signInWithPassword(db, { loginId: ghost, password: 'x', clientAddress: `10.3.0.${i}` }, policy);
    expect(await signInWithPassword(db, { loginId: ghost, password: 'x', clientAddress: '10.3.1.1' }, policy)).toMatchObject({
      reason: 'throttled',
    });
  });

  it('throttles a client address that tries many accounts', async () => {
    const db = await getDb();
    const address = `10.4.${Math.floor(Math.random() * 200)}.9`;
    const small = { accountAttempts: 5, addressAttempts: 3, exemptRangeAttempts: 300, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) await signInWithPassword(db, { loginId: `spray-${uid()}`, password: 'x', clientAddress: address }, small);
    expect(await signInWithPassword(db, { loginId: `spray-${uid()}`, password: 'x', clientAddress: address }, small)).toMatchObject({
      reason: 'throttled',
    });
  });

  it('refuses a disabled user with the same answer as a wrong password', async () => {
    const db = await getDb();
    const user = await makeUser('CONTRACTOR');
    await setUserDisabled(db, await officer(db), user.id, true);
    expect(await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: null }, policy)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});

describe('sessions end', () => {
  it('when the user is disabled', async () => {
    const db = await getDb();
    const user = await makeUser('CONTRACTOR');
    const token = { userId: user.id, sessionVersion: 1 };
    expect(await resolveActor(db, token)).not.toBeNull();
    await setUserDisabled(db, await officer(db), user.id, true);
    expect(await resolveActor(db, token)).toBeNull();
  });

  it('when an officer resets the password', async () => {
    const db = await getDb();
    const user = await makeUser('ORDERER');
    const token = { userId: user.id, sessionVersion: 1 };
    const { password } = await resetPassword(db, await officer(db), user.id);
    expect(await resolveActor(db, token)).toBeNull();
    expect(await signInWithPassword(db, { loginId: user.loginId, password, clientAddress: null }, policy)).toMatchObject({ ok: true });
  });

  it('when the user changes their own password', async () => {
    const db = await getDb();
    const user = await makeUser('CONTRACTOR');
    const token = { userId: user.id, sessionVersion: 1 };
    const wrong = await changeOwnPassword(db, user.actor, { currentPassword: 'wrong', newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' });
    expect(wrong).toEqual({ ok: false, fieldErrors: { currentPassword: ['現在のパスワードが正しくありません。'] } });
    expect(await resolveActor(db, token)).not.toBeNull();
    const changed = await changeOwnPassword(db, user.actor, { currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' });
    expect(changed.ok).toBe(true);
    expect(await resolveActor(db, token)).toBeNull();
  });
});
