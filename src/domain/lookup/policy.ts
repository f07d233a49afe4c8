import { addressBudgetDefaults } from '@/config/budgets';

/**
 * Lookup throttling policy (decisions 020 and 041). Failed 保証契約番号 + 認証キー pairs cost points
 * in these budgets, each a fixed window stored in PostgreSQL (RateLimit table, shared by every app
 * instance):
 *   - per 保証契約番号 and orderer organisation: 5 failures a day. The budget of the orderer named on
 *     the certificate is THE number's budget — only its staff and tokens could ever open it, so only
 *     they can spend it (and lock it). Anyone else spends a budget of their own organisation for that
 *     number, which locks nobody else out (decision 041);
 *   - per account (a clerk, or an API token): 10 failures an hour;
 *   - per orderer organisation: 50 failures an hour (every clerk and token of it together);
 *   - per client address (an IPv6 client: its /64): 30 an hour by default, LOOKUP_ADDRESS_FAILURES_PER_HOUR.
 *     An address inside a registered gateway range follows the range's rule instead (a budget of its
 *     own for the whole range, or none).
 * A spent budget refuses every lookup it covers (even a right pair) until its window ends, and the
 * clerk is told how long to wait. With 31^10 ≈ 8.2 × 10^14 keys and at most 5 × 365 = 1,825 tries a
 * year on one certificate, the chance of guessing one key in a year is ≤ 2.2 × 10^-12; see
 * yearlyAttackBound for an attacker holding one account or many.
 */
export interface LookupPolicy {
  numberFailures: number;
  numberWindowSeconds: number;
  accountFailures: number;
  accountWindowSeconds: number;
  organizationFailures: number;
  organizationWindowSeconds: number;
  addressFailures: number;
  addressWindowSeconds: number;
}

export const LOOKUP_POLICY: LookupPolicy = {
  numberFailures: 5,
  numberWindowSeconds: 24 * 60 * 60,
  accountFailures: 10,
  accountWindowSeconds: 60 * 60,
  organizationFailures: 50,
  organizationWindowSeconds: 60 * 60,
  addressFailures: 30,
  addressWindowSeconds: 60 * 60,
};

/** The policy in force: LOOKUP_POLICY with the configured per-address budget (LOOKUP_ADDRESS_FAILURES_PER_HOUR). */
export function lookupPolicy(env: Record<string, string | undefined> = process.env): LookupPolicy {
  return { ...LOOKUP_POLICY, addressFailures: addressBudgetDefaults(env).lookupPerHour };
}

/** Limits raised for `npm run bench` only (PORTAL_BENCH_MODE=1, set by the bench alone; never in production). */
export const BENCH_POLICY: LookupPolicy = {
  numberFailures: 1_000_000_000,
  numberWindowSeconds: 60,
  accountFailures: 1_000_000_000,
  accountWindowSeconds: 60,
  organizationFailures: 1_000_000_000,
  organizationWindowSeconds: 60,
  addressFailures: 1_000_000_000,
  addressWindowSeconds: 60,
};

export const KEY_SPACE = 31 ** 10;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The most failures a budget allows in a year. */
const perYear = (failures: number, windowSeconds: number) => failures * Math.ceil(YEAR_SECONDS / windowSeconds);

/**
 * The chance of guessing one given key within a year under `policy`: only the orderer named on the
 * certificate can spend its number's budget, and only that orderer can open it.
 */
export function yearlyGuessProbability(policy: LookupPolicy): number {
  return perYear(policy.numberFailures, policy.numberWindowSeconds) / KEY_SPACE;
}

/**
 * The expected number of keys an attacker guesses in a year (an upper bound, and so the chance of
 * guessing any) when it holds `accounts` accounts or tokens of `organizations` orderer organisations,
 * against `certificates` certificates naming those organisations (no other certificate can open for
 * it, however many failures it spends on them). Each try is bounded three ways: by the certificates'
 * number budgets, by the accounts' budgets and by the organisations' budgets. The address budget is
 * not counted: a gateway range may be exempt from it.
 */
export function yearlyAttackBound(policy: LookupPolicy, attacker: { accounts: number; organizations: number; certificates: number }): number {
  const tries = Math.min(
    attacker.certificates * perYear(policy.numberFailures, policy.numberWindowSeconds),
    attacker.accounts * perYear(policy.accountFailures, policy.accountWindowSeconds),
    attacker.organizations * perYear(policy.organizationFailures, policy.organizationWindowSeconds),
  );
  return tries / KEY_SPACE;
}

export const RATE_KEY_PREFIX = {
  number: 'lookup:number',
  account: 'lookup:account',
  organization: 'lookup:organization',
  address: 'lookup:address',
  range: 'lookup:range',
} as const;

/** The key of the number budget that `organizationId`'s failures on `number` spend. */
export const numberBudgetKey = (number: string, organizationId: string) => `${RATE_KEY_PREFIX.number}:${number}:${organizationId}`;
