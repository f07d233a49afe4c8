import 'server-only';
import type { Tx } from '@/db/client';
import { AppError } from '@/domain/errors';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import type { MailTemplate } from '@/domain/mail/templates';
import { confirmedEventMail, type ConfirmedEvent, type ConfirmedEventDetails } from './mail-texts';

/** The outbox template of each event's mail to the orderer (送信メール's 種類 names it). */
export const CONFIRMED_EVENT_TEMPLATE = {
  CHANGED: 'confirmed-changed',
  CANCELLED: 'confirmed-cancelled',
  PERIOD_ENDING: 'confirmed-period-ending',
} as const satisfies Record<ConfirmedEvent, MailTemplate>;

/**
 * Queues the mail that tells the orderer that confirmed `guaranteeId` what happened to it, in the
 * caller's transaction (the mail exists exactly when the change commits; a rollback leaves none). One
 * mail to the orderer's staff — ORDERER users of the organisation, not disabled, with an address
 * (colleagues see each other's addresses, as on any internal list) — if any of them ever confirmed
 * the certificate. Only the orderer named on the certificate can confirm it (the lookup's rule), so
 * confirmations by any other organisation are ignored here as in the 確認済み一覧: no mail ever names
 * a guarantee to an organisation whose list would not show it. More than MAIL_RECIPIENTS_MAX staff
 * are split over several mails. No 認証キー, no link with a token: the mail says where to sign in.
 * Returns the queued mails' ids (none when nobody confirmed or nobody has an address).
 */
export async function notifyConfirmedOrderers(tx: Tx, guaranteeId: string, event: ConfirmedEvent, details: ConfirmedEventDetails): Promise<string[]> {
  const g = await tx.guarantee.findUnique({
    where: { id: guaranteeId },
    select: {
      number: true,
      kind: true,
      projectName: true,
      ordererId: true,
      orderer: { select: { name: true } },
      contractor: { select: { name: true } },
      branch: { select: { organization: { select: { name: true, issuer: { select: { companyName: true } } } } } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
  const confirmed = await tx.confirmation.findFirst({ where: { guaranteeId, organizationId: g.ordererId }, select: { id: true } });
  if (!confirmed) return [];
  const to = (await organizationAddresses(tx, g.ordererId, 'ORDERER')).sort();
  if (to.length === 0) return [];
  const mail = confirmedEventMail(
    {
      organizationName: g.orderer.name,
      suretyName: g.branch?.organization.issuer?.companyName ?? g.branch?.organization.name ?? '保証会社',
      number: g.number.trim(),
      kind: g.kind,
      projectName: g.projectName,
      contractorName: g.contractor.name,
    },
    event,
    details,
  );
  return enqueueMailToAll(tx, to, {
    template: CONFIRMED_EVENT_TEMPLATE[event],
    subject: mail.subject,
    bodyText: mail.bodyText,
    relatedType: 'guarantee',
    relatedId: guaranteeId,
  });
}
