import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { generateAuthKey, hashAuthKey, sealAuthKey } from './auth-key';
import { findContractorGuarantee } from './find-contractor-guarantee';
import { todayInTokyo } from '@/lib/dates';
import { KEY_NOTICE_TEMPLATE, keyRefusal } from './messages';
import { statusView } from './status';
import { keyNoticesToWithdraw, WITHDRAWN_KEY_NOTICE } from './withdrawn-key-notice';

/**
 * 再発行: a new key for the guarantee; the old one stops working at once (same transaction). The
 * guarantee row is locked first, so two reissues at once leave exactly one active key. Refused, with
 * the reason (keyRefusal), once the guarantee is 解除 or 期間満了 (a key to a certificate no longer in
 * force helps nobody) — checked again under the lock.
 */
export async function reissueAuthKey(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()): Promise<Result<{ issuedAt: Date }>> {
  const g = await findContractorGuarantee(db, actor, numberInput, now);
  if (g.deliveryMethod !== 'ELECTRONIC') throw new AppError('NOT_FOUND', `guarantee ${g.number} is on paper`);
  const refused = keyRefusal(g.statusView);
  if (refused) return fail({ '': [refused] });
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Guarantee" WHERE "id" = CAST(${g.id} AS uuid) FOR UPDATE`;
    const locked = await tx.guarantee.findUniqueOrThrow({
      where: { id: g.id },
      select: { status: true, guaranteeEnd: true, periodEnd: true, cancelledOn: true, cancelReason: true },
    });
    const refusedNow = keyRefusal(statusView(locked, todayInTokyo(now)));
    if (refusedNow) return fail({ '': [refusedNow] });
    const revoked = await tx.authKey.updateMany({ where: { guaranteeId: g.id, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count === 0) return fail({ '': ['有効な認証キーがありません。保証会社にお問い合わせください。'] });
    const key = generateAuthKey();
    await tx.authKey.create({
      data: { guaranteeId: g.id, keyHash: hashAuthKey(secret, key), sealed: sealAuthKey(secret, key, g.id), issuedAt: now, issuedById: actor.userId },
    });
    // Notices with the old key not sent (yet, or at all) are withdrawn, all alike: the orderer never
    // gets a dead key, and a failed one is not 再送 with it either. Their sealed PDFs are emptied.
    const withdrawn = await tx.outboxMail.updateMany({ where: keyNoticesToWithdraw(g.id), data: WITHDRAWN_KEY_NOTICE });
    if (withdrawn.count > 0) {
      await tx.mailAttachment.updateMany({
        where: { sealed: true, mail: { relatedType: 'guarantee', relatedId: g.id, template: KEY_NOTICE_TEMPLATE, ...WITHDRAWN_KEY_NOTICE } },
        data: { content: new Uint8Array() },
      });
    }
    await writeAudit(tx, actor, 'auth-key.reissue', { type: 'guarantee', id: g.id }, { number: g.number, revoked: revoked.count, withdrawnMails: withdrawn.count });
    return ok({ issuedAt: now });
  });
}
