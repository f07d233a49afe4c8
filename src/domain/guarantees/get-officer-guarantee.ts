import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { assertAdmin } from '@/domain/system';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { checkContractNumber } from './contract-number';
import { effectiveStatus } from './status';

/**
 * The officer's view of one guarantee (保証の管理): who, the terms as they stand now (after record-only
 * changes too: these prefill the 変更契約 form), the status from today's Tokyo date, and how many
 * changes are recorded (the form's basis).
 */
export async function getOfficerGuarantee(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  assertAdmin(actor);
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const g = await db.guarantee.findUnique({
    where: { number: check.number },
    select: {
      id: true,
      number: true,
      applicationId: true,
      kind: true,
      deliveryMethod: true,
      status: true,
      cancelledOn: true,
      cancelReason: true,
      projectName: true,
      contractAmount: true,
      guaranteeAmount: true,
      guaranteeStart: true,
      guaranteeEnd: true,
      periodStart: true,
      periodEnd: true,
      issuedOn: true,
      latestVersion: true,
      premiumYen: true,
      contractor: { select: { name: true } },
      orderer: { select: { name: true } },
      _count: { select: { changes: true } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number}`);
  return {
    ...g,
    status: effectiveStatus(g.status, g.guaranteeEnd, todayInTokyo(now)),
    changeCount: g._count.changes,
    terms: {
      guaranteeAmount: g.guaranteeAmount,
      contractAmount: g.contractAmount,
      periodStart: dbDateToIso(g.periodStart),
      periodEnd: dbDateToIso(g.periodEnd),
      guaranteeStart: dbDateToIso(g.guaranteeStart),
      guaranteeEnd: dbDateToIso(g.guaranteeEnd),
      projectName: g.projectName,
    },
  };
}
