import 'server-only';
import type { Tx } from '@/db/client';
import { AppError } from '@/domain/errors';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { guaranteeCancelledMail, memberCancelledMail, periodEndingContractorMail } from './mail-texts';
import { guaranteeMemberRecipients } from './member-recipients';

/** The outbox templates of the contractor's notices (the officers' 送信メール names them). */
export const CONTRACTOR_NOTICE_TEMPLATE = {
  CANCELLED: 'guarantee-cancelled',
  PERIOD_ENDING: 'guarantee-period-ending',
} as const;

export type ContractorNotice =
  /** 解除: the 解除日 (ISO) and the officer's reason. */
  | { event: 'CANCELLED'; cancelledOn: string; reason: string }
  /** 保証期間満了間近: the 保証期間（至） and the later 工期（至） (ISO). */
  | { event: 'PERIOD_ENDING'; guaranteeEnd: string; periodEnd: string };

/**
 * Queues the mail that tells the guarantee's contractor what happened to it, in the caller's
 * transaction (it exists exactly when the event commits): one mail to the company's CONTRACTOR users
 * that are enabled and have an address (split beyond MAIL_RECIPIENTS_MAX), none when nobody has one.
 * No 認証キー, no link with a token. A 解除 of a JV guarantee also tells each 構成員 company's users,
 * in the member's words (memberCancelledMail; issue 16 B8); 満了間近 is the 代表者's alone (D6).
 * Returns the queued mails' ids.
 */
export async function notifyContractor(tx: Tx, guaranteeId: string, notice: ContractorNotice): Promise<string[]> {
  const g = await tx.guarantee.findUnique({
    where: { id: guaranteeId },
    select: {
      number: true,
      kind: true,
      deliveryMethod: true,
      projectName: true,
      contractorId: true,
      contractor: { select: { name: true } },
      orderer: { select: { name: true, certificateName: true } },
      branch: { select: { organization: { select: { name: true, issuer: { select: { companyName: true } } } } } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
  const to = await organizationAddresses(tx, g.contractorId, 'CONTRACTOR');
  const subject = {
    contractorName: g.contractor.name,
    suretyName: g.branch?.organization.issuer?.companyName ?? g.branch?.organization.name ?? '保証会社',
    number: g.number.trim(),
    kind: g.kind,
    projectName: g.projectName,
    ordererName: g.orderer.certificateName ?? g.orderer.name,
    deliveryMethod: g.deliveryMethod,
  };
  const mail =
    notice.event === 'CANCELLED'
      ? guaranteeCancelledMail(subject, { cancelledOn: notice.cancelledOn, reason: notice.reason })
      : periodEndingContractorMail(subject, { guaranteeEnd: notice.guaranteeEnd, periodEnd: notice.periodEnd });
  const ids = await enqueueMailToAll(tx, to, {
    template: CONTRACTOR_NOTICE_TEMPLATE[notice.event],
    subject: mail.subject,
    bodyText: mail.bodyText,
    relatedType: 'guarantee',
    relatedId: guaranteeId,
  });
  if (notice.event !== 'CANCELLED') return ids;
  const { members, of } = await guaranteeMemberRecipients(tx, guaranteeId);
  for (const member of members) {
    if (!of) break;
    const memberMail = memberCancelledMail({ ...subject, contractorName: member.name }, { cancelledOn: notice.cancelledOn, reason: notice.reason }, of);
    ids.push(...(await enqueueMailToAll(tx, member.to, { template: CONTRACTOR_NOTICE_TEMPLATE.CANCELLED, ...memberMail, relatedType: 'guarantee', relatedId: guaranteeId })));
  }
  return ids;
}
