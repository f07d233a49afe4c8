import 'server-only';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { addressBudgetDefaults } from '@/config/budgets';
import type { Db } from '@/db/client';
import { addressRule } from '@/domain/gateways/ranges';
import { SIGN_IN_POLICY, type ThrottlePolicy } from './policy';

/**
 * Sign-in throttling, state in the database (RateLimit table) so that every app instance shares it.
 * A failed attempt costs one point of the account's budget and one of the client address's; a
 * point is reserved before the password is checked, so parallel guesses cannot overrun the budget.
 * When a budget is spent, sign-in is refused (even with the right password) until its window ends.
 * The client address is throttled as the lookup's is (decision 041): an address inside a gateway range
 * that officers registered spends the range's own budget (failures an hour for the whole range); any
 * other address its own (an IPv6 client: its /64). A range exempt from the address budget is not
 * exempt from every bound at sign-in: its addresses together spend a fixed ceiling of the range
 * (exemptRangeAttempts, SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES), so that spraying passwords
 * over many accounts from inside it stops there, and not only at 5 tries per account.
 */
export { SIGN_IN_POLICY, type ThrottlePolicy } from './policy';

/**
 * The policy in force: SIGN_IN_POLICY with the configured address budget and exempt ranges' ceiling
 * (SIGN_IN_ADDRESS_FAILURES_PER_15_MINUTES, SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES).
 */
export function signInPolicy(env: Record<string, string | undefined> = process.env): ThrottlePolicy {
  const defaults = addressBudgetDefaults(env);
  return { ...SIGN_IN_POLICY, addressAttempts: defaults.signInPer15Minutes, exemptRangeAttempts: defaults.signInExemptRangePer15Minutes };
}

/** A gateway range's budget is counted over an hour. */
const RANGE_WINDOW_SECONDS = 60 * 60;

export interface SignInThrottle {
  /** Reserves one attempt; returns the seconds to wait when a budget is already spent. */
  reserve(account: string, address: string | null): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** A successful sign-in clears the account's failures and gives the address its point back. */
  succeeded(account: string, address: string | null): Promise<void>;
}

const limiters = new WeakMap<object, Map<string, SignInThrottle>>();

export function signInThrottle(db: Db, policy: ThrottlePolicy = SIGN_IN_POLICY): SignInThrottle {
  const key = `${policy.accountAttempts}/${policy.addressAttempts}/${policy.exemptRangeAttempts}/${policy.windowSeconds}`;
  let perDb = limiters.get(db);
  if (!perDb) limiters.set(db, (perDb = new Map()));
  const existing = perDb.get(key);
  if (existing) return existing;

  const common = { storeClient: db, tableName: 'rateLimit', duration: policy.windowSeconds };
  const accounts = new RateLimiterPrisma({ ...common, keyPrefix: 'signin:account', points: policy.accountAttempts });
  const addresses = new RateLimiterPrisma({ ...common, keyPrefix: 'signin:address', points: policy.addressAttempts });
  // An exempt range's ceiling: every address of the range together, in the policy's window.
  const exemptRanges = new RateLimiterPrisma({ ...common, keyPrefix: 'signin:exempt-range', points: policy.exemptRangeAttempts });
  // One limiter per range budget size (a range's budget is its own, shared by the whole range).
  const ranges = new Map<number, RateLimiterPrisma>();
  const rangeLimiter = (points: number) => {
    let limiter = ranges.get(points);
    if (!limiter) ranges.set(points, (limiter = new RateLimiterPrisma({ ...common, duration: RANGE_WINDOW_SECONDS, keyPrefix: 'signin:range', points })));
    return limiter;
  };
  /** The address's budget: its own, its gateway range's, an exempt range's ceiling, or none (no address). */
  const addressBudget = async (address: string | null): Promise<{ limiter: RateLimiterPrisma; key: string } | null> => {
    const rule = await addressRule(db, address);
    if (rule.kind === 'address') return { limiter: addresses, key: rule.key };
    if (rule.kind === 'range') return { limiter: rangeLimiter(rule.failuresPerHour), key: rule.rangeId };
    if (rule.kind === 'exempt') return { limiter: exemptRanges, key: rule.rangeId };
    return null;
  };

  const throttle: SignInThrottle = {
    async reserve(account, address) {
      try {
        await accounts.consume(account);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
        throw rejection;
      }
      const budget = await addressBudget(address);
      if (budget) {
        try {
          await budget.limiter.consume(budget.key);
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
          throw rejection;
        }
      }
      return { ok: true };
    },
    async succeeded(account, address) {
      await accounts.delete(account);
      const budget = await addressBudget(address);
      if (budget) await budget.limiter.reward(budget.key, 1);
    },
  };
  perDb.set(key, throttle);
  return throttle;
}
