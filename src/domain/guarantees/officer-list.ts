import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { assertAdmin } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import type { DeliveryMethod, GuaranteeKind, GuaranteeStatus } from '@/generated/prisma/enums';
import { addDaysIso, dbDateToIso, todayInTokyo } from '@/lib/dates';
import { COUNT_CAP, PAGE_SIZE, type Cursor, type KeysetPage } from './keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type SortColumn } from './keyset-query';
import { foldForSearch, numberPrefix, type OfficerListParams, type OfficerSort, type OfficerState } from './officer-list-params';
import { shownLapseExistsSql } from '@/domain/contracts/lapses';
import { effectiveStatus, isPeriodEnding, PERIOD_ENDING_DAYS } from './status';
import { likeContaining } from '@/lib/like';

/**
 * The officers' 保証一覧: every guarantee of every company, searched and keyset-paged as the
 * contractor's 保証工事一覧 is (017): a page is "the next PAGE_SIZE rows after (sort value, number)",
 * read from an index that starts with the sort column (or with the 受注者 / 発注者 / stored status
 * narrowing it), then named; the total is counted up to COUNT_CAP. The states are those every screen
 * computes (status.ts, 024) with today's date in Tokyo, passed in; 期間満了 and 満了間近 are listed in
 * 保証期間（至） order by default, read from its index. 工事名 is searched in the folded copy the
 * database keeps (projectNameFolded), through a GIN index of its characters and pairs (projectNameGrams), 未入金 in Guarantee.premiumOutstanding (kept by the database
 * from the premium documents, 025). `npm run bench` (tests/bench/list.ts) measures each filter.
 */

export interface OfficerGuaranteeRow {
  id: string;
  number: string;
  kind: GuaranteeKind;
  deliveryMethod: DeliveryMethod;
  issuedOn: string;
  contractorName: string;
  ordererName: string;
  projectName: string;
  guaranteeAmount: bigint;
  /** 保証期間（至）, YYYY-MM-DD. */
  guaranteeEnd: string;
  /** 有効 / 解除 / 期間満了 as of today (Asia/Tokyo). */
  status: GuaranteeStatus;
  /** 保証期間満了間近 (isPeriodEnding): in force, ending within 30 days while the 工期 goes on. */
  ending: boolean;
  /** > 0: 保証料 未入金 of this amount; < 0: a 返戻 credit; 0 settled. */
  premiumOutstanding: bigint;
  /**
   * An orderer's 契約台帳 now needs a 変更契約 of it (the lapse watcher, decision 075): an open need shown
   * as on the other sides (the guarantee 有効, the match still there); 保証の管理 says which.
   */
  lapseOpen: boolean;
}

export type OfficerGuaranteePage = KeysetPage<OfficerGuaranteeRow>;

// Whitelisted sort expressions (never text from the URL).
const SORT_SQL: Record<OfficerSort, SortColumn> = {
  issued: { expr: Prisma.sql`g."issuedOn"`, value: 'date' },
  number: { expr: Prisma.sql`g."number"`, value: 'number' },
  end: { expr: Prisma.sql`g."guaranteeEnd"`, value: 'date' },
};


/**
 * What the 工事名 index is asked for (Guarantee.projectNameGrams, migration officer_project_name_grams):
 * the distinct pairs of characters of the folded text, or its one character; a row's grams hold them all
 * when its folded 工事名 contains the text. Characters are code points, as substr counts them in the database.
 */
export function projectNameGrams(folded: string): string[] {
  const chars = Array.from(folded);
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}

/** The SQL of each state: the same rules as effectiveStatus and isPeriodEnding (status.ts), on today's date. */
function stateSql(state: OfficerState, today: string): Prisma.Sql {
  const day = Prisma.sql`CAST(${today} AS date)`;
  switch (state) {
    case 'ACTIVE':
      return Prisma.sql`AND g."status" = 'ACTIVE' AND g."guaranteeEnd" >= ${day}`;
    case 'ENDING':
      // The status and the 工期 comparison repeat, word for word, the predicate of the partial index
      // that serves this filter (migration officer_list_ending_index, decision 059): keep them equal.
      return Prisma.sql`AND g."status" = 'ACTIVE' AND g."guaranteeEnd" BETWEEN ${day} AND CAST(${addDaysIso(today, PERIOD_ENDING_DAYS)} AS date) AND g."periodEnd" > g."guaranteeEnd"`;
    case 'EXPIRED':
      return Prisma.sql`AND g."status" = 'ACTIVE' AND g."guaranteeEnd" < ${day}`;
    case 'CANCELLED':
      return Prisma.sql`AND g."status" = 'CANCELLED'`;
  }
}

