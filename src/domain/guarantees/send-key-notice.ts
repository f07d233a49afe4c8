import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { enqueueMail } from '@/domain/mail/outbox';
import { fail, ok, type Result } from '@/domain/result';
import { todayInTokyo } from '@/lib/dates';
import { sealBytes } from './auth-key';
import { getKeyPage } from './get-key-page';
import { keyNoticeFingerprint, keyNoticeMail, type KeyNoticeMail } from './key-notice-mail';
import { KEY_NOTICE_TEMPLATE, keyRefusal, SEND_MESSAGES } from './messages';
import { lookupUrl, renderKeyNotice } from './render-key-notice';
import { statusView } from './status';

type KeyPage = Awaited<ReturnType<typeof getKeyPage>>;

/**
 * The mail of a key page as it would go now, or why it cannot go (解除 / 期間満了: keyRefusal; no
 * address to send to). The one composition the preview shows and the sending queues.
 */
function compose(page: KeyPage, actor: Actor): Result<{ mail: KeyNoticeMail; fingerprint: string; departmentName: string }> {
  const refused = keyRefusal(page.guarantee.statusView);
  if (refused) return fail({ '': [refused] });
  const to = page.destination;
  if (!to.ok) return fail({ '': [to.reason] });
  const g = page.guarantee;
  const mail = keyNoticeMail({
    ordererName: g.orderer.name,
    departmentName: to.departmentName,
    email: to.email,
    contractorName: g.contractor.name,
    kind: g.kind,
    number: g.number,
    projectName: g.projectName,
    suretyName: page.latest.content.issuer.companyName,
    senderName: actor.name,
    subject: page.subject,
    lookupUrl: lookupUrl(g.number),
  });
  return ok({ mail, fingerprint: keyNoticeFingerprint(mail, page.keyId), departmentName: to.departmentName });
}

export interface KeyNoticePreview {
  mail: KeyNoticeMail;
  /** Carried by the form: the sending goes only if the mail is still this one. */
  fingerprint: string;
  ordererName: string;
  departmentName: string;
  /** The last 発注者へ送信 of this guarantee (a second one needs the confirmation box), or null. */
  lastSentAt: Date | null;
}

/**
 * 送信内容の確認: the mail 「発注者へ送信」 would queue now (宛先, 件名, 本文, 添付ファイル名), for the
 * guarantee's contractor only (anyone else: NOT_FOUND, as getKeyPage). Writes nothing.
 */
export async function previewKeyNotice(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()): Promise<Result<KeyNoticePreview>> {
  const page = await getKeyPage(db, actor, numberInput, secret, now);
  const composed = compose(page, actor);
  if (!composed.ok) return composed;
  const previous = await db.submission.findFirst({ where: { guaranteeId: page.guarantee.id }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  return ok({
    mail: composed.value.mail,
    fingerprint: composed.value.fingerprint,
    ordererName: page.guarantee.orderer.name,
    departmentName: composed.value.departmentName,
    lastSentAt: previous?.createdAt ?? null,
  });
}

/**
 * 「この内容で送信する」: the key notice PDF by mail to the address the orderer's routing names, through
 * the outbox, with the orderer's subject line; recorded (who, when, which version) in the same
 * transaction. The mail is the one previewKeyNotice showed: with `previewed` (its fingerprint) a mail
 * that changed since is refused under the field `previewed` (SEND_MESSAGES.previewOutdated), as is a
 * key reissued meanwhile. A second sending needs `confirmResend`. Refused, with the reason
 * (keyRefusal), for a guarantee 解除 or 期間満了 — checked again under the row lock, so a 解除
 * committed meanwhile is not outrun.
 */
export async function sendKeyNoticeToOrderer(
  db: Db,
  actor: Actor,
  numberInput: string,
  secret: string,
  options: { confirmResend: boolean; previewed?: string; now?: Date },
): Promise<Result<{ submissionId: string; mailId: string }>> {
  const now = options.now ?? new Date();
  const page = await getKeyPage(db, actor, numberInput, secret, now);
  const composed = compose(page, actor);
  if (!composed.ok) return composed;
  const { mail, fingerprint } = composed.value;
  if (options.previewed !== undefined && options.previewed !== fingerprint) return fail({ previewed: [SEND_MESSAGES.previewOutdated] });
  const { bytes } = await renderKeyNotice(page);
  const g = page.guarantee;
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
    if (current?.id !== page.keyId) return fail({ previewed: [SEND_MESSAGES.previewOutdated] });
    const latest = await tx.certificateVersion.findFirst({ where: { guaranteeId: g.id }, orderBy: { version: 'desc' }, select: { id: true } });
    const previous = await tx.submission.findFirst({ where: { guaranteeId: g.id }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    if (previous && !options.confirmResend) return fail({ confirmResend: [SEND_MESSAGES.resendQuestion(previous.createdAt)] });
    const [filename] = mail.attachmentNames as [string];
    const queued = await enqueueMail(tx, {
      template: KEY_NOTICE_TEMPLATE,
      to: mail.to,
      subject: mail.subject,
      bodyText: mail.bodyText,
      relatedType: 'guarantee',
      relatedId: g.id,
      // The PDF carries the key: stored sealed, opened only by the worker to send, emptied once sent.
      attachments: [{ filename, contentType: 'application/pdf', content: sealBytes(secret, bytes, filename), sealed: true }],
    });
    const [toAddress] = mail.to as [string];
    const submission = await tx.submission.create({
      data: { guaranteeId: g.id, certificateVersionId: latest!.id, toAddress, subject: mail.subject, sentById: actor.userId, outboxMailId: queued.id },
    });
    await writeAudit(tx, actor, 'guarantee.submit-to-orderer', { type: 'guarantee', id: g.id }, { number: g.number, to: toAddress, mailId: queued.id, resend: Boolean(previous) });
    return ok({ submissionId: submission.id, mailId: queued.id });
  });
}
