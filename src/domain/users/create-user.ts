import 'server-only';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { generatePassword, hashPassword } from '../auth/passwords';
import { fail, ok, type Result } from '../result';
import { userCreateSchema, type UserCreateInput } from './schemas';
import { checkMembership } from './membership';

/**
 * Creates an account and returns its initial password, shown once to the officer. `password` is
 * for the demo seed and the first officer only; officers always get a generated one.
 */
export async function createUser(
  db: Db,
  actor: Actor | null,
  input: UserCreateInput,
  options: { password?: string } = {},
): Promise<Result<{ id: string; password: string }>> {
  if (actor) assertAdmin(actor);
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const v = parsed.data;
  const password = options.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      if (!actor && (await tx.user.count({ where: { role: 'ADMIN' } })) > 0) {
        throw new AppError('FORBIDDEN', 'accounts are created by an officer once the first one exists');
      }
      const problem = await checkMembership(tx, v.role, v.organizationId, v.departmentId);
      if (problem) return fail(problem);
      const user = await tx.user.create({
        data: {
          loginId: v.loginId,
          name: v.name,
          email: v.email ?? null,
          role: v.role,
          organizationId: v.organizationId,
          departmentId: v.departmentId ?? null,
          passwordHash,
        },
      });
      await writeAudit(tx, actor, 'user.create', { type: 'user', id: user.id }, { loginId: v.loginId, role: v.role });
      return ok({ id: user.id, password });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return fail({ loginId: ['このお客様IDは既に使われています。'] });
    }
    throw error;
  }
}
