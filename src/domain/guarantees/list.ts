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
 * The contractor's 保証工事一覧: the signed-in company's own guarantees (its own, and a JV's it
 * represents: 「JV代表」) and the JV guarantees it is a 構成員 of (「JV構成員」, GuaranteeMember rows
 * written at the conclusion) — never any other. Keyset paging: a page is "the next PAGE_SIZE rows
 * after (sort value, number)" in the order of the sort column. Each side is read from an index that
 * starts with the company (Guarantee's contractorId indexes; GuaranteeMember's (organizationId,
 * issuedOn, number)), capped at PAGE_SIZE + 1, and the two are merged and cut again (issue 16 B5), so
 * page 1000 costs what page 1 costs. The total is each side counted up to COUNT_CAP, added and capped
 * (「200件以上」, keyset.ts).
 */

/** The company's part in a JV guarantee of the list: its 代表者, or a 構成員; null for its own single guarantee. */
export type JvRole = 'REPRESENTATIVE' | 'MEMBER';

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
  jvRole: JvRole | null;
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
  jvRole: JvRole | null;
}

// The merged page is ordered by the columns the two sides give (the same names, the same values).
const OUT_SQL: Record<Sort, Prisma.Sql> = {
  issued: Prisma.sql`u."issuedOn"`,
  number: Prisma.sql`u."number"`,
  orderer: Prisma.sql`u."ordererName"`,
  project: Prisma.sql`u."projectName"`,
  contract: Prisma.sql`u."contractAmount"`,
  amount: Prisma.sql`u."guaranteeAmount"`,
};

// A member's rows in the default order come from GuaranteeMember's own index, (organizationId,
// issuedOn DESC, number DESC): the row keeps the guarantee's 発行日 and number for that.
const MEMBER_ISSUED: SortColumn = { expr: Prisma.sql`gm."issuedOn"`, value: 'date' };
const MEMBER_NUMBER: SortColumn = { expr: Prisma.sql`gm."number"`, value: 'number' };

const COLUMNS = Prisma.sql`g."id", g."number", g."kind", g."deliveryMethod", g."changed", g."issuedOn", g."ordererId", g."projectName", g."contractAmount", g."guaranteeAmount",
               g."status", g."guaranteeEnd", g."jointVentureId"`;
const NAMED = (role: Prisma.Sql) => Prisma.sql`g."id", g."number", g."kind", g."deliveryMethod", g."changed", g."issuedOn",
             COALESCE(o."certificateName", o."name") AS "ordererName", g."projectName", g."contractAmount", g."guaranteeAmount",
             g."status", g."guaranteeEnd", ${role} AS "jvRole"`;
const OWN_ROLE = Prisma.sql`CASE WHEN g."jointVentureId" IS NULL THEN NULL ELSE 'REPRESENTATIVE' END`;
const MEMBER_ROLE = Prisma.sql`'MEMBER'`;

/**
 * The rows of one side, at most PAGE_SIZE + 1, in the sort's order: `from` names the side's rows
 * (with `g` the guarantee), `keyset` and `order` its condition and direction. The rows are picked
 * before the orderer is joined (joining first would make the planner read every row of the company
 * and sort them), except when sorting by the orderer's name.
 */
function sideSql(from: Prisma.Sql, filter: Prisma.Sql, keyset: Prisma.Sql, orderBy: Prisma.Sql, role: Prisma.Sql, byOrderer: boolean): Prisma.Sql {
  if (byOrderer) {
    return Prisma.sql`
      SELECT ${NAMED(role)}
      FROM ${from} JOIN "Organization" o ON o."id" = g."ordererId"
      WHERE TRUE ${filter} ${keyset}
      ORDER BY ${orderBy}
      LIMIT ${PAGE_SIZE + 1}`;
  }
  return Prisma.sql`
      SELECT ${NAMED(role)}
      FROM (
        SELECT ${COLUMNS}
        FROM ${from}
        WHERE TRUE ${filter} ${keyset}
        ORDER BY ${orderBy}
        LIMIT ${PAGE_SIZE + 1}) g
      JOIN "Organization" o ON o."id" = g."ordererId"`;
}

/** The page and count statements for a company (exported for the bench's EXPLAIN). */
export function guaranteeListSql(organizationId: string, params: ListParams): { page: Prisma.Sql; count: Prisma.Sql; backward: boolean; cursor?: Cursor } | null {
  const filter = filterSql(params);
  if (filter === null) return null;
  const column = SORT_SQL[params.sort];
  const { expr } = column;
  const own = keysetRead(params, column);
  const { backward, cursor, order } = own;
  const company = Prisma.sql`CAST(${organizationId} AS uuid)`;
  const ownFrom = Prisma.sql`"Guarantee" g`;
  const ownWhere = Prisma.sql`AND g."contractorId" = ${company} ${filter}`;
  // A 構成員's rows: its GuaranteeMember rows (never a guarantee it holds itself, should one be both).
  const memberFrom = Prisma.sql`"GuaranteeMember" gm JOIN "Guarantee" g ON g."id" = gm."guaranteeId"`;
  const memberWhere = Prisma.sql`AND gm."organizationId" = ${company} AND g."contractorId" <> ${company} ${filter}`;
  const byIssued = params.sort === 'issued';
  const member = byIssued ? keysetRead(params, MEMBER_ISSUED, MEMBER_NUMBER) : keysetRead(params, column);
  const memberOrder = byIssued ? Prisma.sql`gm."issuedOn" ${order}, gm."number" ${order}` : Prisma.sql`${expr} ${order}, g."number" ${order}`;
  const byOrderer = params.sort === 'orderer';
  return {
    backward,
    cursor,
    page: Prisma.sql`
      SELECT u.* FROM (
        (${sideSql(ownFrom, ownWhere, own.keyset, Prisma.sql`${expr} ${order}, g."number" ${order}`, OWN_ROLE, byOrderer)})
        UNION ALL
        (${sideSql(memberFrom, memberWhere, member.keyset, memberOrder, MEMBER_ROLE, byOrderer)})
      ) u
      ORDER BY ${OUT_SQL[params.sort]} ${order}, u."number" ${order}
      LIMIT ${PAGE_SIZE + 1}`,
    // Each side counted up to the cap; the page adds them and caps the sum.
    count: Prisma.sql`
      SELECT
        (SELECT count(*)::int FROM (SELECT 1 FROM ${ownFrom} WHERE TRUE ${ownWhere} LIMIT ${COUNT_CAP + 1}) t) +
        (SELECT count(*)::int FROM (SELECT 1 FROM ${memberFrom} WHERE TRUE ${memberWhere} LIMIT ${COUNT_CAP + 1}) t) AS "n"`,
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
  return keysetPage(raw, sql, params, Math.min(counted[0]?.n ?? 0, COUNT_CAP + 1), toRow, (row) => cursorOf(row, params.sort));
}
