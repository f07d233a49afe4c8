import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { LOOKUP_POLICY, RATE_KEY_PREFIX, type LookupPolicy } from './policy';

/**
 * The three lookup budgets (policy.ts) on rate-limiter-flexible's Prisma store: state in the
 * database, shared by every app instance, atomic per key. A point is reserved before the key is
 * compared, so parallel guesses cannot overrun a budget; a right pair gives its points back.
 */
export type Scope = 'account' | 'number' | 'address';

interface Limiters {
  number: RateLimiterPrisma;
  account: RateLimiterPrisma;
  address: RateLimiterPrisma;
}

const cache = new WeakMap<object, Map<string, Limiters>>();

function limiters(db: Db, policy: LookupPolicy): Limiters {
  const id = JSON.stringify(policy);
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let found = perDb.get(id);
  if (!found) {
    const make = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPrisma({ storeClient: db, tableName: 'rateLimit', keyPrefix, points, duration });
    found = {
      number: make(RATE_KEY_PREFIX.number, policy.numberFailures, policy.numberWindowSeconds),
      account: make(RATE_KEY_PREFIX.account, policy.accountFailures, policy.accountWindowSeconds),
      address: make(RATE_KEY_PREFIX.address, policy.addressFailures, policy.addressWindowSeconds),
    };
    perDb.set(id, found);
  }
  return found;
}

export interface Reservation {
  /** Gives the points back (a right pair). */
  release(): Promise<void>;
  /** This failure spent the number's budget: the certificate is now locked (tell the contractor). */
  numberJustSpent: boolean;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; scope: Scope; retryAfterSeconds: number };

export async function reserveLookup(
  db: Db,
  keys: { account: string; number: string; address: string | null },
  policy: LookupPolicy = LOOKUP_POLICY,
): Promise<ReserveResult> {
  const l = limiters(db, policy);
  const taken: [Scope, string][] = [];
  let numberRes: RateLimiterRes | null = null;
  const order: [Scope, string | null][] = [
    ['account', keys.account],
    ['address', keys.address],
    ['number', keys.number],
  ];
  for (const [scope, key] of order) {
    if (key === null) continue;
    try {
      const res = await l[scope].consume(key);
      taken.push([scope, key]);
      if (scope === 'number') numberRes = res;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  }
  return {
    ok: true,
    reservation: {
      numberJustSpent: numberRes !== null && numberRes.remainingPoints === 0,
      async release() {
        await Promise.all(taken.map(([scope, key]) => l[scope].reward(key, 1)));
      },
    },
  };
}

/** The lock on a 保証契約番号, if its budget is spent now: until when. */
export async function numberLock(db: Db, number: string, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<Date | null> {
  const row = await db.rateLimit.findUnique({ where: { key: `${RATE_KEY_PREFIX.number}:${number}` } });
  if (!row || row.points < policy.numberFailures || !row.expire || row.expire <= now) return null;
  return row.expire;
}

export interface ActiveLock {
  key: string;
  scope: Scope;
  subject: string;
  failures: number;
  until: Date;
}

/** Every budget spent right now (for the officers' 照会記録 page). */
export async function activeLocks(db: Db, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<ActiveLock[]> {
  const rows = await db.rateLimit.findMany({ where: { key: { startsWith: 'lookup:' }, expire: { gt: now } }, orderBy: { expire: 'desc' }, take: 500 });
  const limit: Record<Scope, number> = { number: policy.numberFailures, account: policy.accountFailures, address: policy.addressFailures };
  const out: ActiveLock[] = [];
  for (const row of rows) {
    const scope = (Object.keys(RATE_KEY_PREFIX) as Scope[]).find((s) => row.key.startsWith(`${RATE_KEY_PREFIX[s]}:`));
    if (!scope || row.points < limit[scope] || !row.expire) continue;
    out.push({ key: row.key, scope, subject: row.key.slice(RATE_KEY_PREFIX[scope].length + 1), failures: row.points, until: row.expire });
  }
  return out;
}
