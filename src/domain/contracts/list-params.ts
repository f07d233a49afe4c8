import type { SearchParams } from '@/lib/search-params';
import { choiceParam, keysetHref, keysetParamsParser, queryParam, type KeysetParams } from '@/domain/guarantees/keyset';

/**
 * The 契約台帳 list's query string, read tolerantly (anything malformed falls back to the default):
 *   cond  契約番号 (from its start) | 工事名 (in part) | 受注者 (in part), q the box;
 *   after / before  an opaque keyset cursor (契約日, the contract's id), p the page number shown.
 * Newest 契約日 first, always; keyset-paged as the other lists are (decision 017).
 */
export const CONTRACT_CONDITIONS = ['number', 'project', 'contractor'] as const;
export type ContractCondition = (typeof CONTRACT_CONDITIONS)[number];

export const CONTRACT_SORTS = ['contractDate'] as const;

export interface ContractListParams extends KeysetParams<(typeof CONTRACT_SORTS)[number]> {
  cond: ContractCondition;
  q: string;
}

const parse = keysetParamsParser({
  filters: { cond: choiceParam(CONTRACT_CONDITIONS, 'number'), q: queryParam },
  sorts: CONTRACT_SORTS,
  sort: () => 'contractDate',
  defaultDir: () => 'desc',
});

export function parseContractListParams(raw: SearchParams): ContractListParams {
  const { cond, ...rest } = parse(raw);
  return { ...rest, cond: cond ?? 'number', dir: 'desc' };
}

function search(params: Pick<ContractListParams, 'cond' | 'q'>): URLSearchParams {
  const s = new URLSearchParams();
  if (params.cond !== 'number' || params.q) s.set('cond', params.cond);
  if (params.q) s.set('q', params.q);
  return s;
}

/** A paging link of the list: the search with the cursor and the page number shown. */
export function contractPageHref(base: string, params: ContractListParams, next: Pick<ContractListParams, 'after' | 'before' | 'page'>): string {
  return keysetHref(base, search(params), next);
}

/** `base` with the search of `params` (and no paging): the CSV link's address. */
export function contractSearchHref(base: string, params: Pick<ContractListParams, 'cond' | 'q'>): string {
  const s = search(params).toString();
  return s ? `${base}?${s}` : base;
}
