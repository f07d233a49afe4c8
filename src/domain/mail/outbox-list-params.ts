import { choiceParam, keysetHref, keysetParamsParser, queryParam, type KeysetParams } from '@/domain/guarantees/keyset';
import type { MailStatus } from '@/generated/prisma/enums';
import type { SearchParams } from '@/lib/search-params';

/**
 * The officers' 送信メール's query string (decisions 017, 062), read tolerantly (anything malformed
 * falls back to the default, never an error page):
 *   q       a part of the subject or of a recipient's address (To or Cc), without case, 全角 or 半角;
 *   status  送信待ち / 送信済み / 送信失敗;
 *   after / before an opaque keyset cursor, p the page number shown.
 * One order: the newest mail first (then by id).
 */

export const MAIL_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const satisfies readonly MailStatus[];

export interface OutboxListParams extends KeysetParams<'created'> {
  /** The search box, folded (全角 → 半角) and trimmed. */
  q: string;
  status?: MailStatus;
}

const parse = keysetParamsParser({
  filters: { q: queryParam, status: choiceParam(MAIL_STATUSES) },
  sorts: ['created'] as const,
  sort: () => 'created' as const,
  defaultDir: () => 'desc' as const,
});

export function parseOutboxListParams(raw: SearchParams): OutboxListParams {
  // One order only: a dir in the URL is not one of the list's choices.
  return { ...parse(raw), dir: 'desc' };
}

/** Any condition given (the form then offers 条件を解除). */
export const isOutboxFiltered = (p: OutboxListParams) => Boolean(p.q || p.status);

/** The URL of the list with `patch` applied (empty conditions left out, so links stay short). */
export function outboxListHref(base: string, params: OutboxListParams, patch: Partial<OutboxListParams> = {}): string {
  const next = { ...params, ...patch };
  const search = new URLSearchParams();
  if (next.q) search.set('q', next.q);
  if (next.status) search.set('status', next.status);
  return keysetHref(base, search, next);
}