/**
 * The organisations a name box names, resolved before the guarantees are read: a handful of ids lets
 * the planner read that company's own index (a subquery of unknown size made it walk every guarantee
 * in date order looking for them); past ORGANIZATIONS_LISTED the name is so common that walking the
 * list is quick, and the subquery stays.
 */
const ORGANIZATIONS_LISTED = 200;

/** Per name box: undefined when empty, null when it names no organisation (nothing can match), else the condition. */
export interface NamedOrganizations {
  contractor?: Prisma.Sql | null;
  orderer?: Prisma.Sql | null;
}

/**
 * Resolves a name box (also the 確認済み一覧's 保証契約者): a contractor by its name or kana, an orderer
 * by its name or its name on certificates, in part. Compared in Organization.searchNames, those names
 * folded as the box is (NFKC, A–Z → a–z; kept by a trigger): one LIKE per organisation, where folding
 * every name per search cost 60–110 ms over 31,788 organisations.
 */
export async function organizationsNamed(db: Db, kind: 'CONTRACTOR' | 'ORDERER', text: string): Promise<Prisma.Sql | null> {
  const names = Prisma.sql`"kind" = CAST(${kind} AS "OrganizationKind") AND "searchNames" LIKE ${likeContaining(foldForSearch(text))}`;
  const found = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Organization" WHERE ${names} LIMIT ${ORGANIZATIONS_LISTED + 1}`;
  if (found.length > ORGANIZATIONS_LISTED) return Prisma.sql`IN (SELECT "id" FROM "Organization" WHERE ${names})`;
  if (found.length === 0) return null;
  return Prisma.sql`IN (${Prisma.join(found.map((o) => Prisma.sql`CAST(${o.id} AS uuid)`))})`;
}

/** The conditions, ANDed; null when one can match nothing (a 保証契約番号 box that is no number's beginning). */
function filterSql(params: OfficerListParams, today: string, named: NamedOrganizations): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  if (params.number) {
    const digits = numberPrefix(params.number);
    if (digits === null) return null;
    if (digits) parts.push(Prisma.sql`AND g."number" BETWEEN ${digits.padEnd(10, '0')} AND ${digits.padEnd(10, '9')}`);
  }
  // The 工事名 as the database keeps it folded (projectNameFolded), compared with the box folded the same way:
  // the rows whose characters and pairs hold the box's (the GIN index), then the LIKE on each.
  if (params.project) {
    const folded = foldForSearch(params.project);
    const grams = projectNameGrams(folded);
    if (grams.length) parts.push(Prisma.sql`AND g."projectNameGrams" @> CAST(ARRAY[${Prisma.join(grams)}] AS text[])`);
    parts.push(Prisma.sql`AND g."projectNameFolded" LIKE ${likeContaining(folded)}`);
  }
  if (named.contractor === null || named.orderer === null) return null;
  if (named.contractor) parts.push(Prisma.sql`AND g."contractorId" ${named.contractor}`);
  if (named.orderer) parts.push(Prisma.sql`AND g."ordererId" ${named.orderer}`);
  if (params.state) parts.push(stateSql(params.state, today));
  if (params.payment === 'unpaid') parts.push(Prisma.sql`AND g."premiumOutstanding" > 0`);
  return parts.length ? Prisma.join(parts, ' ') : Prisma.empty;
}

const cursorOf = (row: OfficerGuaranteeRow, sort: OfficerSort): Cursor => ({ v: { issued: row.issuedOn, number: row.number, end: row.guaranteeEnd }[sort], n: row.number });

/** The name boxes' organisations (one query each), for officerGuaranteeListSql. */
export async function resolveNames(db: Db, params: OfficerListParams): Promise<NamedOrganizations> {
  const [contractor, orderer] = await Promise.all([
    params.contractor ? organizationsNamed(db, 'CONTRACTOR', params.contractor) : undefined,
    params.orderer ? organizationsNamed(db, 'ORDERER', params.orderer) : undefined,
  ]);
  return { contractor, orderer };
}

