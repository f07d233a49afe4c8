import { normalizeQuery } from '@/domain/guarantees/keyset';

/**
 * The 確認済み一覧's query string (the page and its CSV download read the same), parsed tolerantly:
 *   cond  保証契約番号 | 工事名 | 保証契約者 (the condition of the search box), q the box;
 *   page  the page number.
 * The list is always newest confirmation first. Paging is by page number, not keyset: one orderer's
 * confirmed certificates are few (at most the guarantees naming it, a few hundred a year for a city),
 * and a clerk who prints "page 3" or is told "it is on page 2" needs numbered pages more than the
 * constant cost of a keyset at page 1000, which this list never reaches.
 */
export const CONFIRMED_CONDITIONS = ['number', 'project', 'contractor'] as const;
export type ConfirmedCondition = (typeof CONFIRMED_CONDITIONS)[number];

export interface ConfirmedParams {
  cond: ConfirmedCondition;
  q: string;
  page: number;
}

export const CONFIRMED_PAGE_SIZE = 20;

type Raw = Record<string, string | string[] | undefined>;

const first = (raw: Raw, name: string): string | undefined => {
  const v = raw[name];
  return Array.isArray(v) ? v[0] : v;
};

export function parseConfirmedParams(raw: Raw): ConfirmedParams {
  const condText = first(raw, 'cond');
  const pageText = first(raw, 'page');
  return {
    cond: CONFIRMED_CONDITIONS.find((c) => c === condText) ?? 'number',
    q: normalizeQuery(first(raw, 'q')),
    page: pageText && /^\d{1,6}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1,
  };
}

/** The search part of the URL (no page): for the paging links and the CSV link. Defaults are left out. */
export function confirmedSearch(params: ConfirmedParams): Record<string, string | undefined> {
  return {
    cond: params.cond !== 'number' || params.q ? params.cond : undefined,
    q: params.q || undefined,
  };
}

/** `base` with the search of `params` (and no page): the CSV link's address. */
export function confirmedHref(base: string, params: ConfirmedParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(confirmedSearch(params))) if (value) search.set(key, value);
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}
