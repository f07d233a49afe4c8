import 'server-only';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { AddressRule } from '@/domain/gateways/match';
import { LOOKUP_POLICY, numberBudgetKey, RATE_KEY_PREFIX, type LookupPolicy } from './policy';

/**
 * The lookup budgets (policy.ts): fixed windows in the RateLimit table (shared by every app
 * instance), the same rows and semantics as rate-limiter-flexible's Prisma store (`points` consumed,
 * `expire` the window's end; sign-in throttling still uses the library). The lookup spends them inside
 * its one database call (the "lookup_certificate" function, decision 058): it looks first and a spent
 * budget refuses without a write (the longest wait is told). Past the look every guess queues on an
 * advisory lock per budget key (decision 063): a wrong pair exclusively, until its commit, looks again
 * and takes one point of each in ONE `INSERT … ON CONFLICT DO UPDATE` (or is refused without a write);
 * a right pair shared, released at once, and is answered only if nothing was spent — it takes no point.
 * So parallel guesses cannot overrun a budget, a right key is never shown past it, and one caller's
 * right pairs do not wait for each other's commits. The library
 * needed a round trip (and a Prisma upsert's select-then-write) per key: measured with `npm run bench`,
 * its nine to twelve statements cost more than half the lookup.
 *
 * Keys (decision 041): `lookup:number:<number>:<organisation>` (the number's budget when the
 * organisation is the orderer named on the certificate; otherwise that organisation's own budget for
 * the number, which locks nobody else out), `lookup:account:<user:id|token:id>`,
 * `lookup:organization:<id>`, and for the address either `lookup:address:<address or IPv6 /64>` or
 * `lookup:range:<gateway range id>` (none for an exempt range).
 */
export type Scope = 'account' | 'organization' | 'number' | 'address' | 'range';

export interface LookupBudget {
  scope: Scope;
  key: string;
  /** The failures allowed in a window. */
  points: number;
  seconds: number;
}

/**
 * Stand-ins in a budget key for what only the database call knows when the caller is a bearer token:
 * the token's id and its organisation (the function fills them in once the token is read).
 */
export const TOKEN_ID_PLACEHOLDER = '{token}';
export const ORGANIZATION_PLACEHOLDER = '{org}';

export interface LookupKeys {
  /** `user:<id>` or `token:<id>`. */
  account: string;
  /** The caller's organisation. */
  organizationId: string;
  number: string;
  address: AddressRule;
}

function addressBudget(rule: AddressRule, policy: LookupPolicy): LookupBudget[] {
  if (rule.kind === 'address') return [{ scope: 'address', key: `${RATE_KEY_PREFIX.address}:${rule.key}`, points: policy.addressFailures, seconds: policy.addressWindowSeconds }];
  if (rule.kind === 'range') return [{ scope: 'range', key: `${RATE_KEY_PREFIX.range}:${rule.rangeId}`, points: rule.failuresPerHour, seconds: 60 * 60 }];
  return [];
}

/** The budgets one lookup spends a point of. */
export function lookupBudgets(keys: LookupKeys, policy: LookupPolicy = LOOKUP_POLICY): LookupBudget[] {
  return [
    { scope: 'account', key: `${RATE_KEY_PREFIX.account}:${keys.account}`, points: policy.accountFailures, seconds: policy.accountWindowSeconds },
    { scope: 'organization', key: `${RATE_KEY_PREFIX.organization}:${keys.organizationId}`, points: policy.organizationFailures, seconds: policy.organizationWindowSeconds },
    { scope: 'number', key: numberBudgetKey(keys.number, keys.organizationId), points: policy.numberFailures, seconds: policy.numberWindowSeconds },
    ...addressBudget(keys.address, policy),
  ];
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

/**
 * Every budget spent right now (for the officers' 照会記録 page), read only: a window that has ended
 * counts nothing (the next failure starts a new one), and the retention sweep removes it an hour after
 * (decision 054), so opening the page writes nothing.
 */
export async function activeLocks(db: Db, policy: LookupPolicy = LOOKUP_POLICY, now = new Date()): Promise<ActiveLock[]> {
  const at = now.toISOString();
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
