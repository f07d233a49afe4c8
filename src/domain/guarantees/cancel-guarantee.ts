import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { withdrawForCancelledGuarantee } from '@/domain/certifications/withdraw-certification';
import { notifyConfirmedOrderers } from '@/domain/confirmations/notify-confirmed-orderers';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { dbDateToIso, formatIsoDate, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { cancelSchema } from './cancel-schema';
import { notifyContractor } from './notify-contractor';
import { effectiveStatus } from './status';

export { cancelSchema };

/** Why 解除 was refused (shown at the form). */
export const CANCEL_EXPIRED = (end: string) => `この保証は保証期間（至）${formatIsoDate(end)} を過ぎて期間満了のため、解除できません。`;
export const CANCEL_NOT_ACTIVE = 'この保証はすでに解除されています。';

/**
 * In one transaction: the status (ACTIVE → CANCELLED, conditional, so two officers cannot both
 * cancel), the audit row, the mail to the contractor's users (the date, the reason, and that the key is
 * no longer to be submitted: notifyContractor) and the mail to the staff of every orderer that
 * confirmed the certificate (their 確認済み一覧 marks it too). Orderers keep reading the certificate,
 * with the banner. A 中間前払金 認定 still waiting on this 前払金保証 is withdrawn (「前払金保証の解除」) and
 * its certifying department told by mail, in the same transaction (decision 067).
 * A guarantee whose 保証期間 has ended (期間満了, computed from today in Asia/Tokyo) is not cancelled:
 * the condition is part of the same conditional update, so a page loaded before midnight and sent
 * after it is refused too.
 */
export async function cancelGuarantee(db: Db, actor: Actor, guaranteeId: string, input: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = cancelSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const today = todayInTokyo(now);
  if (parsed.data.cancelledOn > today) return fail({ cancelledOn: ['解除日に将来の日付は指定できません。'] });
  return db.$transaction(async (tx) => {
    const g = await tx.guarantee.findUnique({ where: { id: guaranteeId }, select: { id: true, number: true } });
    if (!g) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
    const updated = await tx.guarantee.updateMany({
      where: { id: guaranteeId, status: 'ACTIVE', guaranteeEnd: { gte: isoDateToDb(today) } },
      data: { status: 'CANCELLED', cancelledOn: isoDateToDb(parsed.data.cancelledOn), cancelReason: parsed.data.reason },
    });
    if (updated.count !== 1) {
      // Read again after the update waited for any concurrent one: what stopped it, in words.
      const current = await tx.guarantee.findUniqueOrThrow({ where: { id: guaranteeId }, select: { status: true, guaranteeEnd: true } });
      const expired = effectiveStatus(current.status, current.guaranteeEnd, today) === 'EXPIRED';
      return fail({ '': [expired ? CANCEL_EXPIRED(dbDateToIso(current.guaranteeEnd)) : CANCEL_NOT_ACTIVE] });
    }
    const contractorMails = await notifyContractor(tx, guaranteeId, { event: 'CANCELLED', cancelledOn: parsed.data.cancelledOn, reason: parsed.data.reason });
    const mails = await notifyConfirmedOrderers(tx, guaranteeId, 'CANCELLED', { date: parsed.data.cancelledOn, note: parsed.data.reason });
    const certification = await withdrawForCancelledGuarantee(tx, actor, guaranteeId, now);
    await writeAudit(tx, actor, 'guarantee.cancel', { type: 'guarantee', id: guaranteeId }, {
      number: g.number,
      cancelledOn: parsed.data.cancelledOn,
      mails: contractorMails.length + mails.length + certification.mails,
      ...(certification.certificationId ? { withdrawnCertificationId: certification.certificationId } : {}),
    });
    return ok({ id: guaranteeId });
  });
}
