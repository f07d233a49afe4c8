import { createHash } from 'node:crypto';
import type { GuaranteeKind } from '@/generated/prisma/enums';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';

/**
 * The mail 「発注者へ送信」 sends: the one text that both the preview (送信内容の確認) shows and the
 * sending queues in the outbox, so the contractor sees exactly what the orderer gets (pure).
 */
export interface KeyNoticeMailValues {
  ordererName: string;
  departmentName: string;
  /** The department's address (submission-route.ts's destinationFor). */
  email: string;
  contractorName: string;
  kind: GuaranteeKind;
  number: string;
  projectName: string;
  suretyName: string;
  /** The contractor's user who sends it (named at the foot of the mail). */
  senderName: string;
  /** The orderer's subject line (renderSubject). */
  subject: string;
  /** The orderer's lookup page with the number filled in. */
  lookupUrl: string;
}

export interface KeyNoticeMail {
  to: string[];
  subject: string;
  bodyText: string;
  /** The attachments' names, in order (the content, the key notice PDF, is rendered at sending). */
  attachmentNames: string[];
}

/** The key notice PDF's file name: the same in the download, the preview and the mail. */
export const keyNoticeFilename = (number: string) => `認証キー等のお知らせ_${number}.pdf`;

export function keyNoticeMail(v: KeyNoticeMailValues): KeyNoticeMail {
  return {
    to: [v.email],
    subject: v.subject,
    bodyText: [
      `${v.ordererName} ${v.departmentName} 御中`,
      '',
      `${v.contractorName} です。`,
      `下記の保証契約について、電子証書閲覧用「認証キー」等のお知らせ（PDF）を添付にてお送りします。`,
      '',
      `区分　　　　：${GUARANTEE_KIND_LABEL[v.kind]}`,
      `保証契約番号：${v.number}`,
      `工事名　　　：${v.projectName}`,
      `保証機関　　：${v.suretyName}`,
      '',
      '添付のPDFに記載の「保証契約番号」と「認証キー」を、電子保証ポータル（発注者用）に入力して電子証書をご確認ください。',
      `閲覧ページ：${v.lookupUrl}`,
      '',
      `※このメールは ${v.senderName}（${v.contractorName}）の操作により、電子保証ポータルから送信しています。`,
    ].join('\n'),
    attachmentNames: [keyNoticeFilename(v.number)],
  };
}

/**
 * What a preview showed, as a short token carried by its 「この内容で送信する」 form: the mail and the
 * key its PDF holds. The sending composes the mail again and sends only when the token matches, so
 * a mail that changed after the preview (a reissued key, a new routing, a renamed project) is shown
 * again instead of being sent unseen.
 */
export function keyNoticeFingerprint(mail: KeyNoticeMail, keyId: string): string {
  return createHash('sha256').update(JSON.stringify([keyId, mail.to, mail.subject, mail.bodyText, mail.attachmentNames])).digest('hex');
}
