import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { isValidIsoDate } from '@/lib/dates';
import { isUuid } from '@/lib/uuid';
import { PAGE_SIZE, type Cursor, type KeysetPage, type KeysetParams } from './keyset';

/**
 * The reading side of the keyset lists (decision 017), shared by the 保証工事一覧 (list.ts), the
 * officers' 保証一覧 (officer-list.ts) and the lists of other rows (照会記録, 送信メール): the condition
 * "after (sort value, tie-breaker)" on the sort column and the page assembled from the PAGE_SIZE + 1
 * rows read. The tie-breaker is the 保証契約番号 unless a list names another unique column (an id).
 */

const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The kinds of sort value a cursor carries: how it is checked and cast back in SQL. */
const VALUES = {
  date: { cast: Prisma.sql`date`, fits: (v: string) => isValidIsoDate(v) && v >= '2000-01-01' && v <= '2099-12-31' },
  number: { cast: Prisma.sql`char(10)`, fits: (v: string) => /^\d{10}$/.test(v) },
  amount: { cast: Prisma.sql`bigint`, fits: (v: string) => /^\d{1,15}$/.test(v) },
  text: { cast: Prisma.sql`text`, fits: () => true },
  /** A moment as Date.toISOString() writes it (the columns are timestamp(3): milliseconds, UTC). */
  // Years 2000–2099 as the dates: PostgreSQL refuses year 0000, which Date accepts.
  moment: {
    cast: Prisma.sql`timestamp(3)`,
    fits: (v: string) => MOMENT.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v && v >= '2000-01-01' && v < '2100-01-01',
  },
  uuid: { cast: Prisma.sql`uuid`, fits: (v: string) => isUuid(v) },
} as const;

/** A sortable column: its whitelisted SQL expression (never text from the URL) and the kind of its values. */
export interface SortColumn {
  expr: Prisma.Sql;
  value: keyof typeof VALUES;
}

/** The guarantee lists' tie-breaker: the unique 保証契約番号. */
export const NUMBER_TIE: SortColumn = { expr: Prisma.sql`g."number"`, value: 'number' };

export interface KeysetRead {
  /** The cursor in force: undefined when none was given or it does not fit the sort or the tie-breaker (edited by hand, or from another sort or list): page 1. */
  cursor?: Cursor;
  /** Going back (before=…): the previous rows are read in the reverse order, then turned round. */
  backward: boolean;
  /** ASC or DESC, for the sort column and the number alike. */
  order: Prisma.Sql;
  /** `AND (sort value, number) > / < the cursor`, or nothing on page 1. */
  keyset: Prisma.Sql;
}

export function keysetRead(params: KeysetParams<string>, column: SortColumn, tie: SortColumn = NUMBER_TIE): KeysetRead {
  const { cast, fits } = VALUES[column.value];
  const given = params.after ?? params.before;
  const cursor = given && fits(given.v) && VALUES[tie.value].fits(given.n) ? given : undefined;
  const backward = Boolean(cursor) && Boolean(params.before) && !params.after;
  const ascending = (params.dir === 'asc') !== backward;
  const order = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  if (!cursor) return { cursor, backward, order, keyset: Prisma.empty };
  const row = Prisma.sql`(${column.expr}, ${tie.expr})`;
  const key = Prisma.sql`(CAST(${cursor.v} AS ${cast}), CAST(${cursor.n} AS ${VALUES[tie.value].cast}))`;
  return { cursor, backward, order, keyset: ascending ? Prisma.sql`AND ${row} > ${key}` : Prisma.sql`AND ${row} < ${key}` };
}

/** Back at the start with a short page (rows went away meanwhile): the caller shows the first page itself. */
export const backAtStart = (read: Pick<KeysetRead, 'backward'>, rowsRead: number) => read.backward && rowsRead < PAGE_SIZE;

/** The first page of the same list. */
export const firstPageOf = <P extends KeysetParams<string>>(params: P): P => ({ ...params, after: undefined, before: undefined, page: 1 });

/** The page from the rows read (up to PAGE_SIZE + 1, in reading order), each made a row by `toRow`. */
export function keysetPage<Raw, Row>(
  raw: Raw[],
  read: Pick<KeysetRead, 'cursor' | 'backward'>,
  params: KeysetParams<string>,
  total: number,
  toRow: (raw: Raw) => Row,
  cursorOf: (row: Row) => Cursor,
): KeysetPage<Row> {
  const { cursor, backward } = read;
  const more = raw.length > PAGE_SIZE;
  const page = raw.slice(0, PAGE_SIZE);
  if (backward) page.reverse();
  const rows = page.map(toRow);
  return {
    rows,
    first: rows[0] ? cursorOf(rows[0]) : undefined,
    last: rows.at(-1) ? cursorOf(rows.at(-1)!) : undefined,
    hasPrevious: backward ? more : Boolean(cursor),
    hasNext: backward ? Boolean(cursor) : more,
    total,
    page: cursor ? params.page : 1,
  };
}
