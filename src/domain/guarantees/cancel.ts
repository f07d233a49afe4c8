import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { notifyConfirmedOrderers } from '@/domain/confirmations/queries';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { isoDateToDb, todayInTokyo } from '@/lib/dates';
import { cancelSchema } from './cancel-schema';

export { cancelSchema };

/**
 * In one transaction: the status (ACTIVE → CANCELLED, conditional, so two officers cannot both
 * cancel), the audit row, and the mail to the staff of every orderer that confirmed the certificate
 * (their 確認済み一覧 marks it too). Orderers keep reading the certificate, with the banner.
 */
export async function cancelGuarantee(db: Db, actor: Actor, guaranteeId: string, input: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = cancelSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  if (parsed.data.cancelledOn > todayInTokyo(now)) return fail({ cancelledOn: ['解除日に将来の日付は指定できません。'] });
  return db.$transaction(async (tx) => {
    const g = await tx.guarantee.findUnique({ where: { id: guaranteeId }, select: { id: true, number: true, status: true } });
    if (!g) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
    const updated = await tx.guarantee.updateMany({
      where: { id: guaranteeId, status: 'ACTIVE' },
      data: { status: 'CANCELLED', cancelledOn: isoDateToDb(parsed.data.cancelledOn), cancelReason: parsed.data.reason },
    });
    if (updated.count !== 1) return fail({ '': ['この保証はすでに解除されているか、期間満了です。'] });
    const mails = await notifyConfirmedOrderers(tx, guaranteeId, 'CANCELLED', { date: parsed.data.cancelledOn, note: parsed.data.reason });
    await writeAudit(tx, actor, 'guarantee.cancel', { type: 'guarantee', id: guaranteeId }, { number: g.number, cancelledOn: parsed.data.cancelledOn, mails: mails.length });
    return ok({ id: guaranteeId });
  });
}
