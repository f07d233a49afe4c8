import 'server-only';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import type { Role } from '@/generated/prisma/enums';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { isRetryableMail, isWithdrawnKeyNotice, RETRYABLE_MAIL } from '../guarantees/withdrawn-key-notice';
import { RETRY_WITHDRAWN } from './messages';
import { assertAdmin } from '../system';
import type { MailRelatedType, MailTemplate } from './templates';

/**
 * The mail outbox. A use case that announces something by mail queues it here INSIDE its own
 * transaction, so the mail exists exactly when the change it announces commits; the worker
 * (src/mail/worker.ts) delivers it afterwards. Officers read the outbox at /admin/outbox (outbox-list.ts).
 */

const address = z.string().trim().pipe(z.email().max(254));
// A header value: one line (a CR or LF would start a new header).
const headerText = (max: number) => z.string().min(1).max(max).regex(/^[^\r\n]*$/);
const attachmentSchema = z.object({
  filename: headerText(255).regex(/^[^\\/\x00-\x1f\x7f]+$/),
  contentType: z.string().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i),
  content: z.instanceof(Uint8Array),
  /** The content is sealed (it carries a 認証キー): the worker opens it to send, nobody downloads it. */
  sealed: z.boolean().default(false),
});

/** Recipients per mail; callers with more send several mails. */
export const MAIL_RECIPIENTS_MAX = 50;

export const outboxMailSchema = z.object({
  template: z.string().min(1).max(100),
  to: z.array(address).min(1).max(MAIL_RECIPIENTS_MAX),
  cc: z.array(address).max(50).default([]),
  subject: headerText(500),
  bodyText: z.string().max(200_000),
  relatedType: z.string().min(1).max(100).optional(),
  relatedId: z.string().min(1).max(100).optional(),
  attachments: z.array(attachmentSchema).max(20).default([]),
});

export type OutboxMailInput = z.input<typeof outboxMailSchema>;

/**
 * Queues one mail (and its attachments) in the caller's transaction. The input comes from our own
 * use cases, not from a form: an invalid mail (no recipient, a malformed address) is a bug and
 * throws, which rolls the caller's transaction back.
 */
export async function enqueueMail(
  tx: Tx,
  mail: {
    /** One of MAIL_TEMPLATES (./templates.ts): 送信メール names each kind in Japanese. */
    template: MailTemplate;
    to: string[];
    cc?: string[];
    subject: string;
    bodyText: string;
    relatedType?: MailRelatedType;
    relatedId?: string;
    attachments?: { filename: string; contentType: string; content: Uint8Array; sealed?: boolean }[];
  },
): Promise<{ id: string }> {
  const parsed = outboxMailSchema.safeParse(mail);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('VALIDATION', `enqueueMail(${mail.template}): ${where}`);
  }
  const m = parsed.data;
  const created = await tx.outboxMail.create({
    data: {
      template: m.template,
      to: [...new Set(m.to)],
      cc: [...new Set(m.cc)].filter((a) => !m.to.includes(a)),
      subject: m.subject,
      bodyText: m.bodyText,
      relatedType: m.relatedType ?? null,
      relatedId: m.relatedId ?? null,
      attachments: {
        create: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: new Uint8Array(a.content), sealed: a.sealed })),
      },
    },
    select: { id: true },
  });
  return created;
}

type MailToAll = Omit<Parameters<typeof enqueueMail>[1], 'to'>;

/**
 * One mail to any number of addresses: one outbox row per MAIL_RECIPIENTS_MAX of them (a large
 * company's users are never a reason to fail), none when there is nobody to write to. Returns the
 * queued mails' ids.
 */
export async function enqueueMailToAll(tx: Tx, to: readonly string[], mail: MailToAll): Promise<string[]> {
  const unique = [...new Set(to.map((a) => a.trim()).filter((a) => a !== ''))];
  const ids: string[] = [];
  for (let i = 0; i < unique.length; i += MAIL_RECIPIENTS_MAX) {
    ids.push((await enqueueMail(tx, { ...mail, to: unique.slice(i, i + MAIL_RECIPIENTS_MAX) })).id);
  }
  return ids;
}

/** The addresses of an organisation's enabled users of one role (oldest account first). */
export async function organizationAddresses(tx: Tx, organizationId: string, role: Role): Promise<string[]> {
  const users = await tx.user.findMany({
    where: { organizationId, role, disabled: false, email: { not: null } },
    select: { email: true },
    orderBy: { createdAt: 'asc' },
  });
  return users.map((u) => u.email!);
}

/** One mail with its attachments' names and sizes (not their content). */
export async function getOutboxMail(db: Db, actor: Actor, id: string) {
  assertAdmin(actor);
  const mail = await db.outboxMail.findUnique({ where: { id } });
  if (!mail) throw new AppError('NOT_FOUND', `outbox mail ${id}`);
  const attachments = await db.$queryRaw<{ id: string; filename: string; contentType: string; size: number; sealed: boolean }[]>`
    SELECT "id", "filename", "contentType", octet_length("content")::int AS "size", "sealed"
    FROM "MailAttachment" WHERE "mailId" = CAST(${id} AS uuid) ORDER BY "filename", "id"`;
  // Never a key notice a reissue withdrew (its sealed PDF emptied: it would carry a dead key or nothing).
  return { ...mail, attachments, retryable: isRetryableMail(mail) };
}

/** One attachment's content, for the officer's download. A sealed one (it carries a key) is not served. */
export async function getOutboxAttachment(db: Db, actor: Actor, mailId: string, attachmentId: string) {
  assertAdmin(actor);
  const attachment = await db.mailAttachment.findFirst({
    where: { id: attachmentId, mailId, sealed: false },
    select: { filename: true, contentType: true, content: true },
  });
  if (!attachment) throw new AppError('NOT_FOUND', `attachment ${attachmentId} of outbox mail ${mailId}`);
  return attachment;
}

/**
 * 再送: a FAILED mail goes back to the queue with a fresh set of attempts (its last error stays for
 * reference until the next attempt). Only a FAILED mail: a pending one is queued already, a sent
 * one is not sent twice by accident; and never one whose key notice a reissue withdrew.
 */
export async function retryMail(db: Db, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const updated = await tx.outboxMail.updateMany({
      where: { id, ...RETRYABLE_MAIL },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date() },
    });
    if (updated.count === 0) {
      const exists = await tx.outboxMail.findUnique({ where: { id }, select: { status: true, lastError: true } });
      if (!exists) throw new AppError('NOT_FOUND', `outbox mail ${id}`);
      if (isWithdrawnKeyNotice(exists)) throw new AppError('CONFLICT', `outbox mail ${id} is a withdrawn key notice`, RETRY_WITHDRAWN);
      throw new AppError('CONFLICT', `outbox mail ${id} is ${exists.status}, not FAILED`, '送信に失敗したメールだけを再送できます。画面を更新してください。');
    }
    await writeAudit(tx, actor, 'mail.retry', { type: 'outboxMail', id });
  });
}
