import { assertRole } from '@/domain/system';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { verifyUrl } from '@/domain/certificates/verification';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { enqueueMail } from '@/domain/mail/outbox';
import { PAGE_SIZE } from '@/domain/organizations/queries';
import { fail, ok, type Result } from '@/domain/result';
import { formatDateTime } from '@/lib/dates';
import { renderKeyNoticePdf } from '@/pdf/key-notice';
import { premiumDocumentsOf, renderPremiumDocument } from '@/domain/premium/premium-documents';
import { sealBytes } from './auth-key';
import { findContractorGuarantee, getKeyPage, KEY_NOTICE_TEMPLATE, NOT_ACTIVE } from './contractor';
import { portalUrl } from './mail-texts';

/** The orderer's lookup page with the number filled in: what the key notice's QR code opens. */
export const lookupUrl = (number: string) => `${portalUrl()}/orderer/lookup?number=${number}`;

export const keyNoticeFilename = (number: string) => `認証キー等のお知らせ_${number}.pdf`;

/**
 * 「電子証書閲覧用「認証キー」等のお知らせ」 of the current key. Deterministic: the date printed and
 * stamped is the key's issue date, so the same key gives the same file, and a reissued key a new one.
 */
export async function keyNoticePdf(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()) {
  const page = await getKeyPage(db, actor, numberInput, secret, now);
  const c = page.latest.content;
  const bytes = await renderKeyNoticePdf({
    kindLabel: GUARANTEE_KIND_LABEL[c.kind],
    number: c.number,
    key: page.key,
    projectName: c.projectName,
    ordererName: c.obligee.name,
    suretyName: c.issuer.companyName,
    issuer: c.issuer,
    branch: c.branch,
    lookupUrl: lookupUrl(c.number),
    issuedAt: page.keyIssuedAt,
    verification: page.latest.digest ? { digest: page.latest.digest, url: verifyUrl(page.latest.digest) } : null,
  });
  return { page, bytes, filename: keyNoticeFilename(c.number) };
}

const resendQuestion = (at: Date) =>
  `${formatDateTime(at)} に送信済みです。もう一度送信する場合は「送信済みであることを確認しました」にチェックを入れてください。`;

/**
 * 「発注者へ送信」: the key notice PDF by mail to the address the orderer's routing names, through the
 * outbox, with the orderer's subject line; recorded (who, when, which version) in the same transaction.
 * A second sending needs `confirmResend`.
 */
export async function sendKeyNoticeToOrderer(
  db: Db,
  actor: Actor,
  numberInput: string,
  secret: string,
  options: { confirmResend: boolean; now?: Date },
): Promise<Result<{ submissionId: string; mailId: string }>> {
  const { page, bytes, filename } = await keyNoticePdf(db, actor, numberInput, secret, options.now);
  if (page.guarantee.status !== 'ACTIVE') return fail({ '': [NOT_ACTIVE] });
  if (!page.destination.ok) return fail({ '': [page.destination.reason] });
  const to = page.destination;
  const g = page.guarantee;
  const c = page.latest.content;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Guarantee" WHERE "id" = CAST(${g.id} AS uuid) FOR UPDATE`;
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

/**
 * 保証料一覧: each of the company's guarantees with its premium and documents, newest first: the
 * 保証料計算書, any 変更保証料計算書 and the 保証料領収証 (`documents`, described), and what is outstanding.
 */
export async function listContractorPremiums(db: Db, actor: Actor, params: { page?: number }) {
  assertRole(actor, 'CONTRACTOR', "a contractor's premiums");
  const page = Math.max(1, params.page ?? 1);
  const where = { contractorId: actor.organizationId };
  const [rows, total] = await Promise.all([
    db.guarantee.findMany({
      where,
      orderBy: [{ issuedOn: 'desc' }, { number: 'desc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        kind: true,
        projectName: true,
        issuedOn: true,
        premiumYen: true,
        orderer: { select: { name: true, certificateName: true } },
        premiumDocuments: { orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, amount: true, issuedOn: true } },
      },
    }),
    db.guarantee.count({ where }),
  ]);
  const premiums = await premiumDocumentsOf(db, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({ ...r, ...premiums.get(r.id)! })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/**
 * A premium document (PDF) of one of the company's guarantees: its 保証料計算書, a 変更保証料計算書 or a
 * 保証料領収証. Another company's guarantee, or a document of another guarantee: NOT_FOUND.
 */
export async function premiumDocumentPdf(db: Db, actor: Actor, numberInput: string, documentId: string) {
  const g = await findContractorGuarantee(db, actor, numberInput);
  return renderPremiumDocument(db, g, documentId);
}
