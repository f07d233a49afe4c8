import 'server-only';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { departmentSchema, type DepartmentInput } from './schemas';

/** Adds a department to an orderer (departmentId undefined) or edits one of its departments. */
export async function saveDepartment(
  db: Db,
  actor: Actor,
  ordererId: string,
  departmentId: string | undefined,
  input: DepartmentInput,
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = departmentSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const data = { ...parsed.data, email: parsed.data.email ?? null };
  try {
    return await db.$transaction(async (tx) => {
      const orderer = await tx.organization.findFirst({ where: { id: ordererId, kind: 'ORDERER' } });
      if (!orderer) throw new AppError('NOT_FOUND', `orderer ${ordererId}`);
      let id = departmentId;
      if (id) {
        const existing = await tx.department.findFirst({ where: { id, organizationId: ordererId } });
        if (!existing) throw new AppError('NOT_FOUND', `department ${id} of ${ordererId}`);
        await tx.department.update({ where: { id }, data });
      } else {
        const count = await tx.department.count({ where: { organizationId: ordererId } });
        id = (await tx.department.create({ data: { ...data, organizationId: ordererId, sortOrder: count } })).id;
      }
      await writeAudit(tx, actor, departmentId ? 'department.update' : 'department.create', { type: 'department', id }, {
        ordererId,
      });
      return ok({ id });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return fail({ name: ['この発注者には同じ名前の部署があります。'] });
    }
    throw error;
  }
}
