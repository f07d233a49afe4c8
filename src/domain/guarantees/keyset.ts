import { z } from 'zod';
import { toHalfWidth } from '@/lib/normalize';
import type { SearchParams } from '@/lib/search-params';

/**
 * What the keyset-paged lists share (decision 017): the contractor's 保証工事一覧 (list.ts,
 * list-params.ts), the officers' 保証一覧 (officer-list.ts, officer-list-params.ts), and lists of other
 * rows (照会記録, 送信メール) whose tie-breaker is the row's id rather than the 保証契約番号.
 * A page is "the next PAGE_SIZE rows after (sort value, tie-breaker)"; its links carry, besides each
 * list's own conditions, the sort and direction, an opaque cursor (after: the last row of the page the
 * link was on, before: its first row) and the page number shown (p, display only: the cursor decides
 * the rows). Everything lives in the URL, so a reload or a shared link shows the same page.
 *
 * The query string is read tolerantly: every parameter is read by a zod schema that falls back to its
 * default, so a hand-edited or hostile URL (unknown words, a forged cursor, a repeated parameter, an
 * endless box) shows a list, never an error page.
 */

export const PAGE_SIZE = 20;
/** The total is counted up to COUNT_CAP (「200件以上」): an exact count of 20,000 rows would cost ten times the page itself. */
export const COUNT_CAP = 200;
/** Longest search box, after folding. */
export const MAX_QUERY = 100;

export const DIRECTIONS = ['asc', 'desc'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Cursor {
  /** The sort column's value of the row (ISO date or moment, digits, or text). */
  v: string;
  /** The tie-breaker: the row's 保証契約番号, or its id (a UUID) in a list of other rows. */
  n: string;
}

/** The paging part of a list's parameters; each list adds its own conditions. */
export interface KeysetParams<S extends string> {
  sort: S;
  dir: Direction;
  after?: Cursor;
  before?: Cursor;
  /** The page number shown (display only). */
  page: number;
}

/** One page of a keyset list. */
export interface KeysetPage<Row> {
  rows: Row[];
  /** Cursors of the first and last row, for the 前へ / 次へ links. */
  first?: Cursor;
  last?: Cursor;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Matching guarantees, counted up to COUNT_CAP + 1 (more means "more than COUNT_CAP"). */
  total: number;
  /** The page number shown: the one asked for, or 1 when there was no usable cursor (a short 前へ page falls back to the first). */
  page: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.n]), 'utf8').toString('base64url');
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

// A 工事名 of 200 characters makes a cursor of about 820: leave room, refuse anything absurd.
const encodedCursor = z.string().max(2000).regex(/^[A-Za-z0-9_-]+$/);
const cursorTuple = z.tuple([
  z.string().max(300).refine((v) => !CONTROL.test(v)),
  z.union([z.string().regex(/^\d{10}$/), z.uuid()]),
]);

/** A cursor from a link, or undefined for anything that is not one we wrote. */
export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!encodedCursor.safeParse(value).success) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorTuple.safeParse(json);
  return parsed.success ? { v: parsed.data[0], n: parsed.data[1] } : undefined;
}

/** The search text as typed, folded (全角 → 半角), control characters and runs of spaces made one space, trimmed and bounded. */
export function normalizeQuery(q: string | undefined): string {
  return toHalfWidth(q ?? '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, MAX_QUERY)
    .trim();
}

/**
 * One query value: the first of a repeated parameter; anything but a non-empty string is no value.
 * (Optional in, so that an object schema runs it, and its fallback, for an absent key too.)
 */
const firstValue = z.unknown().optional().transform((value) => {
  const one = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof one === 'string' && one !== '' ? one : undefined;
});

/**
 * A word from a fixed list (a condition, a state, a sort). Absent: undefined; an unknown word:
 * `unknown` (undefined unless given: a list may read "some condition was chosen" from it).
 */
export function choiceParam<const V extends readonly [string, ...string[]]>(values: V, unknown?: V[number]) {
  return firstValue.pipe(z.enum(values).optional()).catch(unknown);
}

/** A search box, folded and bounded (normalizeQuery); '' when absent. */
export const queryParam = firstValue.transform(normalizeQuery);

const cursorParam = firstValue.transform(decodeCursor);

const pageParam = firstValue.pipe(z.string().regex(/^\d{1,6}$/).transform((p) => Math.max(1, Number(p)))).catch(1);

const keysetShape = { dir: choiceParam(DIRECTIONS), after: cursorParam, before: cursorParam, p: pageParam };

/** Every field of these schemas falls back instead of failing, so only a raw value that is no object fails: it reads as an empty query. */
function read<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : schema.parse({});
}

/**
 * The parser of one keyset list's query string: its own conditions (`filters`, a zod shape built from
 * choiceParam and queryParam, whose fields never fail), then the shared paging parameters.
 * `sort` picks the order from the conditions and the sort asked for (undefined when none or unknown);
 * `defaultDir` is the direction a sort opens in, unless the URL names one. A link carries either
 * after or before; should both come, after wins.
 */
export function keysetParamsParser<F extends z.ZodRawShape, const S extends readonly [string, ...string[]]>(list: {
  filters: F;
  sorts: S;
  sort: (filters: z.output<z.ZodObject<F>>, asked: S[number] | undefined) => S[number];
  defaultDir: (sort: S[number], filters: z.output<z.ZodObject<F>>) => Direction;
}): (raw: SearchParams) => z.output<z.ZodObject<F>> & KeysetParams<S[number]> {
  const filtersSchema = z.object(list.filters);
  const pagingSchema = z.object({ ...keysetShape, sort: choiceParam(list.sorts) });
  return (raw) => {
    const filters = read(filtersSchema, raw);
    const paging = read(pagingSchema, raw);
    const sort = list.sort(filters, paging.sort);
    return {
      ...filters,
      sort,
      dir: paging.dir ?? list.defaultDir(sort, filters),
      after: paging.after,
      before: paging.after ? undefined : paging.before,
      page: paging.p,
    };
  };
}

/**
 * A list's link: `search` (its own conditions, defaults left out) with the cursor and the page
 * number (page 1 left out), so links stay short.
 */
export function keysetHref(base: string, search: URLSearchParams, next: Pick<KeysetParams<string>, 'after' | 'before' | 'page'>): string {
  if (next.after) search.set('after', encodeCursor(next.after));
  else if (next.before) search.set('before', encodeCursor(next.before));
  if (next.page > 1) search.set('p', String(next.page));
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}
