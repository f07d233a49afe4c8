import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { COUNT_CAP, PAGE_SIZE, type KeysetPage } from '@/domain/guarantees/keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type SortColumn } from '@/domain/guarantees/keyset-query';
import { statusView } from '@/domain/guarantees/status';
import { assertRole } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import type { PremiumListParams } from './premium-list-params';
import { premiumDocumentsOf } from './premium-documents';

/**
 * 保証料一覧: each of the company's guarantees with its premium and documents, newest first: the
 * 保証料計算書, any 変更保証料計算書 and the 保証料領収証 (`documents`, described), what is outstanding,
 * and the guarantee's status as of `now` (`statusView`: 解除 with its date, 期間満了), so that an amount
 * outstanding on a guarantee no longer in force is read as such.
 *
 * Keyset paging as the 保証工事一覧 (decision 017): a page is the next PAGE_SIZE guarantees after
 * (証書発行日, 保証契約番号), read from the index (contractorId, issuedOn DESC, number DESC), so the
 * last page of a company with 20,000 guarantees costs what the first does; the total is counted up to
 * COUNT_CAP.
 */

const ISSUED: SortColumn = { expr: Prisma.sql`g."issuedOn"`, value: 'date' };

const rowSelect = {
  id: true,
  number: true,
  kind: true,
  // A JV's guarantee (the company its 代表者: only the holder's guarantees are listed): marked 「JV代表」.
  jointVentureId: true,
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
} as const;

export async function listContractorPremiums(db: Db, actor: Actor, params: PremiumListParams, now = new Date()) {
  assertRole(actor, 'CONTRACTOR', "a contractor's premiums");
  const read = keysetRead(params, ISSUED);
  const [picked, counted] = await Promise.all([
    // The page's guarantees from the index alone, then read whole below.
    db.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT g."id" FROM "Guarantee" g
      WHERE g."contractorId" = CAST(${actor.organizationId} AS uuid) ${read.keyset}
      ORDER BY g."issuedOn" ${read.order}, g."number" ${read.order}
      LIMIT ${PAGE_SIZE + 1}`),
    db.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS "n" FROM (
        SELECT 1 FROM "Guarantee" g WHERE g."contractorId" = CAST(${actor.organizationId} AS uuid) LIMIT ${COUNT_CAP + 1}) t`),
  ]);
  if (backAtStart(read, picked.length)) return listContractorPremiums(db, actor, firstPageOf(params), now);
  const found = await db.guarantee.findMany({
    where: { id: { in: picked.map((p) => p.id) }, contractorId: actor.organizationId },
    select: rowSelect,
  });
  const byId = new Map(found.map((g) => [g.id, g]));
  const raw = picked.flatMap((p) => byId.get(p.id) ?? []);
  const premiums = await premiumDocumentsOf(db, raw.map((r) => r.id));
  const today = todayInTokyo(now);
  const page: KeysetPage<PremiumRow> = keysetPage(
    raw,
    read,
    params,
    counted[0]?.n ?? 0,
    ({ status, guaranteeEnd, periodEnd, cancelledOn, cancelReason, ...r }) => ({
      ...r,
      ...premiums.get(r.id)!,
      statusView: statusView({ status, guaranteeEnd, periodEnd, cancelledOn, cancelReason }, today),
    }),
    (row) => ({ v: dbDateToIso(row.issuedOn), n: row.number }),
  );
  return page;
}

type Found = Prisma.GuaranteeGetPayload<{ select: typeof rowSelect }>;
type Premiums = NonNullable<ReturnType<Awaited<ReturnType<typeof premiumDocumentsOf>>['get']>>;
export type PremiumRow = Omit<Found, 'status' | 'guaranteeEnd' | 'periodEnd' | 'cancelledOn' | 'cancelReason'> &
  Premiums & { statusView: ReturnType<typeof statusView> };
