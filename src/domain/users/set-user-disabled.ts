import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { assertAdmin } from '../system';

/** Disabling ends the user's sessions at their next request (sessionVersion). */
export async function setUserDisabled(db: Db, actor: Actor, id: string, disabled: boolean): Promise<void> {
  assertAdmin(actor);
  if (id === actor.userId && disabled) {
    throw new AppError('CONFLICT', 'an officer tried to disable their own account', 'ご自身のアカウントは無効にできません。');
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('NOT_FOUND', `user ${id}`);
    await tx.user.update({
      where: { id },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    await writeAudit(tx, actor, disabled ? 'user.disable' : 'user.enable', { type: 'user', id });
  });
}
