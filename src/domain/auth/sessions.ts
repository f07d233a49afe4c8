import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '../actor';
import { ACTOR_USER_SELECT, liveActor } from './resolve-actor';

/**
 * Server-side sessions (decision 004). Signing in creates a UserSession row whose id travels in the
 * session token (the JWT's `sid`); every request reads that row with its user in ONE statement and
 * refuses the token when the row is gone or expired, the user disabled, its organisation deactivated
 * or its password changed (sessionVersion). ログアウト deletes the row: a copy of the token made
 * before it is dead from then on, while the user's other sessions (another browser) go on.
 */

/** A session lasts 8 hours from sign-in, whatever happens to the token's cookie meanwhile. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export interface SessionToken {
  sessionId: string;
  userId: string;
  sessionVersion: number;
}

/**
 * A new session for the user. Expired sessions are refused by resolveSession and removed by the
 * retention sweep (decision 054), in bounded batches: a sign-in writes its own row only (it deleted
 * every expired session of anyone, unbounded, inside the sign-in's transaction).
 */
export async function startSession(db: Db | Tx, userId: string, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  return db.userSession.create({
    data: { userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true, expiresAt: true },
  });
}

/**
 * ログアウト could not delete the session row: the session, and any copy of its token, stays valid
 * until it expires. The message says which session of which user, and until when when the row can
 * still be read; disabling the account or a password reset (sessionVersion) ends it sooner.
 */
export class SessionNotEnded extends Error {
  constructor(
    readonly sessionId: string,
    readonly userId: string | null,
    readonly expiresAt: Date | null,
    cause: unknown,
  ) {
    const until = expiresAt ? expiresAt.toISOString() : `it expires (at most ${SESSION_MAX_AGE_SECONDS / 3600} hours after sign-in)`;
    super(
      `sign-out: session ${sessionId} of user ${userId ?? 'unknown'} could not be ended (${cause instanceof Error ? cause.message : String(cause)}); ` +
        `it and any copy of its token stay valid until ${until}, unless the account is disabled or its password reset`,
      { cause },
    );
    this.name = 'SessionNotEnded';
  }
}

/**
 * ログアウト: this session ends now (the user's other sessions are untouched). Idempotent. When the row
 * cannot be deleted, throws SessionNotEnded (the caller logs it: the session survives).
 */
export async function endSession(db: Db, sessionId: string, userId?: string): Promise<void> {
  try {
    await db.userSession.deleteMany({ where: { id: sessionId } });
  } catch (error) {
    // Best effort: when the row can still be read, say exactly until when it stays valid.
    const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, expiresAt: true } }).catch(() => null);
    throw new SessionNotEnded(sessionId, row?.userId ?? userId ?? null, row?.expiresAt ?? null, error);
  }
}

/** The actor behind a request's session token, or null when the session is dead (one read). */
export async function resolveSession(db: Db, token: SessionToken, now = new Date()): Promise<Actor | null> {
  const session = await db.userSession.findUnique({
    where: { id: token.sessionId },
    select: { userId: true, expiresAt: true, user: { select: ACTOR_USER_SELECT } },
  });
  if (!session || session.userId !== token.userId || session.expiresAt <= now) return null;
  return liveActor(session.user, token.sessionVersion);
}
