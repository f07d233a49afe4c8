import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { assertRole } from '@/domain/system';
import { canWithdraw, refusal } from './status';

/** 取下げ: the company's own application, until it is concluded. */
export async function withdrawApplication(db: Db, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  assertRole(actor, 'CONTRACTOR', "a contractor use case");
  return db.$transaction(async (tx) => {
    const existing = await tx.application.findFirst({ where: { id, contractorId: actor.organizationId } });
    if (!existing) throw new AppError('NOT_FOUND', `application ${id} of ${actor.organizationId}`);
    if (!canWithdraw(existing.status)) return fail({ '': [refusal(existing.status)] });
    // Conditional on the status just read: a conclusion that commits first wins, and this answers "already concluded".
    const updated = await tx.application.updateMany({
      where: { id, status: { in: ['DRAFT', 'SUBMITTED', 'RETURNED'] } },
      data: { status: 'WITHDRAWN', withdrawnAt: new Date(), revision: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const now = await tx.application.findUniqueOrThrow({ where: { id } });
      return fail({ '': [refusal(now.status)] });
    }
    await writeAudit(tx, actor, 'application.withdraw', { type: 'application', id }, { from: existing.status });
    return ok({ id });
  });
}
