import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { fail, ok, type Result } from '../result';
import { toFieldErrors } from '../zod-errors';
import { passwordChangeSchema, type PasswordChangeInput } from './schemas';

/**
 * Any signed-in user changes their own password. Every session of the user ends, this one too:
 * the caller signs in again with the new password.
 */
export async function changeOwnPassword(db: Db, actor: Actor, input: PasswordChangeInput): Promise<Result<null>> {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, omit: { passwordHash: false } });
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    return fail({ currentPassword: ['現在のパスワードが正しくありません。'] });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { passwordHash, passwordChangedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await writeAudit(tx, actor, 'user.change-password', { type: 'user', id: actor.userId });
  });
  return ok(null);
}