/** The page and count statements (exported for the bench's EXPLAIN). */
export function officerGuaranteeListSql(
  params: OfficerListParams,
  today: string,
  named: NamedOrganizations = {},
): { page: Prisma.Sql; count: Prisma.Sql; backward: boolean; cursor?: Cursor } | null {
  const filter = filterSql(params, today, named);
  if (filter === null) return null;
  const column = SORT_SQL[params.sort];
  const { expr } = column;
  const { backward, cursor, order, keyset } = keysetRead(params, column);
  return {
    backward,
    cursor,
    // The rows are picked from the Guarantee indexes alone (ORDER BY + LIMIT inside), then named, and
    // each listed row asks ContractLapse, by an index on guaranteeId, whether a need is open (decision 075).
    page: Prisma.sql`
      SELECT g."id", g."number", g."kind", g."deliveryMethod", g."issuedOn", c."name" AS "contractorName",
             COALESCE(o."certificateName", o."name") AS "ordererName", g."projectName", g."guaranteeAmount",
             g."status", g."guaranteeEnd", g."periodEnd", g."premiumOutstanding",
             ${shownLapseExistsSql(today)} AS "lapseOpen"
      FROM (
        SELECT g."id", g."number", g."kind", g."deliveryMethod", g."issuedOn", g."contractorId", g."ordererId", g."projectName",
               g."guaranteeAmount", g."status", g."guaranteeEnd", g."periodEnd", g."premiumOutstanding"
        FROM "Guarantee" g
        WHERE TRUE ${filter} ${keyset}
        ORDER BY ${expr} ${order}, g."number" ${order}
        LIMIT ${PAGE_SIZE + 1}) g
      JOIN "Organization" c ON c."id" = g."contractorId"
      JOIN "Organization" o ON o."id" = g."ordererId"
      ORDER BY ${expr} ${order}, g."number" ${order}`,
    count: Prisma.sql`
      SELECT count(*)::int AS "n" FROM (
        SELECT 1 FROM "Guarantee" g
        WHERE TRUE ${filter}
        LIMIT ${COUNT_CAP + 1}) t`,
  };
}

interface Raw {
  id: string;
  number: string;
  kind: GuaranteeKind;
  deliveryMethod: DeliveryMethod;
  issuedOn: Date;
  contractorName: string;
  ordererName: string;
  projectName: string;
  guaranteeAmount: bigint;
  status: GuaranteeStatus;
  guaranteeEnd: Date;
  periodEnd: Date;
  premiumOutstanding: bigint;
  lapseOpen: boolean;
}

export async function listOfficerGuarantees(db: Db, actor: Actor, params: OfficerListParams, now = new Date()): Promise<OfficerGuaranteePage> {
  assertAdmin(actor);
  const today = todayInTokyo(now);
  const sql = officerGuaranteeListSql(params, today, await resolveNames(db, params));
  if (!sql) return { rows: [], hasPrevious: false, hasNext: false, total: 0, page: 1 };
  const raw = await db.$queryRaw<Raw[]>(sql.page);
  if (backAtStart(sql, raw.length)) return listOfficerGuarantees(db, actor, firstPageOf(params), now);
  // A first page with room to spare holds every match: no count (a rare 工事名 would scan the table twice).
  const total = !sql.cursor && raw.length <= PAGE_SIZE ? raw.length : ((await db.$queryRaw<{ n: number }[]>(sql.count))[0]?.n ?? 0);
  const toRow = ({ periodEnd, ...r }: Raw): OfficerGuaranteeRow => ({
    ...r,
    number: r.number.trim(),
    issuedOn: dbDateToIso(r.issuedOn),
    guaranteeEnd: dbDateToIso(r.guaranteeEnd),
    status: effectiveStatus(r.status, r.guaranteeEnd, today),
    ending: isPeriodEnding({ status: r.status, guaranteeEnd: r.guaranteeEnd, periodEnd }, today),
    guaranteeAmount: BigInt(r.guaranteeAmount),
    premiumOutstanding: BigInt(r.premiumOutstanding),
  });
  return keysetPage(raw, sql, params, total, toRow, (row) => cursorOf(row, params.sort));
}
