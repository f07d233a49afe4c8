import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { COUNT_CAP, PAGE_SIZE, type KeysetPage } from '@/domain/guarantees/keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type KeysetRead, type SortColumn } from '@/domain/guarantees/keyset-query';
import { foldForSearch } from '@/domain/guarantees/officer-list-params';
import { assertAdmin } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import type { LookupOutcome } from '@/generated/prisma/enums';
import { typedDigits, type LookupLogParams } from './attempt-list-params';
import { likeContaining } from '@/lib/like';

/**
 * The officers' 照会記録 (decision 062): every lookup attempt, newest first, keyset-paged as the
 * guarantee lists are (017) with the attempt's id as the tie-breaker: a page is "the next PAGE_SIZE
 * attempts after (createdAt, id)", picked from an index that ends in (createdAt DESC, id DESC) after
 * what the filter fixes, then named; the total is counted up to COUNT_CAP. At national scale (millions
 * of attempts: decision 059) an exact count or an OFFSET cost in proportion to the log's size.
 *
 * Filters (ANDed), each read from an index of its own (migration lookup_log_and_outbox_keyset):
 *   - 保証契約番号: the digits of what the clerk typed start with the box's digits (a range on
 *     "lookup_number_digits"(numberInput), compared byte-wise);
 *   - 発注者: the name box resolved to the orderers it names first (organizationsNamed, as the officers'
 *     保証一覧), then (organizationId, createdAt, id);
 *   - 結果: (outcome, createdAt, id).
 */

export interface LookupAttemptRow {
  id: string;
  createdAt: Date;
  numberInput: string;
  outcome: LookupOutcome;
  clientAddress: string | null;
  user: { name: string; loginId: string } | null;
  apiToken: { name: string } | null;
  organization: { name: string } | null;
  guarantee: { number: string } | null;
}

export type LookupAttemptPage = KeysetPage<LookupAttemptRow>;

const AT: SortColumn = { expr: Prisma.sql`a."createdAt"`, value: 'moment' };
const ID: SortColumn = { expr: Prisma.sql`a."id"`, value: 'uuid' };

/** The expression and collation of the index LookupAttempt_numberDigits_createdAt_id_idx: the digits typed, compared byte-wise. */
const TYPED_DIGITS = Prisma.sql`"lookup_number_digits"(a."numberInput") COLLATE "C"`;

/** The first string after every string that starts with `prefix` (byte-wise): its last character's successor ('9' → ':'). */
const pastPrefix = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * A 保証契約番号 box whose digits begin at most `readWhole` attempts is read whole from the number's
 * index and sorted (a few milliseconds); a commoner beginning is looked for among the newest `window`
 * attempts first, and read from the index only when they do not fill the page (its attempts are older).
 */
export const NUMBER_SEARCH = { readWhole: 5_000, window: 2_000 };

/** An orderer box naming up to this many orderers reads each one's own index; more, and the log is walked in date order (the name is common). */
const ORDERERS_LISTED = 200;

/**
 * The 発注者 box: the orderers whose name or 被保証者 (certificateName) holds it, compared as the officers'
 * 保証一覧 compares (organizationsNamed): in Organization.searchNames, folded as the box is.
 */
async function orderersNamed(db: Db, text: string): Promise<{ ids: string[] } | { many: Prisma.Sql } | null> {
  const like = likeContaining(foldForSearch(text));
  const named = Prisma.sql`"kind" = 'ORDERER' AND "searchNames" LIKE ${like}`;
  const found = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Organization" WHERE ${named} LIMIT ${ORDERERS_LISTED + 1}`;
  if (found.length === 0) return null;
  if (found.length > ORDERERS_LISTED) return { many: Prisma.sql`IN (SELECT "id" FROM "Organization" WHERE ${named})` };
  return { ids: found.map((o) => o.id) };
}

