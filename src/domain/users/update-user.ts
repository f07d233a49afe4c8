import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { fail, ok, type Result } from '../result';
import { userUpdateSchema, type UserUpdateInput } from './schemas';
import { checkMembership } from './membership';

/** Changes an account's name, mail address, role and organisation (checked as on creation), audited. */
export async function updateUser(db: Db, actor: Actor, id: string, input: UserUpdateInput): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = userUpdateSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const v = parsed.data;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError('NOT_FOUND', `user ${id}`);
    const problem = await checkMembership(tx, user.role, user.organizationId, v.departmentId);
    if (problem) return fail(problem);
    await tx.user.update({
      where: { id },
      data: { name: v.name, email: v.email ?? null, departmentId: v.departmentId ?? null },
    });
    await writeAudit(tx, actor, 'user.update', { type: 'user', id });
    return ok({ id });
  });
}
