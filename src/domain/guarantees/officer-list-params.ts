import type { SearchParams } from '@/lib/search-params';
import { choiceParam, keysetHref, keysetParamsParser, queryParam, type Direction, type KeysetParams } from './keyset';

/**
 * The officers' 保証一覧's query string, parsed tolerantly (anything malformed falls back to the
 * default, never an error page):
 *   number    保証契約番号, by its leading digits (全角, hyphens and spaces accepted);
 *   project   工事名, a part of it;  contractor  受注者, orderer  発注者: a part of the name;
 *   state     有効 / 満了間近 / 期間満了 / 解除, as every screen computes them (status.ts, decision 024);
 *   payment   'unpaid': 保証料 outstanding (decision 025);
 *   sort      証書発行日, 保証契約番号 or 保証期間（至）, dir asc|desc; by default 証書発行日 newest
 *             first. 期間満了 and 満了間近 are always listed by 保証期間（至） (the latest ends first,
 *             the nearest first, or turned round): read in 証書発行日 order the database would pass
 *             every guarantee still in force before the first that ended (measured: over a second
 *             at 200,000), and an end date is what these states are about;
 *   after / before  an opaque keyset cursor, p the page number shown (keyset.ts, decision 017).
 * The conditions combine (AND). Everything lives in the URL: a reload or a shared link shows the
 * same rows, and the admin home links straight to a filtered list.
 */

export const OFFICER_STATES = ['ACTIVE', 'ENDING', 'EXPIRED', 'CANCELLED'] as const;
export type OfficerState = (typeof OFFICER_STATES)[number];

export const OFFICER_SORTS = ['issued', 'number', 'end'] as const;
export type OfficerSort = (typeof OFFICER_SORTS)[number];

/** 期間満了 and 満了間近: listed by the 保証期間（至） only. */
export const byEndOnly = (state: OfficerState | undefined) => state === 'EXPIRED' || state === 'ENDING';

/** The order a list opens in: a state that is about the 保証期間（至） is listed by it. */
export function defaultSort(state: OfficerState | undefined): OfficerSort {
  return byEndOnly(state) ? 'end' : 'issued';
}

/** A column's first direction: the nearest end first for 満了間近, otherwise the newest first. */
export function defaultDir(sort: OfficerSort, state: OfficerState | undefined): Direction {
  return sort === 'end' && state === 'ENDING' ? 'asc' : 'desc';
}

export const PAYMENT_FILTERS = ['unpaid'] as const;
export type PaymentFilter = (typeof PAYMENT_FILTERS)[number];

export interface OfficerListParams extends KeysetParams<OfficerSort> {
  /** The 保証契約番号 box as typed, folded (全角 → 半角) and trimmed. */
  number: string;
  project: string;
  contractor: string;
  orderer: string;
  state?: OfficerState;
  payment?: PaymentFilter;
}

/**
 * The leading digits of a 保証契約番号 the box asks for: hyphens and spaces dropped; '' for an empty
 * box (no condition); null when the text cannot begin any number (letters, more than 10 digits), so
 * the list is empty rather than the condition ignored.
 */
export function numberPrefix(number: string): string | null {
  const digits = number.replace(/[\s-]/g, '');
  return /^\d{0,10}$/.test(digits) ? digits : null;
}

/**
 * Text as the 工事名 search compares it (the database keeps Guarantee.projectNameFolded the same way):
 * NFKC (全角 → 半角) and A–Z → a–z only, so that no locale's idea of case can make the two differ.
 */
export const foldForSearch = (text: string) => text.normalize('NFKC').replace(/[A-Z]/g, (c) => c.toLowerCase());

const parse = keysetParamsParser({
  filters: {
    number: queryParam,
    project: queryParam,
    contractor: queryParam,
    orderer: queryParam,
    state: choiceParam(OFFICER_STATES),
    payment: choiceParam(PAYMENT_FILTERS),
  },
  sorts: OFFICER_SORTS,
  sort: ({ state }, asked) => (byEndOnly(state) ? 'end' : (asked ?? defaultSort(state))),
  defaultDir: (sort, { state }) => defaultDir(sort, state),
});

export const parseOfficerListParams = (raw: SearchParams): OfficerListParams => parse(raw);

/** Any condition given (the form then offers 条件を解除). */
export const isFiltered = (p: OfficerListParams) =>
  Boolean(p.number || p.project || p.contractor || p.orderer || p.state || p.payment || p.sort !== 'issued' || p.dir !== 'desc');

/** The sort and direction a new search keeps: only a choice that differs from the state's own order. */
export function chosenOrder(p: Pick<OfficerListParams, 'sort' | 'dir' | 'state'>): { sort?: OfficerSort; dir?: Direction } {
  return {
    sort: p.sort !== defaultSort(p.state) ? p.sort : undefined,
    dir: p.dir !== defaultDir(p.sort, p.state) ? p.dir : undefined,
  };
}

/** The URL of the list with `patch` applied (defaults left out, so links stay short). */
export function officerListHref(base: string, params: OfficerListParams, patch: Partial<OfficerListParams> = {}): string {
  const next = { ...params, ...patch };
  const search = new URLSearchParams();
  for (const key of ['number', 'project', 'contractor', 'orderer'] as const) if (next[key]) search.set(key, next[key]);
  if (next.state) search.set('state', next.state);
  if (next.payment) search.set('payment', next.payment);
  const order = chosenOrder(next);
  if (order.sort) search.set('sort', order.sort);
  if (order.dir) search.set('dir', order.dir);
  return keysetHref(base, search, next);
}
