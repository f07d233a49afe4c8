import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { COUNT_CAP, PAGE_SIZE, type KeysetPage } from '@/domain/guarantees/keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type KeysetRead, type SortColumn } from '@/domain/guarantees/keyset-query';
import { assertAdmin } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import type { MailStatus } from '@/generated/prisma/enums';
import type { OutboxListParams } from './outbox-list-params';
import { escapeLike } from '@/lib/like';

/**
 * The officers' 送信メール (decision 062): every mail, newest first, keyset-paged as the guarantee
 * lists are (017) with the mail's id as the tie-breaker: a page is "the next PAGE_SIZE mails after
 * (createdAt, id)", picked from the index (createdAt DESC, id DESC) or (status, createdAt DESC, id
 * DESC); the total is counted up to COUNT_CAP.
 *
 * The box finds a part of the subject or of any recipient's address (To or Cc), compared folded (NFKC,
 * lower case) on both sides: the database folds the mail's "search text" (outbox_search_text: the
 * subject and each address on lines of their own) and the box alike. A GIN index over the characters
 * and pairs of that text (migration lookup_log_and_outbox_keyset) gives the mails holding every pair
 * of the box; the LIKE then decides, so the results are the LIKE's. A domain (@city.example.lg.jp), a
 * local part or a whole address all find their mails: neither an exact nor a prefix match would serve
 * the first.
 */

export interface OutboxRow {
  id: string;
  createdAt: Date;
  to: string[];
  cc: string[];
  subject: string;
  status: MailStatus;
  attempts: number;
  sentAt: Date | null;
}

export type OutboxPage = KeysetPage<OutboxRow>;

const CREATED: SortColumn = { expr: Prisma.sql`m."createdAt"`, value: 'moment' };
const ID: SortColumn = { expr: Prisma.sql`m."id"`, value: 'uuid' };

/** `%`, `_` and `\` typed into the search box are searched for as themselves. */

/**
 * A search looks among the newest `window` mails first (a text most mails hold fills the page there),
 * then through its grams index, whose statement no plan can turn into a walk of the date index (the
 * planner, left to choose, walked it for a text held only by mails a year old: 1 s at 250,000).
 */
export const TEXT_SEARCH = { window: 1_000 };

/**
 * The statements of a list (exported for the tests' and the bench's EXPLAIN): `pages`, the page's rows
 * tried in turn (the first that fills the page, or the last); `count`, the capped count; with a search,
 * `windowCount` first: the matches among the newest `window` mails and how many mails it read.
 */
export interface OutboxStatements {
  read: KeysetRead;
  pages: Prisma.Sql[];
  count: Prisma.Sql;
  windowCount?: Prisma.Sql;
}

const COLUMNS = Prisma.sql`m."id", m."createdAt", m."to", m."cc", m."subject", m."status", m."attempts", m."sentAt"`;

export function outboxStatements(params: OutboxListParams, limits = TEXT_SEARCH): OutboxStatements {
  const read = keysetRead(params, CREATED, ID);
  const { keyset, order } = read;
  const status = params.status ? Prisma.sql`AND m."status" = CAST(${params.status} AS "MailStatus")` : Prisma.empty;
  const newest = Prisma.sql`ORDER BY m."createdAt" ${order}, m."id" ${order}`;
  const page = Prisma.sql`${newest} LIMIT ${PAGE_SIZE + 1}`;
  const capped = (rows: Prisma.Sql) => Prisma.sql`SELECT count(*)::int AS "n" FROM (${rows} LIMIT ${COUNT_CAP + 1}) t`;
  if (!params.q) {
    return {
      read,
      pages: [Prisma.sql`SELECT ${COLUMNS} FROM "OutboxMail" m WHERE TRUE ${status} ${keyset} ${page}`],
      count: capped(Prisma.sql`SELECT 1 FROM "OutboxMail" m WHERE TRUE ${status}`),
    };
  }
  // The expressions of the index OutboxMail_searchGrams_idx, and the box folded by the database as the mails are.
  const text = Prisma.sql`"outbox_search_text"(m."subject", m."to" || m."cc")`;
  const fold = (value: string) => Prisma.sql`lower(normalize(CAST(${value} AS text), NFKC))`;
  const like = Prisma.sql`${text} LIKE '%' || ${fold(escapeLike(params.q))} || '%'`;
  const grams = Prisma.sql`"project_name_grams"(${text}) @> "search_pairs"(${fold(params.q)})`;
  const windowOf = (cursor: Prisma.Sql) => Prisma.sql`SELECT ${COLUMNS} FROM "OutboxMail" m WHERE TRUE ${status} ${cursor} ${newest} LIMIT ${limits.window}`;
  return {
    read,
    pages: [
      Prisma.sql`SELECT m.* FROM (${windowOf(keyset)}) m WHERE ${like} ${page}`,
      // Every match is read here anyway (to sort them): on the first page their number is the count.
      Prisma.sql`SELECT m.*, count(*) OVER ()::int AS "matched" FROM (SELECT ${COLUMNS} FROM "OutboxMail" m WHERE ${grams} AND ${like} ${status} ${keyset} OFFSET 0) m ${page}`,
    ],
    windowCount: Prisma.sql`SELECT (count(*) FILTER (WHERE ${like}))::int AS "n", count(*)::int AS "seen" FROM (${windowOf(Prisma.empty)}) m`,
    count: capped(Prisma.sql`SELECT 1 FROM (SELECT 1 FROM "OutboxMail" m WHERE ${grams} AND ${like} ${status} OFFSET 0) m`),
  };
}

export async function listOutbox(db: Db, actor: Actor, params: OutboxListParams, limits = TEXT_SEARCH): Promise<OutboxPage> {
  assertAdmin(actor);
  const sql = outboxStatements(params, limits);
  let raw: (OutboxRow & { matched?: number })[] = [];
  for (const picked of sql.pages) {
    raw = await db.$queryRaw<(OutboxRow & { matched?: number })[]>(picked);
    if (raw.length > PAGE_SIZE) break;
  }
  if (backAtStart(sql.read, raw.length)) return listOutbox(db, actor, firstPageOf(params), limits);
  // A first page with room to spare holds every match, and a first page read from the index knows them all: no count.
  const matched = raw[0]?.matched;
  const total = sql.read.cursor ? await countOf(db, sql, limits) : raw.length <= PAGE_SIZE ? raw.length : matched !== undefined ? Math.min(matched, COUNT_CAP + 1) : await countOf(db, sql, limits);
  return keysetPage(raw, sql.read, params, total, ({ matched: _, ...row }) => row, (row) => ({ v: row.createdAt.toISOString(), n: row.id }));
}

/** The capped count: from the newest mails when they settle it (past the cap, or every mail read), else from the index. */
async function countOf(db: Db, sql: OutboxStatements, limits: typeof TEXT_SEARCH): Promise<number> {
  if (sql.windowCount) {
    const [w] = await db.$queryRaw<{ n: number; seen: number }[]>(sql.windowCount);
    if (w && (w.n > COUNT_CAP || w.seen < limits.window)) return Math.min(w.n, COUNT_CAP + 1);
  }
  return (await db.$queryRaw<{ n: number }[]>(sql.count))[0]?.n ?? 0;
}
