import { toHalfWidth } from '@/lib/normalize';

/**
 * The 保証工事一覧's query string, parsed tolerantly (anything malformed falls back to the default):
 *   cond  保証契約番号 | 発注者 | 工事名 (the flyer's 条件), q the search box;
 *   sort  a column, dir asc|desc;
 *   after / before  an opaque keyset cursor (the last / first row of the page the link was on);
 *   p     the page number shown (display only: the cursor decides the rows).
 * Everything lives in the URL, so a reload or a shared link shows the same page.
 */
export const CONDITIONS = ['number', 'orderer', 'project'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const SORTS = ['issued', 'number', 'orderer', 'project', 'contract', 'amount'] as const;
export type Sort = (typeof SORTS)[number];

export interface Cursor {
  /** The sort column's value of the row (ISO date, digits, or text). */
  v: string;
  n: string;
}

export interface ListParams {
  cond: Condition;
  q: string;
  sort: Sort;
  dir: 'asc' | 'desc';
  after?: Cursor;
  before?: Cursor;
  page: number;
}

export const DEFAULT_SORT: Sort = 'issued';
export const DEFAULT_DIR = (sort: Sort): 'asc' | 'desc' => (sort === 'issued' || sort === 'number' ? 'desc' : 'asc');

/** An empty box with a condition lists every guarantee in the order of that condition (the flyer's 条件表示). */
export const SORT_OF_CONDITION: Record<Condition, Sort> = { number: 'number', orderer: 'orderer', project: 'project' };
export const PAGE_SIZE = 20;
export const MAX_QUERY = 100;

type Raw = Record<string, string | string[] | undefined>;
const first = (raw: Raw, name: string) => {
  const v = raw[name];
  return (Array.isArray(v) ? v[0] : v) ?? undefined;
};
const oneOf = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
  values.find((v) => v === value) ?? fallback;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.n]), 'utf8').toString('base64url');
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

export function decodeCursor(value: string | undefined): Cursor | undefined {
  // A 工事名 of 200 characters makes a cursor of about 820: leave room, refuse anything absurd.
  if (!value || value.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [v, n] = parsed as unknown[];
    if (typeof v !== 'string' || typeof n !== 'string' || v.length > 300 || CONTROL.test(v) || !/^\d{10}$/.test(n)) return undefined;
    return { v, n };
  } catch {
    return undefined;
  }
}

/** The search text as typed, folded (全角 → 半角), trimmed and bounded. */
export function normalizeQuery(q: string | undefined): string {
  return toHalfWidth(q ?? '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, MAX_QUERY)
    .trim();
}

export function parseListParams(raw: Raw): ListParams {
  const cond = oneOf(CONDITIONS, first(raw, 'cond'), 'number');
  const q = normalizeQuery(first(raw, 'q'));
  const chosenSort = SORTS.find((s) => s === first(raw, 'sort'));
  // 条件 chosen with an empty box: the list in that condition's order.
  const sort = chosenSort ?? (first(raw, 'cond') && !q ? SORT_OF_CONDITION[cond] : DEFAULT_SORT);
  const pageText = first(raw, 'p');
  return {
    cond,
    q,
    sort,
    dir: oneOf(['asc', 'desc'] as const, first(raw, 'dir'), DEFAULT_DIR(sort)),
    after: decodeCursor(first(raw, 'after')),
    before: decodeCursor(first(raw, 'after') ? undefined : first(raw, 'before')),
    page: pageText && /^\d{1,6}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1,
  };
}

/** The URL of the list with `patch` applied (defaults left out, so links stay short). */
export function listHref(base: string, params: ListParams, patch: Partial<ListParams> & { after?: Cursor | undefined; before?: Cursor | undefined }): string {
  const next = { ...params, ...patch };
  const search = new URLSearchParams();
  if (next.cond !== 'number' || next.q) search.set('cond', next.cond);
  if (next.q) search.set('q', next.q);
  if (next.sort !== DEFAULT_SORT) search.set('sort', next.sort);
  if (next.dir !== DEFAULT_DIR(next.sort)) search.set('dir', next.dir);
  if (next.after) search.set('after', encodeCursor(next.after));
  else if (next.before) search.set('before', encodeCursor(next.before));
  if (next.page > 1) search.set('p', String(next.page));
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}
