import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { PAGE_SIZE } from '@/domain/organizations/queries';
import { statusView } from '@/domain/guarantees/status';
import { assertRole } from '@/domain/system';
import { todayInTokyo } from '@/lib/dates';
import { premiumDocumentsOf } from './premium-documents';

/**
 * 保証料一覧: each of the company's guarantees with its premium and documents, newest first: the
 * 保証料計算書, any 変更保証料計算書 and the 保証料領収証 (`documents`, described), what is outstanding,
 * and the guarantee's status as of `now` (`statusView`: 解除 with its date, 期間満了), so that an amount
 * outstanding on a guarantee no longer in force is read as such.
 */
export async function listContractorPremiums(db: Db, actor: Actor, params: { page?: number }, now = new Date()) {
  assertRole(actor, 'CONTRACTOR', "a contractor's premiums");
  const page = Math.max(1, params.page ?? 1);
  const where = { contractorId: actor.organizationId };
  const [rows, total] = await Promise.all([
    db.guarantee.findMany({
      where,
      orderBy: [{ issuedOn: 'desc' }, { number: 'desc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        kind: true,
        projectName: true,
        issuedOn: true,
        premiumYen: true,
        status: true,
        guaranteeEnd: true,
        periodEnd: true,
        cancelledOn: true,
        cancelReason: true,
        orderer: { select: { name: true, certificateName: true } },
        premiumDocuments: { orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, amount: true, issuedOn: true } },
      },
    }),
    db.guarantee.count({ where }),
  ]);
  const premiums = await premiumDocumentsOf(db, rows.map((r) => r.id));
  const today = todayInTokyo(now);
  return {
    rows: rows.map(({ status, guaranteeEnd, periodEnd, cancelledOn, cancelReason, ...r }) => ({
      ...r,
      ...premiums.get(r.id)!,
      statusView: statusView({ status, guaranteeEnd, periodEnd, cancelledOn, cancelReason }, today),
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
