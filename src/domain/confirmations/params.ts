import type { SearchParams } from '@/lib/search-params';
import { choiceParam, keysetHref, keysetParamsParser, queryParam, type KeysetParams } from '@/domain/guarantees/keyset';

/**
 * The 確認済み一覧's query string (the page and its CSV download read the same), parsed tolerantly
 * (anything malformed falls back to the default, never an error page):
 *   cond  保証契約番号 | 工事名 | 保証契約者 (the condition of the search box), q the box;
 *   after / before  an opaque keyset cursor (the confirmation's moment and the 保証契約番号 of the
 *         row the link was on), p the page number shown (display only).
 * The list is always newest confirmation first (then by number). It is keyset-paged as the
 * 保証工事一覧 is (decision 017): a prefecture confirms 50,000 guarantees, and a numbered page 2,500
 * read every row before it (decision 059). No page numbers to jump to; 前へ, 次へ and the first page;
 * the total counted up to COUNT_CAP (「200件以上」). A page number from an older link (page=) is ignored:
 * it shows the first page.
 */
export const CONFIRMED_CONDITIONS = ['number', 'project', 'contractor'] as const;
export type ConfirmedCondition = (typeof CONFIRMED_CONDITIONS)[number];

/** One order only: the confirmation's moment, newest first. */
export const CONFIRMED_SORTS = ['confirmed'] as const;

export interface ConfirmedParams extends KeysetParams<(typeof CONFIRMED_SORTS)[number]> {
  cond: ConfirmedCondition;
  q: string;
}

const parse = keysetParamsParser({
  filters: { cond: choiceParam(CONFIRMED_CONDITIONS, 'number'), q: queryParam },
  sorts: CONFIRMED_SORTS,
  sort: () => 'confirmed',
  defaultDir: () => 'desc',
});

export function parseConfirmedParams(raw: SearchParams): ConfirmedParams {
  const { cond, ...rest } = parse(raw);
  // Newest first, whatever the URL says (there is no sort control on this list).
  return { ...rest, cond: cond ?? 'number', dir: 'desc' };
}

/** The search part of the URL (no paging): defaults are left out. */
export function confirmedSearch(params: Pick<ConfirmedParams, 'cond' | 'q'>): URLSearchParams {
  const search = new URLSearchParams();
  if (params.cond !== 'number' || params.q) search.set('cond', params.cond);
  if (params.q) search.set('q', params.q);
  return search;
}

/** `base` with the search of `params` (and no paging): the CSV link's address. */
export function confirmedHref(base: string, params: Pick<ConfirmedParams, 'cond' | 'q'>): string {
  const s = confirmedSearch(params).toString();
  return s ? `${base}?${s}` : base;
}

/** A paging link of the list: the search with the cursor and the page number shown. */
export function confirmedPageHref(base: string, params: ConfirmedParams, next: Pick<ConfirmedParams, 'after' | 'before' | 'page'>): string {
  return keysetHref(base, confirmedSearch(params), next);
}
