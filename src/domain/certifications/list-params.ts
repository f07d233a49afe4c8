import { choiceParam, keysetHref, keysetParamsParser, type KeysetParams } from '@/domain/guarantees/keyset';
import type { CertificationStatus } from '@/generated/prisma/enums';
import type { SearchParams } from '@/lib/search-params';

/**
 * The 認定 lists' query strings (decision 017, read tolerantly: anything malformed falls back to the
 * default, never an error page):
 *   status  認定待ち (REQUESTED, the orderer's default) / 認定 / 不認定 / 取下げ / all (すべて);
 *   after / before an opaque keyset cursor over (requestedAt, id), p the page number shown.
 * 認定待ち reads oldest first (the request waiting longest at the top); the others newest first.
 */

export const CERTIFICATION_STATUSES = ['REQUESTED', 'CERTIFIED', 'REFUSED', 'WITHDRAWN'] as const satisfies readonly CertificationStatus[];
export const CERTIFICATION_STATUS_FILTERS = [...CERTIFICATION_STATUSES, 'all'] as const;
export type CertificationStatusFilter = (typeof CERTIFICATION_STATUS_FILTERS)[number];

export interface CertificationListParams extends KeysetParams<'requested'> {
  status: CertificationStatusFilter;
}

function parser(defaultStatus: CertificationStatusFilter) {
  return keysetParamsParser({
    filters: { status: choiceParam(CERTIFICATION_STATUS_FILTERS) },
    sorts: ['requested'] as const,
    sort: () => 'requested' as const,
    defaultDir: (_sort, filters) => ((filters.status ?? defaultStatus) === 'REQUESTED' ? 'asc' : 'desc'),
  });
}

const ordererParse = parser('REQUESTED');
const contractorParse = parser('all');

/** The orderer's list: 認定待ち unless another status (or すべて) is asked. */
export function parseOrdererCertificationParams(raw: SearchParams): CertificationListParams {
  const p = ordererParse(raw);
  return { ...p, status: p.status ?? 'REQUESTED' };
}

/** The contractor's list: every status unless one is asked. */
export function parseContractorCertificationParams(raw: SearchParams): CertificationListParams {
  const p = contractorParse(raw);
  return { ...p, status: p.status ?? 'all' };
}

/** The URL of a list with `patch` applied (the default status left out). */
export function certificationListHref(base: string, params: CertificationListParams, patch: Partial<CertificationListParams> = {}, defaultStatus: CertificationStatusFilter = 'REQUESTED'): string {
  const next = { ...params, ...patch };
  const search = new URLSearchParams();
  if (next.status !== defaultStatus) search.set('status', next.status);
  return keysetHref(base, search, next);
}
