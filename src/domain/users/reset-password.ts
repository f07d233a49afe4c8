import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { assertAdmin } from '../system';
import { generatePassword, hashPassword } from '../auth/passwords';

/** A new random password, returned once for the officer to hand over; old sessions end. */
export async function resetPassword(db: Db, actor: Actor, id: string): Promise<{ password: string }> {
  assertAdmin(actor);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('NOT_FOUND', `user ${id}`);
    await tx.user.update({
      where: { id },
      data: { passwordHash, passwordChangedAt: new Date(), sessionVersion: { increment: 1 }, failedSignInCount: 0 },
    });
    await writeAudit(tx, actor, 'user.reset-password', { type: 'user', id });
  });
  return { password };
}
