import 'server-only';
import type { Db } from '@/db/client';
import type { Prisma } from '@/generated/prisma/client';
import type { Actor } from '../actor';

/** What an actor is read with: the user, its organisation's name and state, its department's name. */
export const ACTOR_USER_SELECT = {
  id: true,
  role: true,
  name: true,
  disabled: true,
  sessionVersion: true,
  organizationId: true,
  departmentId: true,
  organization: { select: { name: true, active: true } },
  department: { select: { name: true } },
} as const satisfies Prisma.UserSelect;

type ActorUser = Prisma.UserGetPayload<{ select: typeof ACTOR_USER_SELECT }>;

/**
 * The actor a user row stands for, or null when it may not act: the user is disabled, its
 * organisation deactivated, or the password was changed or reset since `sessionVersion` was read.
 */
export function liveActor(user: ActorUser | null, sessionVersion: number): Actor | null {
  if (!user || user.disabled || user.sessionVersion !== sessionVersion || !user.organization.active) return null;
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    organizationId: user.organizationId,
    organizationName: user.organization.name,
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
  };
}

/**
 * The actor of a user at `sessionVersion`, or null (see liveActor). Requests are resolved through
 * their session row instead (resolveSession in sessions.ts); this serves the demo seed, the
 * test-support accounts and the tests, which act as a user without signing in.
 */
export async function resolveActor(db: Db, token: { userId: string; sessionVersion: number }): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: token.userId }, select: ACTOR_USER_SELECT });
  return liveActor(user, token.sessionVersion);
}
