import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { enqueueMail } from '@/domain/mail/outbox';
import { fail, ok, type Result } from '@/domain/result';
import { formatDateTime } from '@/lib/dates';
import { todayInTokyo } from '@/lib/dates';
import { sealBytes } from './auth-key';
import { getKeyPage } from './get-key-page';
import { KEY_NOTICE_TEMPLATE, keyRefusal } from './messages';
import { lookupUrl, renderKeyNotice } from './render-key-notice';
import { statusView } from './status';

const resendQuestion = (at: Date) =>
  `${formatDateTime(at)} に送信済みです。もう一度送信する場合は「送信済みであることを確認しました」にチェックを入れてください。`;

/**
 * 「発注者へ送信」: the key notice PDF by mail to the address the orderer's routing names, through the
 * outbox, with the orderer's subject line; recorded (who, when, which version) in the same transaction.
 * A second sending needs `confirmResend`. Refused, with the reason (keyRefusal), for a guarantee 解除
 * or 期間満了 — checked again under the row lock, so a 解除 committed meanwhile is not outrun.
 */
export async function sendKeyNoticeToOrderer(
  db: Db,
  actor: Actor,
  numberInput: string,
  secret: string,
  options: { confirmResend: boolean; now?: Date },
): Promise<Result<{ submissionId: string; mailId: string }>> {
  const now = options.now ?? new Date();
  const page = await getKeyPage(db, actor, numberInput, secret, now);
  const refused = keyRefusal(page.guarantee.statusView);
  if (refused) return fail({ '': [refused] });
  if (!page.destination.ok) return fail({ '': [page.destination.reason] });
  const { bytes, filename } = await renderKeyNotice(page);
  const to = page.destination;
  const g = page.guarantee;
  const c = page.latest.content;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Guarantee" WHERE "id" = CAST(${g.id} AS uuid) FOR UPDATE`;
    const locked = await tx.guarantee.findUniqueOrThrow({
      where: { id: g.id },
      select: { status: true, guaranteeEnd: true, periodEnd: true, cancelledOn: true, cancelReason: true },
    });
    const refusedNow = keyRefusal(statusView(locked, todayInTokyo(now)));
    if (refusedNow) return fail({ '': [refusedNow] });
    // The PDF was made before the lock: if a colleague reissued the key meanwhile, it holds a dead key.
    const current = await tx.authKey.findFirst({ where: { guaranteeId: g.id, revokedAt: null }, select: { id: true } });
    if (current?.id !== page.keyId) return fail({ '': ['認証キーが再発行されました。画面を読み込み直して、もう一度送信してください。'] });
    const latest = await tx.certificateVersion.findFirst({ where: { guaranteeId: g.id }, orderBy: { version: 'desc' }, select: { id: true } });
    const previous = await tx.submission.findFirst({ where: { guaranteeId: g.id }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    if (previous && !options.confirmResend) return fail({ confirmResend: [resendQuestion(previous.createdAt)] });
    const mail = await enqueueMail(tx, {
      template: KEY_NOTICE_TEMPLATE,
      to: [to.email],
      subject: page.subject,
      bodyText: [
        `${g.orderer.name} ${to.departmentName} 御中`,
        '',
        `${g.contractor.name} です。`,
        `下記の保証契約について、電子証書閲覧用「認証キー」等のお知らせ（PDF）を添付にてお送りします。`,
        '',
        `区分　　　　：${GUARANTEE_KIND_LABEL[g.kind]}`,
        `保証契約番号：${g.number}`,
        `工事名　　　：${g.projectName}`,
        `保証機関　　：${c.issuer.companyName}`,
        '',
        '添付のPDFに記載の「保証契約番号」と「認証キー」を、電子保証ポータル（発注者用）に入力して電子証書をご確認ください。',
        `閲覧ページ：${lookupUrl(g.number)}`,
        '',
        `※このメールは ${actor.name}（${g.contractor.name}）の操作により、電子保証ポータルから送信しています。`,
      ].join('\n'),
      relatedType: 'guarantee',
      relatedId: g.id,
      // The PDF carries the key: stored sealed, opened only by the worker to send, emptied once sent.
      attachments: [{ filename, contentType: 'application/pdf', content: sealBytes(secret, bytes, filename), sealed: true }],
    });
    const submission = await tx.submission.create({
      data: { guaranteeId: g.id, certificateVersionId: latest!.id, toAddress: to.email, subject: page.subject, sentById: actor.userId, outboxMailId: mail.id },
    });
    await writeAudit(tx, actor, 'guarantee.submit-to-orderer', { type: 'guarantee', id: g.id }, { number: g.number, to: to.email, mailId: mail.id, resend: Boolean(previous) });
    return ok({ submissionId: submission.id, mailId: mail.id });
  });
}
