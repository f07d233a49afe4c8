import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { assertRole } from '@/domain/system';
import { todayInTokyo } from '@/lib/dates';
import { checkContractNumber } from './contract-number';
import { statusView } from './status';

/**
 * How the signed-in company stands to a guarantee (issue 16 B5, D5): HOLDER — it is the 保証契約者's
 * company (its own guarantee, or a JV's it represents: contractorId); MEMBER — a 構成員 of the JV the
 * guarantee was concluded for (a GuaranteeMember row, written at the conclusion: a JV edited later
 * neither widens nor narrows who sees it).
 */
export type GuaranteeAccess = 'HOLDER' | 'MEMBER';

export interface FindContractorGuaranteeOptions {
  /**
   * Whether a 構成員 may read it: the certificate, its print view and 発注者の確認 (read-only). Left
   * out, only the HOLDER reads it — the key, 発注者へ送信, 認証キーの再発行 and the premium documents —
   * and a member's number answers NOT_FOUND, as another company's number does (decision 007).
   */
  members?: boolean;
}

/**
 * One guarantee of the signed-in contractor. The contractor's side of a concluded guarantee: the certificate, the 認証キー (shown, reissued),
 * and the submission to the orderer. Every read is scoped to the signed-in company: a number of
 * another company and a number that does not exist answer the same NOT_FOUND. `status` is the
 * effective one (期間満了 from the day after the 保証期間 in Asia/Tokyo, at `now`), with the
 * banner's facts in `statusView`; `access` says whether the company holds it or is a 構成員.
 */
export async function findContractorGuarantee(db: Db, actor: Actor, numberInput: string, now = new Date(), options: FindContractorGuaranteeOptions = {}) {
  assertRole(actor, 'CONTRACTOR', "a contractor certificate use case");
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', `malformed number`);
  const company = actor.organizationId;
  const g = await db.guarantee.findFirst({
    where: { number: check.number, ...(options.members ? { OR: [{ contractorId: company }, { members: { some: { organizationId: company } } }] } : { contractorId: company }) },
    include: {
      orderer: { select: { id: true, name: true, certificateName: true, ordererRules: { select: { subjectTemplate: true, printoutAccepted: true } } } },
      contractor: { select: { name: true } },
      jointVenture: { select: { name: true } },
      application: { select: { worksDepartment: { select: { name: true, email: true, active: true } } } },
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, changeKind: true, issuedOn: true, content: true, digest: true } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number} of ${company}`);
  const access: GuaranteeAccess = g.contractorId === company ? 'HOLDER' : 'MEMBER';
  const view = statusView(g, todayInTokyo(now));
  return { ...g, access, status: view.status, statusView: view };
}

export type ContractorGuarantee = Awaited<ReturnType<typeof findContractorGuarantee>>;
