import { choiceParam, keysetHref, keysetParamsParser, queryParam, type KeysetParams } from '@/domain/guarantees/keyset';
import { LookupOutcome } from '@/generated/prisma/enums';
import type { SearchParams } from '@/lib/search-params';

/**
 * The officers' 照会記録's query string (decisions 017, 062), read tolerantly (anything malformed falls
 * back to the default, never an error page):
 *   number        保証契約番号 by its leading digits, as typed into the lookup (全角, hyphens and spaces accepted);
 *   organization  発注者: a part of the orderer's name;
 *   outcome       one of the lookup's outcomes;
 *   after / before an opaque keyset cursor, p the page number shown.
 * One order: the newest attempt first (then by id). The conditions combine (AND).
 */

/** Every outcome the log records (the 結果 filter's choices). */
export const LOOKUP_OUTCOMES = Object.values(LookupOutcome) as [LookupOutcome, ...LookupOutcome[]];

export interface LookupLogParams extends KeysetParams<'at'> {
  /** The 保証契約番号 box, folded (全角 → 半角) and trimmed. */
  number: string;
  /** The 発注者 box, folded and trimmed. */
  organization: string;
  outcome?: LookupOutcome;
}

const parse = keysetParamsParser({
  filters: { number: queryParam, organization: queryParam, outcome: choiceParam(LOOKUP_OUTCOMES) },
  sorts: ['at'] as const,
  sort: () => 'at' as const,
  defaultDir: () => 'desc' as const,
});

export function parseLookupLogParams(raw: SearchParams): LookupLogParams {
  // One order only: a dir in the URL is not one of the list's choices.
  return { ...parse(raw), dir: 'desc' };
}

/**
 * The digits the 保証契約番号 box asks for, from the start of what was typed: hyphens and spaces dropped
 * (the lookup accepts them); '' for an empty box (no condition); null when the box holds anything else,
 * so the list is empty rather than the condition ignored. The log keeps the typed text; the database
 * compares its digits ("lookup_number_digits").
 */
export function typedDigits(number: string): string | null {
  const digits = number.replace(/[\s\-‐－ー―]/g, '');
  return /^\d{0,40}$/.test(digits) ? digits : null;
}

/** Any condition given (the form then offers 条件を解除). */
export const isLookupLogFiltered = (p: LookupLogParams) => Boolean(p.number || p.organization || p.outcome);

/** The URL of the list with `patch` applied (empty conditions left out, so links stay short). */
export function lookupLogHref(base: string, params: LookupLogParams, patch: Partial<LookupLogParams> = {}): string {
  const next = { ...params, ...patch };
  const search = new URLSearchParams();
  if (next.number) search.set('number', next.number);
  if (next.organization) search.set('organization', next.organization);
  if (next.outcome) search.set('outcome', next.outcome);
  return keysetHref(base, search, next);
}
