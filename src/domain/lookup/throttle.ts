import 'server-only';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { AddressRule } from '@/domain/gateways/match';
import { logger } from '@/lib/log';
import { LOOKUP_POLICY, numberBudgetKey, RATE_KEY_PREFIX, type LookupPolicy } from './policy';

const log = logger('lookup');

/**
 * The lookup budgets (policy.ts): fixed windows in the RateLimit table (shared by every app
 * instance), the same rows and semantics as rate-limiter-flexible's Prisma store (`points` consumed,
 * `expire` the window's end; sign-in throttling still uses the library). The lookup takes all its
 * points in ONE statement — an atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING` over the keys —
 * where the library needs a round trip (and a Prisma upsert's select-then-write) per key: measured with
 * `npm run bench`, the library's nine to twelve statements cost more than half the lookup. A point is
 * reserved before the key is compared, so parallel guesses cannot overrun a budget; a right pair gives
 * its points back (one UPDATE).
 *
 * Keys (decision 041): `lookup:number:<number>:<organisation>` (the number's budget when the
 * organisation is the orderer named on the certificate; otherwise that organisation's own budget for
 * the number, which locks nobody else out), `lookup:account:<user:id|token:id>`,
 * `lookup:organization:<id>`, and for the address either `lookup:address:<address or IPv6 /64>` or
 * `lookup:range:<gateway range id>` (none for an exempt range).
 */
export type Scope = 'account' | 'organization' | 'number' | 'address' | 'range';

export interface Reservation {
  /** Gives the points back (a right pair). */
  release(): Promise<void>;
  /** This failure spent the number budget it counted against (tell the contractor when it is the named orderer's). */
  numberJustSpent: boolean;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; scope: Scope; retryAfterSeconds: number };

export interface LookupKeys {
  /** `user:<id>` or `token:<id>`. */
  account: string;
  /** The caller's organisation. */
  organizationId: string;
  number: string;
  address: AddressRule;
}

function addressBudget(rule: AddressRule, policy: LookupPolicy) {
  if (rule.kind === 'address') return [{ scope: 'address' as const, key: `${RATE_KEY_PREFIX.address}:${rule.key}`, points: policy.addressFailures, seconds: policy.addressWindowSeconds }];
  if (rule.kind === 'range') return [{ scope: 'range' as const, key: `${RATE_KEY_PREFIX.range}:${rule.rangeId}`, points: rule.failuresPerHour, seconds: 60 * 60 }];
  return [];
}

