/**
 * The default per-address failure budgets (decision 041), from the environment. Every instance must
 * be given the same values. An address inside a gateway range that officers registered follows the
 * range's rule instead (its own budget, or no address budget).
 *   - LOOKUP_ADDRESS_FAILURES_PER_HOUR (30): failed 保証契約番号 + 認証キー pairs from one client
 *     address (an IPv6 client: its /64) in an hour;
 *   - SIGN_IN_ADDRESS_FAILURES_PER_15_MINUTES (30): failed sign-ins from one client address in 15 minutes;
 *   - SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES (300): failed sign-ins from all the addresses of a
 *     range exempt from the address budget, together, in 15 minutes. The exemption lifts the
 *     per-address budget, not every bound: without this ceiling, password spraying from inside an
 *     exempt range (up to a /16) would be bounded only by 5 tries per account.
 * A value that is not a whole number from 1 to 1,000,000 stops the start (boot.ts) with the reason.
 */
export const ADDRESS_BUDGET_VARIABLES = {
  lookupPerHour: { name: 'LOOKUP_ADDRESS_FAILURES_PER_HOUR', fallback: 30 },
  signInPer15Minutes: { name: 'SIGN_IN_ADDRESS_FAILURES_PER_15_MINUTES', fallback: 30 },
  signInExemptRangePer15Minutes: { name: 'SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES', fallback: 300 },
} as const;

export type AddressBudgetDefaults = Record<keyof typeof ADDRESS_BUDGET_VARIABLES, number>;

const MAX = 1_000_000;

function read(env: Record<string, string | undefined>, variable: { name: string; fallback: number }): number {
  const text = env[variable.name]?.trim();
  if (text === undefined || text === '') return variable.fallback;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX)) throw new Error(`${variable.name} must be a whole number from 1 to ${MAX.toLocaleString('en')} (got "${text.slice(0, 20)}").`);
  return n;
}

/** The default address budgets in force; throws on a malformed value. */
export function addressBudgetDefaults(env: Record<string, string | undefined> = process.env): AddressBudgetDefaults {
  return {
    lookupPerHour: read(env, ADDRESS_BUDGET_VARIABLES.lookupPerHour),
    signInPer15Minutes: read(env, ADDRESS_BUDGET_VARIABLES.signInPer15Minutes),
    signInExemptRangePer15Minutes: read(env, ADDRESS_BUDGET_VARIABLES.signInExemptRangePer15Minutes),
  };
}
