import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type FieldErrors, type Result } from '@/domain/result';
import { toFieldErrors } from '@/domain/zod-errors';
import { Prisma } from '@/generated/prisma/client';
import { isoDateToDb } from '@/lib/dates';
import { contractChanges, type ContractValues } from './changes';
import { CONTRACT_FIELD_MESSAGES as M } from './labels';
import { touchesOf } from './lapse-rules';
import { watchContractLapses } from './lapses';
import { assertOrdererStaff, searchFolds, valuesOf, type ContractRow } from './register';
import { contractFormSchema } from './schemas';

/**
 * 契約台帳: one contract entered or edited by hand. The form's fields are parsed here again
 * (schemas.ts); the 工事担当課 must be one of the orderer's; the 契約番号 unique per orderer. An edit
 * names the revision the form was loaded at: a save over a newer one is refused (nothing typed is
 * lost: the form keeps it). Each save that changes something writes the contract, a ContractRevision
 * with what changed (HAND) and an audit row, in one transaction; a save that changes nothing writes
 * nothing.
 */
export async function saveContract(
  db: Db,
  actor: Actor,
  contractId: string | undefined,
  input: unknown,
  { expectedRevision }: { expectedRevision?: number } = {},
): Promise<Result<{ id: string; changed: boolean }>> {
  assertOrdererStaff(actor);
  const parsed = contractFormSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const v = parsed.data;
  const ordererId = actor.organizationId;

  const department = v.departmentId ? await db.department.findFirst({ where: { id: v.departmentId, organizationId: ordererId }, select: { id: true, name: true } }) : null;
  if (v.departmentId && !department) return fail({ departmentId: [M.departmentChoice] });

  const after: ContractValues = {
    contractNumber: v.contractNumber,
    projectName: v.projectName,
    contractorName: v.contractorName,
    contractAmount: v.contractAmount,
    contractDate: v.contractDate,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    advanceShareBp: v.advanceShare,
    performanceShareBp: v.performanceShare,
    departmentId: department?.id ?? null,
    departmentName: department?.name ?? null,
  };
  const data = {
    contractNumber: after.contractNumber,
    projectName: after.projectName,
    contractorName: after.contractorName,
    ...searchFolds(after),
    contractAmount: after.contractAmount,
    contractDate: isoDateToDb(after.contractDate),
    periodStart: isoDateToDb(after.periodStart),
    periodEnd: isoDateToDb(after.periodEnd),
    advanceShareBp: after.advanceShareBp,
    performanceShareBp: after.performanceShareBp,
    departmentId: after.departmentId,
  };

  try {
    return await db.$transaction(async (tx) => {
      if (!contractId) {
        const taken = await tx.contract.findUnique({ where: { ordererId_contractNumber: { ordererId, contractNumber: after.contractNumber } }, select: { id: true } });
        if (taken) return fail({ contractNumber: [M.duplicateNumber] });
        const created = await tx.contract.create({ data: { ...data, ordererId }, select: { id: true } });
        await tx.contractRevision.create({
          data: { contractId: created.id, revision: 1, source: 'HAND', userId: actor.userId, changes: contractChanges(null, after) as unknown as Prisma.InputJsonValue },
        });
        await writeAudit(tx, actor, 'contract.create', { type: 'organization', id: ordererId }, { contractId: created.id, contractNumber: after.contractNumber });
        return ok({ id: created.id, changed: true });
      }

      const [row] = await tx.$queryRaw<ContractRow[]>`
        SELECT c."id", c."contractNumber", c."projectName", c."contractorName", c."contractAmount", c."contractDate", c."periodStart", c."periodEnd",
               c."advanceShareBp", c."performanceShareBp", c."departmentId", d."name" AS "departmentName", c."revision"
        FROM "Contract" c LEFT JOIN "Department" d ON d."id" = c."departmentId"
        WHERE c."id" = CAST(${contractId} AS uuid) AND c."ordererId" = CAST(${ordererId} AS uuid)
        FOR UPDATE OF c`;
      if (!row) throw new AppError('NOT_FOUND', `contract ${contractId} is not of orderer ${ordererId}`);
      if (expectedRevision !== undefined && expectedRevision !== row.revision) return fail({ '': [M.stale] });
      const changes = contractChanges(valuesOf(row), after);
      if (!changes.length) return ok({ id: row.id, changed: false });
      if (after.contractNumber !== row.contractNumber) {
        const taken = await tx.contract.findUnique({ where: { ordererId_contractNumber: { ordererId, contractNumber: after.contractNumber } }, select: { id: true } });
        if (taken) return fail({ contractNumber: [M.duplicateNumber] });
      }
      const revision = row.revision + 1;
      await tx.contract.update({ where: { id: row.id }, data: { ...data, revision } });
      await tx.contractRevision.create({
        data: { contractId: row.id, revision, source: 'HAND', userId: actor.userId, changes: changes as unknown as Prisma.InputJsonValue },
      });
      // The lapse watcher (decision 075): the guarantee change this revision makes necessary, stored and mailed with it.
      const lapseMails = await watchContractLapses(tx, new Map([[row.id, touchesOf(changes)]]));
      await writeAudit(tx, actor, 'contract.update', { type: 'organization', id: ordererId }, { contractId: row.id, contractNumber: after.contractNumber, revision, ...(lapseMails ? { lapseMails } : {}) });
      return ok({ id: row.id, changed: true });
    });
  } catch (error) {
    // Two clerks registering the same 契約番号 at once: the unique index decides, the second is told.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return fail({ contractNumber: [M.duplicateNumber] } satisfies FieldErrors);
    throw error;
  }
}
