import 'server-only';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

/**
 * The SMTP side of the outbox. SMTP_URL (smtp://… or smtps://…, credentials in the URL) names the
 * server; unset, nothing is sent and every mail stays in the outbox (status 送信待ち), where officers
 * read it at /admin/outbox. MAIL_FROM is the sender.
 *
 * Everything goes out as UTF-8 (nodemailer's default: text/plain; charset=utf-8, RFC 2047 encoded
 * words for the subject, RFC 2231 for attachment names). Never ISO-2022-JP: it cannot carry 髙, 﨑
 * or ①② and would mangle them.
 */

export const DEFAULT_MAIL_FROM = '電子保証ポータル <no-reply@denshi-hosho.example.jp>';

/** What the worker needs of a transport (nodemailer's Transporter, or a stand-in in tests). */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<{ rejected?: unknown[] } | unknown>;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
}

export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

/** The SMTP server's address without credentials, for logs. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(invalid SMTP_URL)';
  }
}

/**
 * A nodemailer transport to `url` (default SMTP_URL), or null when none is configured. Timeouts are
 * short enough that a dead server cannot hold a worker run for long (the worker's lease is longer).
 */
export function createMailTransport(url: string | undefined = process.env.SMTP_URL): nodemailer.Transporter | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  if (!/^smtps?:\/\//i.test(trimmed)) throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${describeSmtpUrl(trimmed)})`);
  const smtp = new SMTPTransport({
    url: trimmed,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  // Attachments are bytes from the database: never let a message read a file or fetch a URL.
  return nodemailer.createTransport(smtp, { from: mailFrom(), disableFileAccess: true, disableUrlAccess: true });
}
