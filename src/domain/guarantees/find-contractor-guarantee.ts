import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { assertRole } from '@/domain/system';
import { todayInTokyo } from '@/lib/dates';
import { checkContractNumber } from './contract-number';
import { statusView } from './status';

/**
 * One guarantee of the signed-in contractor. The contractor's side of a concluded guarantee: the certificate, the 認証キー (shown, reissued),
 * and the submission to the orderer. Every read is scoped to the signed-in company: a number of
 * another company and a number that does not exist answer the same NOT_FOUND. `status` is the
 * effective one (期間満了 from the day after the 保証期間 in Asia/Tokyo, at `now`), with the
 * banner's facts in `statusView`.
 */
export async function findContractorGuarantee(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  assertRole(actor, 'CONTRACTOR', "a contractor certificate use case");
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', `malformed number`);
  const g = await db.guarantee.findFirst({
    where: { number: check.number, contractorId: actor.organizationId },
    include: {
      orderer: { select: { id: true, name: true, certificateName: true, ordererRules: { select: { subjectTemplate: true, printoutAccepted: true } } } },
      contractor: { select: { name: true } },
      application: { select: { worksDepartment: { select: { name: true, email: true, active: true } } } },
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, changeKind: true, issuedOn: true, content: true, digest: true } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number} of ${actor.organizationId}`);
  const view = statusView(g, todayInTokyo(now));
  return { ...g, status: view.status, statusView: view };
}

export type ContractorGuarantee = Awaited<ReturnType<typeof findContractorGuarantee>>;
