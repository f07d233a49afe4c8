import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { assertRole } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { isUuid } from '@/lib/uuid';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from './labels';
import { notifyWithdrawn } from './notify';
import { withdrawCertificationSchema } from './schemas';

/**
 * 認定請求を取り下げる (decision 067): the requesting company's user, while the request waits (認定待ち)
 * only; the status change is conditional, so a clerk's decision and a withdrawal at the same moment give
 * one outcome. The department is told by mail; the audit row in the same transaction. Another
 * company's request is NOT_FOUND, as one that does not exist.
 */
export async function withdrawCertification(db: Db, actor: Actor, id: string, input: unknown = {}, now = new Date()): Promise<Result<{ id: string }>> {
  assertRole(actor, 'CONTRACTOR', 'withdrawCertification');
  const parsed = withdrawCertificationSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `certification ${id} of ${actor.organizationId}`);
  return db.$transaction(async (tx) => {
    const c = await tx.intermediateCertification.findFirst({ where: { id, contractorId: actor.organizationId }, select: { status: true, revision: true } });
    if (!c) throw new AppError('NOT_FOUND', `certification ${id} of ${actor.organizationId}`);
    if (c.status !== 'REQUESTED') return fail({ '': [M.notWithdrawable[c.status]] });
    if (parsed.data.expectedRevision !== undefined && parsed.data.expectedRevision !== c.revision) return fail({ '': [M.stale] });
    const done = await withdrawRequested(tx, id, { now, reason: null });
    if (!done) {
      const current = await tx.intermediateCertification.findUniqueOrThrow({ where: { id }, select: { status: true } });
      return fail({ '': [current.status === 'REQUESTED' ? M.stale : M.notWithdrawable[current.status]] });
    }
    const mails = await notifyWithdrawn(tx, id, false);
    await writeAudit(tx, actor, 'certification.withdraw', { type: 'certification', id }, { mails: mails.length });
    return ok({ id });
  });
}

/** REQUESTED → WITHDRAWN, conditional: true when this call changed it. */
export async function withdrawRequested(tx: Tx, id: string, d: { now: Date; reason: string | null }): Promise<boolean> {
  const updated = await tx.intermediateCertification.updateMany({
    where: { id, status: 'REQUESTED' },
    data: { status: 'WITHDRAWN', withdrawnAt: d.now, withdrawnReason: d.reason, revision: { increment: 1 } },
  });
  return updated.count === 1;
}

/**
 * The 解除 of a 前払金保証 withdraws its waiting request (B5), in the 解除's transaction: the
 * department is told (the request has lost its object) and the 認定's own history says why. A 認定
 * already given stays as it was (it is a record of what the clerk found). Returns the mails queued.
 */
export async function withdrawForCancelledGuarantee(tx: Tx, actor: Actor, guaranteeId: string, now: Date): Promise<{ certificationId: string | null; mails: number }> {
  const waiting = await tx.intermediateCertification.findFirst({ where: { advanceGuaranteeId: guaranteeId, status: 'REQUESTED' }, select: { id: true } });
  if (!waiting || !(await withdrawRequested(tx, waiting.id, { now, reason: M.withdrawnByCancel }))) return { certificationId: null, mails: 0 };
  const mails = await notifyWithdrawn(tx, waiting.id, true);
  await writeAudit(tx, actor, 'certification.withdraw', { type: 'certification', id: waiting.id }, { reason: M.withdrawnByCancel, guaranteeId, mails: mails.length });
  return { certificationId: waiting.id, mails: mails.length };
}
