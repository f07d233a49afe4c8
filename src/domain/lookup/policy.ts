/**
 * Lookup throttling policy (README: "Lookup throttling"). Failed 保証契約番号 + 認証キー pairs cost
 * points in three budgets, each a fixed window stored in PostgreSQL (RateLimit table, shared by every
 * app instance):
 *   - per 保証契約番号: 5 failures a day — the bound on guessing any one key, whoever tries;
 *   - per account (a clerk, or an API token): 10 failures an hour;
 *   - per client address: 30 failures an hour.
 * A spent budget refuses every lookup it covers (even a right pair) until its window ends, and the
 * clerk is told how long to wait. With 31^10 ≈ 8.2 × 10^14 keys and at most 5 × 365 = 1,825 tries a
 * year on one number, the chance of guessing one key in a year is ≤ 1,825 / 8.2 × 10^14 ≈ 2.2 × 10^-12.
 */
export interface LookupPolicy {
  numberFailures: number;
  numberWindowSeconds: number;
  accountFailures: number;
  accountWindowSeconds: number;
  addressFailures: number;
  addressWindowSeconds: number;
}

export const LOOKUP_POLICY: LookupPolicy = {
  numberFailures: 5,
  numberWindowSeconds: 24 * 60 * 60,
  accountFailures: 10,
  accountWindowSeconds: 60 * 60,
  addressFailures: 30,
  addressWindowSeconds: 60 * 60,
};

/** Limits raised for `npm run bench` only (PORTAL_BENCH_MODE=1, set by the bench alone; never in production). */
export const BENCH_POLICY: LookupPolicy = {
  numberFailures: 1_000_000_000,
  numberWindowSeconds: 60,
  accountFailures: 1_000_000_000,
  accountWindowSeconds: 60,
  addressFailures: 1_000_000_000,
  addressWindowSeconds: 60,
};

export const KEY_SPACE = 31 ** 10;

/** The chance of guessing one given key within a year under `policy` (for the README and a test). */
export function yearlyGuessProbability(policy: LookupPolicy): number {
  const triesPerYear = policy.numberFailures * Math.ceil((365 * 24 * 60 * 60) / policy.numberWindowSeconds);
  return triesPerYear / KEY_SPACE;
}

export const RATE_KEY_PREFIX = { number: 'lookup:number', account: 'lookup:account', address: 'lookup:address' } as const;
