/**
 * Every kind of mail the portal queues, and what a queued mail can point at (pure). enqueueMail
 * (./outbox.ts) is typed by these lists, so a new kind is added here first; its Japanese name, which
 * the officers read as 送信メール's 種類, goes in MAIL_TEMPLATE_LABEL (src/domain/labels.ts), and
 * tests/unit/code-labels.test.ts fails while one is missing.
 */

export const MAIL_TEMPLATES = [
  // To the contractor's users.
  'certificate-registered',
  'guarantee-concluded-paper',
  // To each 構成員 of a JV guarantee at its conclusion (the 代表者 gets the two above).
  'guarantee-concluded-member',
  'guarantee-changed',
  'guarantee-cancelled',
  'guarantee-period-ending',
  'premium-receipt-issued',
  'lookup-locked',
  // From the contractor to the orderer's department: the 認証キー等のお知らせ.
  'key-notice-submission',
  // To the orderer's staff who confirmed the certificate (notify-confirmed-orderers.ts).
  'confirmed-changed',
  'confirmed-cancelled',
  'confirmed-period-ending',
  // To the officers.
  'lookup-locked-officers',
  'application-submitted-officers',
  // 中間前払金の認定 (decision 067): to the certifying department, and to the requesting contractor.
  'certification-requested',
  'certification-withdrawn',
  'certification-decided',
  // 共同企業体 (issue 16 B8): to each member company's users when an officer registers the JV.
  'joint-venture-registered',
  // 契約台帳の変更に伴う保証の変更 (issue 17 lapse watcher, decision 075): to the orderer's staff of the
  // contract's department, and to the guarantee's contractor.
  'contract-lapse-orderer',
  'contract-lapse-contractor',
] as const;

export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

/** The record a mail is about (relatedType; its id is relatedId), shown as 関連する記録 with a link. */
export const MAIL_RELATED_TYPES = ['guarantee', 'application', 'certification', 'jointVenture'] as const;

export type MailRelatedType = (typeof MAIL_RELATED_TYPES)[number];

/** The kinds of file a mail carries (the 添付ファイル's 種類). */
export const MAIL_ATTACHMENT_TYPES = ['application/pdf'] as const;

export type MailAttachmentType = (typeof MAIL_ATTACHMENT_TYPES)[number];

export const isMailTemplate = (value: string): value is MailTemplate => (MAIL_TEMPLATES as readonly string[]).includes(value);
export const isMailRelatedType = (value: string): value is MailRelatedType => (MAIL_RELATED_TYPES as readonly string[]).includes(value);
export const isMailAttachmentType = (value: string): value is MailAttachmentType => (MAIL_ATTACHMENT_TYPES as readonly string[]).includes(value);
