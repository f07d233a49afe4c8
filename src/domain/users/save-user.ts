import 'server-only';
import type { Db, Tx } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { OrganizationKind, Role } from '@/generated/prisma/enums';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { generatePassword, hashPassword } from '../auth/passwords';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { userCreateSchema, userUpdateSchema, type UserCreateInput, type UserUpdateInput } from './schemas';

/** Each role belongs to one kind of organisation. */
export const ORGANIZATION_KIND_OF_ROLE: Record<Role, OrganizationKind> = {
  CONTRACTOR: 'CONTRACTOR',
  ORDERER: 'ORDERER',
  ADMIN: 'SURETY',
};


async function checkMembership(
  tx: Tx,
  role: Role,
  organizationId: string,
  departmentId: string | undefined,
): Promise<Record<string, string[]> | null> {
  const org = await tx.organization.findUnique({ where: { id: organizationId } });
  if (!org || org.kind !== ORGANIZATION_KIND_OF_ROLE[role]) {
    return { organizationId: ['この権限に合う組織を選択してください。'] };
  }
  if (role === 'ORDERER') {
    if (!departmentId) return { departmentId: ['発注者の職員は部署を選択してください。'] };
    const dept = await tx.department.findFirst({ where: { id: departmentId, organizationId } });
    if (!dept) return { departmentId: ['この発注者の部署を選択してください。'] };
  } else if (departmentId) {
    return { departmentId: ['部署は発注者の職員にだけ設定できます。'] };
  }
  return null;
}

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
