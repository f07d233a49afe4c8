import 'server-only';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { SIGN_IN_POLICY, type ThrottlePolicy } from './policy';

/**
 * Sign-in throttling, state in the database (RateLimit table) so that every app instance shares it.
 * A failed attempt costs one point of the account's budget and one of the client address's; a
 * point is reserved before the password is checked, so parallel guesses cannot overrun the budget.
 * When a budget is spent, sign-in is refused (even with the right password) until its window ends.
 */
export { SIGN_IN_POLICY, type ThrottlePolicy } from './policy';

export interface SignInThrottle {
  /** Reserves one attempt; returns the seconds to wait when a budget is already spent. */
  reserve(account: string, address: string | null): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** A successful sign-in clears the account's failures and gives the address its point back. */
  succeeded(account: string, address: string | null): Promise<void>;
}

const limiters = new WeakMap<object, Map<string, SignInThrottle>>();

export function signInThrottle(db: Db, policy: ThrottlePolicy = SIGN_IN_POLICY): SignInThrottle {
  const key = `${policy.accountAttempts}/${policy.addressAttempts}/${policy.windowSeconds}`;
  let perDb = limiters.get(db);
  if (!perDb) limiters.set(db, (perDb = new Map()));
  const existing = perDb.get(key);
  if (existing) return existing;

  const common = { storeClient: db, tableName: 'rateLimit', duration: policy.windowSeconds };
  const accounts = new RateLimiterPrisma({ ...common, keyPrefix: 'signin:account', points: policy.accountAttempts });
  const addresses = new RateLimiterPrisma({ ...common, keyPrefix: 'signin:address', points: policy.addressAttempts });

  const throttle: SignInThrottle = {
    async reserve(account, address) {
      try {
        await accounts.consume(account);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
        throw rejection;
      }
      if (address) {
        try {
          await addresses.consume(address);
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
          throw rejection;
        }
      }
      return { ok: true };
    },
    async succeeded(account, address) {
      await accounts.delete(account);
      if (address) await addresses.reward(address, 1);
    },
  };
  perDb.set(key, throttle);
  return throttle;
}
