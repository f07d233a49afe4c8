import type { Db } from '@/db/client';
import { LOOKUP_POLICY, RATE_KEY_PREFIX, type LookupPolicy } from './policy';

/**
 * The three lookup budgets (policy.ts): fixed windows in the RateLimit table (shared by every app
 * instance), the same rows and semantics as rate-limiter-flexible's Prisma store (`points` consumed,
 * `expire` the window's end; sign-in throttling still uses the library). The lookup takes all three
 * points in ONE statement — an atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING` over three keys —
 * where the library needs a round trip (and a Prisma upsert's select-then-write) per key: measured with
 * `npm run bench`, the library's nine to twelve statements cost more than half the lookup. A point is
 * reserved before the key is compared, so parallel guesses cannot overrun a budget; a right pair gives
 * its points back (one UPDATE).
 */
export type Scope = 'account' | 'number' | 'address';

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
  now = new Date(),
): Promise<ReserveResult> {
  const budgets: { scope: Scope; key: string; points: number; seconds: number }[] = [
    { scope: 'account', key: `${RATE_KEY_PREFIX.account}:${keys.account}`, points: policy.accountFailures, seconds: policy.accountWindowSeconds },
    { scope: 'number', key: `${RATE_KEY_PREFIX.number}:${keys.number}`, points: policy.numberFailures, seconds: policy.numberWindowSeconds },
    ...(keys.address
      ? [{ scope: 'address' as const, key: `${RATE_KEY_PREFIX.address}:${keys.address}`, points: policy.addressFailures, seconds: policy.addressWindowSeconds }]
      : []),
  ];
  const at = now.toISOString();
  const ends = budgets.map((b) => new Date(now.getTime() + b.seconds * 1000).toISOString());
  // timestamp(3) holds UTC wall-clock time (as Prisma writes it): ISO strings cast without their zone.
  const rows = await db.$queryRaw<{ key: string; points: number; expire: Date }[]>`
    INSERT INTO "RateLimit" ("key", "points", "expire")
    SELECT k, 1, CAST(e AS timestamp(3)) FROM unnest(CAST(${budgets.map((b) => b.key)} AS text[]), CAST(${ends} AS text[])) AS t(k, e)
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= CAST(${at} AS timestamp(3)) THEN 1 ELSE "RateLimit"."points" + 1 END,
      "expire" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= CAST(${at} AS timestamp(3)) THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
    RETURNING "key", "points", "expire"`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const b of budgets) {
    const row = byKey.get(b.key)!;
    if (row.points > b.points) {
      return { ok: false, scope: b.scope, retryAfterSeconds: Math.max(1, Math.ceil((row.expire.getTime() - now.getTime()) / 1000)) };
    }
  }
  const numberBudget = budgets.find((b) => b.scope === 'number')!;
  return {
    ok: true,
    reservation: {
      numberJustSpent: byKey.get(numberBudget.key)!.points === numberBudget.points,
      async release() {
        await db.$executeRaw`UPDATE "RateLimit" SET "points" = GREATEST("points" - 1, 0) WHERE "key" = ANY(CAST(${budgets.map((b) => b.key)} AS text[]))`;
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
