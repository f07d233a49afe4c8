import type { SearchParams } from '@/lib/search-params';
import { choiceParam, keysetHref, keysetParamsParser, queryParam, type Direction, type KeysetParams } from './keyset';

/**
 * The 保証工事一覧's query string, parsed tolerantly (anything malformed falls back to the default):
 *   cond  保証契約番号 | 発注者 | 工事名 (the flyer's 条件), q the search box;
 *   sort  a column, dir asc|desc;
 *   after / before  an opaque keyset cursor, p the page number shown (keyset.ts, decision 017).
 */
export const CONDITIONS = ['number', 'orderer', 'project'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const SORTS = ['issued', 'number', 'orderer', 'project', 'contract', 'amount'] as const;
export type Sort = (typeof SORTS)[number];

export interface ListParams extends KeysetParams<Sort> {
  cond: Condition;
  q: string;
}

export const DEFAULT_SORT: Sort = 'issued';
export const DEFAULT_DIR = (sort: Sort): Direction => (sort === 'issued' || sort === 'number' ? 'desc' : 'asc');

/** An empty box with a condition lists every guarantee in the order of that condition (the flyer's 条件表示). */
export const SORT_OF_CONDITION: Record<Condition, Sort> = { number: 'number', orderer: 'orderer', project: 'project' };

const parse = keysetParamsParser({
  // An unknown 条件 still counts as one chosen: it reads as 保証契約番号, and with an empty box orders by it.
  filters: { cond: choiceParam(CONDITIONS, 'number'), q: queryParam },
  sorts: SORTS,
  sort: ({ cond, q }, asked) => asked ?? (cond && !q ? SORT_OF_CONDITION[cond] : DEFAULT_SORT),
  defaultDir: DEFAULT_DIR,
});

export function parseListParams(raw: SearchParams): ListParams {
  const { cond, ...rest } = parse(raw);
  return { ...rest, cond: cond ?? 'number' };
}

/** The URL of the list with `patch` applied (defaults left out, so links stay short). */
export function listHref(base: string, params: ListParams, patch: Partial<ListParams> = {}): string {
  const next = { ...params, ...patch };
  const search = new URLSearchParams();
  if (next.cond !== 'number' || next.q) search.set('cond', next.cond);
  if (next.q) search.set('q', next.q);
  if (next.sort !== DEFAULT_SORT) search.set('sort', next.sort);
  if (next.dir !== DEFAULT_DIR(next.sort)) search.set('dir', next.dir);
  return keysetHref(base, search, next);
}
