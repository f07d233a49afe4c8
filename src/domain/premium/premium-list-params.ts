import type { SearchParams } from '@/lib/search-params';
import { keysetHref, keysetParamsParser, type KeysetParams } from '@/domain/guarantees/keyset';

/**
 * The 保証料一覧's query string (decision 017's keyset paging): one order, newest 証書発行日 first
 * (then 保証契約番号), and the paging parameters after / before (an opaque cursor) and p (the page
 * number shown). Read tolerantly: anything malformed falls back to the first page.
 */
export type PremiumListParams = KeysetParams<'issued'>;

const parse = keysetParamsParser({
  filters: {},
  sorts: ['issued'] as const,
  sort: () => 'issued' as const,
  defaultDir: () => 'desc' as const,
});

export function parsePremiumListParams(raw: SearchParams): PremiumListParams {
  // One order only: a dir in the URL is not one of the list's choices.
  return { ...parse(raw), dir: 'desc' };
}

/** The URL of the list at another page (first page: no parameters). */
export function premiumListHref(base: string, next: Pick<PremiumListParams, 'after' | 'before' | 'page'>): string {
  return keysetHref(base, new URLSearchParams(), next);
}
