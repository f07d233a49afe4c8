/**
 * When a failed mail is tried again: 30 s × 2^attempts (1 min after the first failure, then 2, 4, …
 * minutes), never more than an hour; after MAX_MAIL_ATTEMPTS failed attempts the mail is FAILED
 * and waits for an officer's 再送. Pure: the worker and the tests share it.
 */
export const MAX_MAIL_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

/** The wait after the `attempts`-th failed attempt (attempts ≥ 1). */
export function backoffMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^n overflows to Infinity for absurd n; the cap still applies.
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** n);
}

/** What becomes of a mail whose attempt number `attempts` (counting this one) has just failed. */
export function afterFailure(
  attempts: number,
  now: Date,
): { status: 'PENDING'; nextAttemptAt: Date } | { status: 'FAILED' } {
  if (attempts >= MAX_MAIL_ATTEMPTS) return { status: 'FAILED' };
  return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) };
}