/**
 * How a search is read (decision 062), each way with a bounded cost whatever the distribution of the
 * matches in time (the planner, left to choose, walked the date index for a number whose attempts were
 * all years old: 2 s at 1 M):
 *   - `pages`: the statements of the page's rows (id, createdAt) tried in turn, the first that fills the
 *     page (PAGE_SIZE + 1 rows) or the last; `count`: the capped count, a statement or already known.
 */
export interface LookupAttemptStatements {
  read: KeysetRead;
  pages: Prisma.Sql[];
  count: Prisma.Sql | number;
}

/** The statements of a search (exported for the tests' and the bench's EXPLAIN); null when nothing can match. */
export async function lookupAttemptStatements(db: Db, params: LookupLogParams, limits = NUMBER_SEARCH): Promise<LookupAttemptStatements | null> {
  const read = keysetRead(params, AT, ID);
  const { keyset, order } = read;
  const newest = Prisma.sql`ORDER BY a."createdAt" ${order}, a."id" ${order} LIMIT ${PAGE_SIZE + 1}`;
  const capped = (rows: Prisma.Sql) => Prisma.sql`SELECT count(*)::int AS "n" FROM (${rows} LIMIT ${COUNT_CAP + 1}) t`;

  const digits = params.number ? typedDigits(params.number) : '';
  if (digits === null) return null;
  const orderers = params.organization ? await orderersNamed(db, params.organization) : undefined;
  if (orderers === null) return null;
  const outcome = params.outcome ? Prisma.sql`AND a."outcome" = CAST(${params.outcome} AS "LookupOutcome")` : Prisma.empty;

  // 保証契約番号: its index, counted first (past readWhole and the count's cap, no further; in the index's order).
  if (digits) {
    const range = Prisma.sql`${TYPED_DIGITS} >= ${digits} AND ${TYPED_DIGITS} < ${pastPrefix(digits)}`;
    const others = Prisma.sql`${orderers ? Prisma.sql`AND a."organizationId" ${'many' in orderers ? orderers.many : Prisma.sql`= ANY(CAST(${orderers.ids} AS uuid[]))`}` : Prisma.empty} ${outcome}`;
    const [probe] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM (
        SELECT 1 FROM "LookupAttempt" a WHERE ${range} ${others} ORDER BY ${TYPED_DIGITS} LIMIT ${Math.max(limits.readWhole, COUNT_CAP) + 1}) t`;
    const n = probe?.n ?? 0;
    const count = Math.min(n, COUNT_CAP + 1);
    // Every match from the index (no plan can walk the date index instead), then the page's by date.
    const whole = Prisma.sql`
      SELECT a."id", a."createdAt" FROM (
        SELECT a."id", a."createdAt" FROM "LookupAttempt" a WHERE ${range} ${others} ${keyset} OFFSET 0) a
      ${newest}`;
    if (n <= limits.readWhole) return { read, pages: [whole], count };
    const window = Prisma.sql`
      SELECT a."id", a."createdAt" FROM (
        SELECT a."id", a."createdAt", a."numberInput", a."organizationId", a."outcome" FROM "LookupAttempt" a
        WHERE TRUE ${keyset} ORDER BY a."createdAt" ${order}, a."id" ${order} LIMIT ${limits.window}) a
      WHERE ${range} ${others}
      ${newest}`;
    return { read, pages: [window, whole], count };
  }

  // A few orderers: each one's own index (organizationId, createdAt, id), at most a page of each, merged.
  if (orderers && 'ids' in orderers) {
    const each = (limit: number, cols: Prisma.Sql, ordered: boolean) => Prisma.sql`
      FROM unnest(CAST(${orderers.ids} AS uuid[])) AS o("id")
      CROSS JOIN LATERAL (
        SELECT ${cols} FROM "LookupAttempt" a WHERE a."organizationId" = o."id" ${outcome} ${ordered ? keyset : Prisma.empty}
        ${ordered ? Prisma.sql`ORDER BY a."createdAt" ${order}, a."id" ${order}` : Prisma.empty} LIMIT ${limit}) a`;
    return {
      read,
      pages: [Prisma.sql`SELECT a."id", a."createdAt" ${each(PAGE_SIZE + 1, Prisma.sql`a."id", a."createdAt"`, true)} ${newest}`],
      count: capped(Prisma.sql`SELECT 1 ${each(COUNT_CAP + 1, Prisma.sql`1`, false)}`),
    };
  }

  // The whole log, a 結果 (its own index), or a name so common that walking the log finds it at once.
  const filter = Prisma.sql`${orderers ? Prisma.sql`AND a."organizationId" ${orderers.many}` : Prisma.empty} ${outcome}`;
  return {
    read,
    pages: [Prisma.sql`SELECT a."id", a."createdAt" FROM "LookupAttempt" a WHERE TRUE ${filter} ${keyset} ${newest}`],
    count: capped(Prisma.sql`SELECT 1 FROM "LookupAttempt" a WHERE TRUE ${filter}`),
  };
}

interface Raw {
  id: string;
  createdAt: Date;
  numberInput: string;
  outcome: LookupOutcome;
  clientAddress: string | null;
  userName: string | null;
  loginId: string | null;
  tokenName: string | null;
  organizationName: string | null;
  number: string | null;
}

const toRow = (r: Raw): LookupAttemptRow => ({
  id: r.id,
  createdAt: r.createdAt,
  numberInput: r.numberInput,
  outcome: r.outcome,
  clientAddress: r.clientAddress,
  user: r.userName !== null && r.loginId !== null ? { name: r.userName, loginId: r.loginId } : null,
  apiToken: r.tokenName !== null ? { name: r.tokenName } : null,
  organization: r.organizationName !== null ? { name: r.organizationName } : null,
  guarantee: r.number !== null ? { number: r.number.trim() } : null,
});

/** The page's attempts, named: who, the organisation, the guarantee when there was one. */
function named(picked: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT a."id", a."createdAt", a."numberInput", a."outcome", a."clientAddress",
           u."name" AS "userName", u."loginId", t."name" AS "tokenName", o."name" AS "organizationName", g."number"
    FROM (${picked}) p
    JOIN "LookupAttempt" a ON a."id" = p."id"
    LEFT JOIN "User" u ON u."id" = a."userId"
    LEFT JOIN "ApiToken" t ON t."id" = a."apiTokenId"
    LEFT JOIN "Organization" o ON o."id" = a."organizationId"
    LEFT JOIN "Guarantee" g ON g."id" = a."guaranteeId"
    ORDER BY a."createdAt" ${order}, a."id" ${order}`;
}

export async function listLookupAttempts(db: Db, actor: Actor, params: LookupLogParams, limits = NUMBER_SEARCH): Promise<LookupAttemptPage> {
  assertAdmin(actor);
  const sql = await lookupAttemptStatements(db, params, limits);
  if (!sql) return { rows: [], hasPrevious: false, hasNext: false, total: 0, page: 1 };
  let raw: Raw[] = [];
  for (const picked of sql.pages) {
    raw = await db.$queryRaw<Raw[]>(named(picked, sql.read.order));
    if (raw.length > PAGE_SIZE) break;
  }
  if (backAtStart(sql.read, raw.length)) return listLookupAttempts(db, actor, firstPageOf(params), limits);
  // A first page with room to spare holds every match: no count.
  const counted = async (count: Prisma.Sql | number) => (typeof count === 'number' ? count : ((await db.$queryRaw<{ n: number }[]>(count))[0]?.n ?? 0));
  const total = !sql.read.cursor && raw.length <= PAGE_SIZE ? raw.length : await counted(sql.count);
  return keysetPage(raw, sql.read, params, total, toRow, (row) => ({ v: row.createdAt.toISOString(), n: row.id }));
}
