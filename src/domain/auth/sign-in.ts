import 'server-only';
import type { Db } from '@/db/client';
import type { Role } from '@/generated/prisma/enums';
import type { AuditAction, AuditTargetType } from '../audit-codes';
import { normalizeLoginId } from './login-id';
import { burnVerification, verifyPassword } from './passwords';
import { startSession } from './sessions';
import { signInPolicy, signInThrottle, type ThrottlePolicy } from './throttle';

export interface SignInInput {
  loginId: string;
  password: string;
  clientAddress: string | null;
}

export type SignInResult =
  | { ok: true; userId: string; role: Role; sessionVersion: number; sessionId: string }
  // One answer for an unknown ID, a wrong password and a disabled account: nothing tells them apart.
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export async function signInWithPassword(
  db: Db,
  input: SignInInput,
  policy: ThrottlePolicy = signInPolicy(),
): Promise<SignInResult> {
  const loginId = normalizeLoginId(input.loginId);
  if (!loginId || !input.password) return { ok: false, reason: 'invalid' };

  const throttle = signInThrottle(db, policy);
  const reserved = await throttle.reserve(loginId, input.clientAddress);
  if (!reserved.ok) {
    return { ok: false, reason: 'throttled', retryAfterSeconds: reserved.retryAfterSeconds };
  }

  const user = await db.user.findUnique({ where: { loginId }, omit: { passwordHash: false } });
  if (!user) {
    await burnVerification(input.password);
    return { ok: false, reason: 'invalid' };
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || user.disabled) {
    await db.$transaction([
      db.user.update({
        where: { id: user.id },
        data: { failedSignInCount: { increment: 1 }, lastFailedSignInAt: new Date() },
      }),
      db.auditLog.create({
        data: {
          actorUserId: user.id,
          actorRole: user.role,
          organizationId: user.organizationId,
          action: (user.disabled ? 'auth.sign-in.disabled' : 'auth.sign-in.failed') satisfies AuditAction,
          targetType: 'user' satisfies AuditTargetType,
          targetId: user.id,
          clientAddress: input.clientAddress,
        },
      }),
    ]);
    return { ok: false, reason: 'invalid' };
  }

  await throttle.succeeded(loginId, input.clientAddress);
  // The session row (its id goes into the token) with the sign-in's record, in one transaction.
  const session = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedSignInCount: 0, lastSignInAt: new Date() } });
    const started = await startSession(tx, user.id);
    await tx.auditLog.create({
      data: {
        actorUserId: user.id,
        actorRole: user.role,
        organizationId: user.organizationId,
        action: 'auth.sign-in' satisfies AuditAction,
        targetType: 'user' satisfies AuditTargetType,
        targetId: user.id,
        clientAddress: input.clientAddress,
      },
    });
    return started;
  });
  return { ok: true, userId: user.id, role: user.role, sessionVersion: user.sessionVersion, sessionId: session.id };
}

/**
 * The role of the account a successful sign-in was for, so that the sign-in lands on its side at once
 * (src/actions/auth-actions.ts asks only after next-auth accepted the password). Null when no such
 * account exists.
 */
export async function roleOfLoginId(db: Db, loginId: string): Promise<Role | null> {
  const user = await db.user.findUnique({ where: { loginId: normalizeLoginId(loginId) }, select: { role: true } });
  return user?.role ?? null;
}
