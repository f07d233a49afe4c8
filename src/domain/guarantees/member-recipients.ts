import 'server-only';
import type { Tx } from '@/db/client';
import { organizationAddresses } from '@/domain/mail/outbox';
import type { MemberOf } from './mail-texts';

/** One 構成員 company of a JV guarantee, as its mails address it. */
export interface MemberRecipient {
  organizationId: string;
  name: string;
  /** Its enabled CONTRACTOR users with an address. */
  to: string[];
}

/**
 * Who hears of a JV guarantee's 変更契約 and 解除 besides its 代表者 (issue 16 B8, D6): each 構成員
 * company of the guarantee (GuaranteeMember, written at the conclusion — never the JV as edited
 * since), with the JV's name and its 代表者 for the wording; none for a single company's guarantee.
 * 満了間近, the lock, the payment and the key stay the 代表者's (only the 代表者 can act on them).
 */
export async function guaranteeMemberRecipients(tx: Tx, guaranteeId: string): Promise<{ members: MemberRecipient[]; of: MemberOf | null }> {
  const g = await tx.guarantee.findUniqueOrThrow({
    where: { id: guaranteeId },
    select: {
      contractor: { select: { name: true } },
      jointVenture: { select: { name: true } },
      members: { orderBy: { organizationId: 'asc' }, select: { organizationId: true, organization: { select: { name: true } } } },
    },
  });
  if (!g.jointVenture || g.members.length === 0) return { members: [], of: null };
  const members: MemberRecipient[] = [];
  for (const m of g.members) members.push({ organizationId: m.organizationId, name: m.organization.name, to: await organizationAddresses(tx, m.organizationId, 'CONTRACTOR') });
  return { members, of: { jointVentureName: g.jointVenture.name, representativeName: g.contractor.name } };
}
