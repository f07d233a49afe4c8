import 'server-only';
import { assertRole } from '@/domain/system';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { Prisma } from '@/generated/prisma/client';
import type { DeliveryMethod, GuaranteeKind, GuaranteeStatus } from '@/generated/prisma/enums';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { COUNT_CAP, PAGE_SIZE, type Cursor, type KeysetPage } from './keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type SortColumn } from './keyset-query';
import type { ListParams, Sort } from './list-params';
import { effectiveStatus } from './status';
import { likeContaining } from '@/lib/like';

/**
 * The contractor's 保証工事一覧: only the signed-in company's guarantees, ever. Keyset paging: a page
 * is "the next PAGE_SIZE rows after (sort value, number)" in the order of the sort column, read from
 * an index that starts with contractorId, so page 1000 costs what page 1 costs. The total is counted
 * up to COUNT_CAP (「200件以上」, keyset.ts).
 */

export interface GuaranteeRow {
  id: string;
  number: string;
  kind: GuaranteeKind;
  deliveryMethod: DeliveryMethod;
  changed: boolean;
  issuedOn: string;
  ordererName: string;
  projectName: string;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  /** 有効 / 解除 / 期間満了 as of today (Asia/Tokyo). */
  status: GuaranteeStatus;
}

export type GuaranteePage = KeysetPage<GuaranteeRow>;

// Whitelisted sort expressions (never text from the URL).
const SORT_SQL: Record<Sort, SortColumn> = {
  issued: { expr: Prisma.sql`g."issuedOn"`, value: 'date' },
  number: { expr: Prisma.sql`g."number"`, value: 'number' },
  orderer: { expr: Prisma.sql`COALESCE(o."certificateName", o."name")`, value: 'text' },
  project: { expr: Prisma.sql`g."projectName"`, value: 'text' },
  contract: { expr: Prisma.sql`g."contractAmount"`, value: 'amount' },
  amount: { expr: Prisma.sql`g."guaranteeAmount"`, value: 'amount' },
};


function filterSql(params: ListParams): Prisma.Sql | null {
  if (!params.q) return Prisma.empty;
  switch (params.cond) {
    case 'number': {
      // Digits typed so far: a prefix of the 10-digit number (hyphens and spaces ignored).
      const digits = params.q.replace(/[\s-]/g, '');
      if (!/^\d{1,10}$/.test(digits)) return null; // cannot match any number
      return Prisma.sql`AND g."number" BETWEEN ${digits.padEnd(10, '0')} AND ${digits.padEnd(10, '9')}`;
    }
    // The box is folded (全角 → 半角, NFKC); names are stored as typed, so they are folded to compare.
    case 'orderer':
      return Prisma.sql`AND g."ordererId" IN (SELECT "id" FROM "Organization" WHERE "kind" = 'ORDERER' AND (normalize("name", NFKC) ILIKE ${likeContaining(params.q)} OR normalize("certificateName", NFKC) ILIKE ${likeContaining(params.q)}))`;
    case 'project':
      return Prisma.sql`AND normalize(g."projectName", NFKC) ILIKE ${likeContaining(params.q)}`;
  }
}

function cursorOf(row: GuaranteeRow, sort: Sort): Cursor {
  const v = {
    issued: row.issuedOn,
    number: row.number,
    orderer: row.ordererName,
    project: row.projectName,
    contract: row.contractAmount.toString(),
    amount: row.guaranteeAmount.toString(),
  }[sort];
  return { v, n: row.number };
}

interface Raw {
  id: string;
  number: string;
  kind: GuaranteeKind;
  deliveryMethod: DeliveryMethod;
  changed: boolean;
  issuedOn: Date;
  ordererName: string;
  projectName: string;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  status: GuaranteeStatus;
  guaranteeEnd: Date;
}

/** The page and count statements for a company (exported for the bench's EXPLAIN). */
export function guaranteeListSql(organizationId: string, params: ListParams): { page: Prisma.Sql; count: Prisma.Sql; backward: boolean; cursor?: Cursor } | null {
  const filter = filterSql(params);
  if (filter === null) return null;
  const column = SORT_SQL[params.sort];
  const { expr } = column;
  const { backward, cursor, order, keyset } = keysetRead(params, column);
  return {
    backward,
    cursor,
    // The rows are picked from the Guarantee index alone (ORDER BY + LIMIT inside), then named:
    // joining first would make the planner read every row of the company and sort them.
    page:
      params.sort === 'orderer'
        ? Prisma.sql`
      SELECT g."id", g."number", g."kind", g."deliveryMethod", g."changed", g."issuedOn",
             COALESCE(o."certificateName", o."name") AS "ordererName", g."projectName", g."contractAmount", g."guaranteeAmount",
             g."status", g."guaranteeEnd"
      FROM "Guarantee" g JOIN "Organization" o ON o."id" = g."ordererId"
      WHERE g."contractorId" = CAST(${organizationId} AS uuid) ${filter} ${keyset}
      ORDER BY ${expr} ${order}, g."number" ${order}
      LIMIT ${PAGE_SIZE + 1}`
        : Prisma.sql`
      SELECT g."id", g."number", g."kind", g."deliveryMethod", g."changed", g."issuedOn",
             COALESCE(o."certificateName", o."name") AS "ordererName", g."projectName", g."contractAmount", g."guaranteeAmount",
             g."status", g."guaranteeEnd"
      FROM (
        SELECT g."id", g."number", g."kind", g."deliveryMethod", g."changed", g."issuedOn", g."ordererId", g."projectName", g."contractAmount", g."guaranteeAmount",
               g."status", g."guaranteeEnd"
        FROM "Guarantee" g
        WHERE g."contractorId" = CAST(${organizationId} AS uuid) ${filter} ${keyset}
        ORDER BY ${expr} ${order}, g."number" ${order}
        LIMIT ${PAGE_SIZE + 1}) g
      JOIN "Organization" o ON o."id" = g."ordererId"
      ORDER BY ${expr} ${order}, g."number" ${order}`,
    count: Prisma.sql`
      SELECT count(*)::int AS "n" FROM (
        SELECT 1 FROM "Guarantee" g
        WHERE g."contractorId" = CAST(${organizationId} AS uuid) ${filter}
        LIMIT ${COUNT_CAP + 1}) t`,
  };
}

export async function listContractorGuarantees(db: Db, actor: Actor, params: ListParams, now = new Date()): Promise<GuaranteePage> {
  assertRole(actor, 'CONTRACTOR', "a contractor's guarantees");
  const sql = guaranteeListSql(actor.organizationId, params);
  if (!sql) return { rows: [], hasPrevious: false, hasNext: false, total: 0, page: 1 };
  const [raw, counted] = await Promise.all([db.$queryRaw<Raw[]>(sql.page), db.$queryRaw<{ n: number }[]>(sql.count)]);
  if (backAtStart(sql, raw.length)) return listContractorGuarantees(db, actor, firstPageOf(params), now);
  const today = todayInTokyo(now);
  const toRow = ({ guaranteeEnd, ...r }: Raw): GuaranteeRow => ({
    ...r,
    status: effectiveStatus(r.status, guaranteeEnd, today),
    number: r.number.trim(),
    issuedOn: dbDateToIso(r.issuedOn),
    contractAmount: BigInt(r.contractAmount),
    guaranteeAmount: BigInt(r.guaranteeAmount),
  });
  return keysetPage(raw, sql, params, counted[0]?.n ?? 0, toRow, (row) => cursorOf(row, params.sort));
}
