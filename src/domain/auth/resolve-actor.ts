import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';

/**
 * The actor behind a session token, or null when the session is dead: the user is gone or
 * disabled, or the password was changed or reset since the token was issued (sessionVersion).
 */
export async function resolveActor(db: Db, token: { userId: string; sessionVersion: number }): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: token.userId },
    include: { organization: { select: { name: true, active: true } }, department: { select: { name: true } } },
  });
  if (!user || user.disabled || user.sessionVersion !== token.sessionVersion || !user.organization.active) return null;
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