export async function reserveLookup(db: Db, keys: LookupKeys, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<ReserveResult> {
  const budgets: { scope: Scope; key: string; points: number; seconds: number }[] = [
    { scope: 'account' as const, key: `${RATE_KEY_PREFIX.account}:${keys.account}`, points: policy.accountFailures, seconds: policy.accountWindowSeconds },
    { scope: 'organization' as const, key: `${RATE_KEY_PREFIX.organization}:${keys.organizationId}`, points: policy.organizationFailures, seconds: policy.organizationWindowSeconds },
    { scope: 'number' as const, key: numberBudgetKey(keys.number, keys.organizationId), points: policy.numberFailures, seconds: policy.numberWindowSeconds },
    ...addressBudget(keys.address, policy),
  ].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order everywhere: no deadlock between callers
  const at = now.toISOString();
  const keyList = budgets.map((b) => b.key);

  // A refused request costs nothing: look first (no write), and refuse with the longest wait.
  const current = await db.$queryRaw<{ key: string; points: number; expire: Date }[]>`
    SELECT "key", "points", "expire" FROM "RateLimit"
    WHERE "key" = ANY(CAST(${keyList} AS text[])) AND "expire" > CAST(${at} AS timestamp(3))`;
  const spent = (rows: { key: string; points: number; expire: Date }[], atLeast: (b: (typeof budgets)[number]) => number) => {
    let worst: { scope: Scope; retryAfterSeconds: number } | null = null;
    for (const row of rows) {
      const b = budgets.find((x) => x.key === row.key)!;
      if (row.points < atLeast(b)) continue;
      const wait = Math.max(1, Math.ceil((row.expire.getTime() - now.getTime()) / 1000));
      if (!worst || wait > worst.retryAfterSeconds) worst = { scope: b.scope, retryAfterSeconds: wait };
    }
    return worst;
  };
  const refused = spent(current, (b) => b.points);
  if (refused) return { ok: false, ...refused };

  // Take one point of each budget in one statement (rows inserted and locked in key order).
  const ends = budgets.map((b) => new Date(now.getTime() + b.seconds * 1000).toISOString());
  const rows = await db.$queryRaw<{ key: string; points: number; expire: Date }[]>`
    INSERT INTO "RateLimit" ("key", "points", "expire")
    SELECT k, 1, CAST(e AS timestamp(3)) FROM unnest(CAST(${keyList} AS text[]), CAST(${ends} AS text[])) AS t(k, e) ORDER BY k
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= CAST(${at} AS timestamp(3)) THEN 1 ELSE "RateLimit"."points" + 1 END,
      "expire" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= CAST(${at} AS timestamp(3)) THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
    RETURNING "key", "points", "expire"`;
  // Parallel requests may have spent a budget between the look and the write: over the limit is refused.
  const raced = spent(rows, (b) => b.points + 1);
  if (raced) return { ok: false, ...raced };
  const numberBudget = budgets.find((b) => b.scope === 'number')!;
  return {
    ok: true,
    reservation: {
      numberJustSpent: rows.find((r) => r.key === numberBudget.key)!.points === numberBudget.points,
      async release() {
        // Same lock order as the reservation; a failed give-back never fails a successful lookup.
        await db.$executeRaw`
          UPDATE "RateLimit" r SET "points" = GREATEST(r."points" - 1, 0)
          FROM (SELECT "key" FROM "RateLimit" WHERE "key" = ANY(CAST(${keyList} AS text[])) ORDER BY "key" FOR UPDATE) s
          WHERE r."key" = s."key"`.catch((error: unknown) => log.error('lookup points not given back', error));
      },
    },
  };
}

/** The lock on a 保証契約番号 (its named orderer's budget), if spent now: until when. */
export async function numberLock(db: Db, guarantee: { number: string; ordererId: string }, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<Date | null> {
  const row = await db.rateLimit.findUnique({ where: { key: numberBudgetKey(guarantee.number, guarantee.ordererId) } });
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

/**
 * The lookup rows whose budget is spent at `at` (a lock in force): one definition for the list and the
 * count. A range's threshold is its own budget.
 */
function inForce(policy: LookupPolicy, at: string) {
  return Prisma.sql`"expire" > CAST(${at} AS timestamp(3)) AND (
      ("key" LIKE ${`${RATE_KEY_PREFIX.number}:%`} AND "points" >= ${policy.numberFailures}) OR
      ("key" LIKE ${`${RATE_KEY_PREFIX.account}:%`} AND "points" >= ${policy.accountFailures}) OR
      ("key" LIKE ${`${RATE_KEY_PREFIX.organization}:%`} AND "points" >= ${policy.organizationFailures}) OR
      ("key" LIKE ${`${RATE_KEY_PREFIX.address}:%`} AND "points" >= ${policy.addressFailures}) OR
      ("key" LIKE ${`${RATE_KEY_PREFIX.range}:%`} AND EXISTS (
        SELECT 1 FROM "GatewayRange" g WHERE "RateLimit"."key" = ${`${RATE_KEY_PREFIX.range}:`} || CAST(g."id" AS text) AND "RateLimit"."points" >= g."failuresPerHour")))`;
}

/** Every budget spent right now (for the officers' 照会記録 page); expired lookup rows are cleared on the way. */
export async function activeLocks(db: Db, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<ActiveLock[]> {
  const at = now.toISOString();
  await db.$executeRaw`DELETE FROM "RateLimit" WHERE "key" LIKE 'lookup:%' AND "expire" <= CAST(${at} AS timestamp(3))`;
  const rows = await db.$queryRaw<{ key: string; points: number; expire: Date }[]>`
    SELECT "key", "points", "expire" FROM "RateLimit"
    WHERE ${inForce(policy, at)}
    ORDER BY "expire" DESC LIMIT 500`;
  const out: ActiveLock[] = [];
  for (const row of rows) {
    const scope = (Object.keys(RATE_KEY_PREFIX) as Scope[]).find((sc) => row.key.startsWith(`${RATE_KEY_PREFIX[sc]}:`))!;
    out.push({ key: row.key, scope, subject: row.key.slice(RATE_KEY_PREFIX[scope].length + 1), failures: row.points, until: row.expire });
  }
  return out;
}

/** How many locks are in force at `now` (the admin home's count): the same as activeLocks lists, read only and uncapped. */
export async function countActiveLocks(db: Db, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "RateLimit" WHERE ${inForce(policy, now.toISOString())}`;
  return row?.n ?? 0;
}
