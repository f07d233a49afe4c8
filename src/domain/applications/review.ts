import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { returnSchema } from './schemas';
import { CHANGED_SINCE_READ, refusal } from './status';

/** 差戻し: the officer sends a submitted application back with a reason the contractor reads. */
export async function returnApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: unknown,
  expectedRevision?: number,
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = returnSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  return db.$transaction(async (tx) => {
    const existing = await tx.application.findUnique({ where: { id } });
    if (!existing) throw new AppError('NOT_FOUND', `application ${id}`);
    if (existing.status === 'SUBMITTED' && expectedRevision !== undefined && expectedRevision !== existing.revision) {
      return fail({ '': [CHANGED_SINCE_READ] });
    }
    const updated = await tx.application.updateMany({
      where: { id, status: 'SUBMITTED' },
      data: { status: 'RETURNED', returnReason: parsed.data.reason, returnedAt: new Date(), revision: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const current = await tx.application.findUniqueOrThrow({ where: { id } });
      return fail({ '': [refusal(current.status)] });
    }
    await writeAudit(tx, actor, 'application.return', { type: 'application', id }, { reason: parsed.data.reason });
    return ok({ id });
  });
}
