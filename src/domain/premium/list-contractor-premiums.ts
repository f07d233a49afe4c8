import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { PAGE_SIZE } from '@/domain/organizations/queries';
import { assertRole } from '@/domain/system';
import { premiumDocumentsOf } from './premium-documents';

/**
 * 保証料一覧: each of the company's guarantees with its premium and documents, newest first: the
 * 保証料計算書, any 変更保証料計算書 and the 保証料領収証 (`documents`, described), and what is outstanding.
 */
export async function listContractorPremiums(db: Db, actor: Actor, params: { page?: number }) {
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
        orderer: { select: { name: true, certificateName: true } },
        premiumDocuments: { orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, amount: true, issuedOn: true } },
      },
    }),
    db.guarantee.count({ where }),
  ]);
  const premiums = await premiumDocumentsOf(db, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({ ...r, ...premiums.get(r.id)! })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
