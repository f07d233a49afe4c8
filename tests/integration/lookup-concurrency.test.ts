import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate, type LookupResult } from '@/domain/lookup/lookup';
import { LOOKUP_POLICY, type LookupPolicy } from '@/domain/lookup/policy';
import { concludedGuarantee, makeOrderer, makeUser, TEST_KEY_SECRET as SECRET } from '../support/factories';
import { postgresUrl, withDatabase } from '../setup/test-database';

/**
 * Decision 063: a right pair no longer takes and gives back a point under the budget rows' locks; the
 * guesses on a budget are ordered by advisory locks on its key (exclusive for a wrong pair, shared and
 * released at once for a right one). What must hold whatever the interleaving: no more wrong guesses
 * answered than the budget allows, no right key revealed once a budget is spent, and a refusal that
 * says nothing about the guess — on PostgreSQL through several connections at once.
 */
type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;
let contractor: Made;
let octet = 0;
const nextAddress = () => `10.63.${Math.floor(++octet / 250)}.${(octet % 250) + 1}`;
const LARGE = 1_000_000;
/** Only the account's budget binds: `failures` failures an hour. */
const accountOnly = (failures: number): LookupPolicy => ({ ...LOOKUP_POLICY, accountFailures: failures, organizationFailures: LARGE, numberFailures: LARGE, addressFailures: LARGE });
const LOCK_CLASS = 19531; // the budgets' advisory lock class in "lookup_certificate"

beforeAll(async () => {
  contractor = await makeUser('CONTRACTOR');
});

async function certificate(orderer: Orderer) {
  const number = (await concludedGuarantee(contractor, orderer)).number;
  const key = (await getKeyPage(await getDb(), contractor.actor, number, SECRET)).key;
  return { number, key, wrong: key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A') };
}
const look = async (who: Made, number: string, key: string, policy: LookupPolicy) =>
  lookupCertificate(await getDb(), { kind: 'user', actor: who.actor }, { number, key }, { secret: SECRET, clientAddress: nextAddress(), policy });
const accountKey = (who: Made) => `lookup:account:user:${who.id}`;
const points = async (key: string) => (await (await getDb()).rateLimit.findUnique({ where: { key } }))?.points ?? 0;
const statuses = (results: LookupResult[]) => results.map((r) => r.status);
const count = (results: LookupResult[], status: LookupResult['status']) => results.filter((r) => r.status === status).length;

/** A pseudo-random but fixed pattern of right (true) and wrong (false) guesses. */
function pattern(n: number, seed: number): boolean[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % 3 === 0;
  });
}

describe('a right pair spends nothing', () => {
  it('no budget row is written by a right pair, and the failures counted so far stay as they were', async () => {
    const orderer = await makeOrderer();
    const clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
    const c = await certificate(orderer);
    expect((await look(clerk, c.number, c.key, LOOKUP_POLICY)).status).toBe('found');
    expect(await (await getDb()).rateLimit.count({ where: { key: { in: [accountKey(clerk), `lookup:organization:${orderer.id}`, `lookup:number:${c.number}:${orderer.id}`] } } })).toBe(0);
    for (let i = 0; i < 2; i++) expect((await look(clerk, c.number, c.wrong, LOOKUP_POLICY)).status).toBe('not-found');
    for (let i = 0; i < 3; i++) expect((await look(clerk, c.number, c.key, LOOKUP_POLICY)).status).toBe('found');
    expect(await points(accountKey(clerk))).toBe(2);
    expect(await points(`lookup:number:${c.number}:${orderer.id}`)).toBe(2);
  });

  it('once a budget is spent the right pair waits like any other, and a new window opens it again', async () => {
    const orderer = await makeOrderer();
    const clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
    const c = await certificate(orderer);
    const policy = accountOnly(2);
    expect(statuses([await look(clerk, c.number, c.wrong, policy), await look(clerk, c.number, c.wrong, policy)])).toEqual(['not-found', 'not-found']);
    expect(await look(clerk, c.number, c.key, policy)).toMatchObject({ status: 'throttled', scope: 'account' });
    expect(await look(clerk, c.number, c.wrong, policy)).toMatchObject({ status: 'throttled', scope: 'account' });
    expect(await points(accountKey(clerk))).toBe(2); // a refusal costs nothing
    // The window ended (moved back): the right pair opens, and the next failure starts a window at 1.
    await (await getDb()).rateLimit.update({ where: { key: accountKey(clerk) }, data: { expire: new Date(Date.now() - 1000) } });
    expect((await look(clerk, c.number, c.key, policy)).status).toBe('found');
    expect((await look(clerk, c.number, c.wrong, policy)).status).toBe('not-found');
    expect(await points(accountKey(clerk))).toBe(1);
  });
});

describe('guesses at once against a budget of k', () => {
  // Several rounds, each with its own clerks, budget and pattern: two clerks of one orderer on two
  // numbers, so that the guesses' keys overlap in part (the organisation) and the locks are taken in
  // every order of arrival. On PostgreSQL they run through the pool's connections at once.
  const rounds = [
    { k: 1, n: 12, seed: 1 },
    { k: 3, n: 24, seed: 2 },
    { k: 5, n: 30, seed: 3 },
  ];
  for (const { k, n, seed } of rounds) {
    it(`${n} guesses, budget ${k}: at most ${k} wrong ones answered per account, a refusal only once it is spent, no point taken by a right pair`, async () => {
      const db = await getDb();
      const orderer = await makeOrderer();
      const clerks = [await makeUser('ORDERER', orderer.id, orderer.departmentId), await makeUser('ORDERER', orderer.id, orderer.departmentId)];
      const certs = [await certificate(orderer), await certificate(orderer)];
      const policy = accountOnly(k);
      const plan = pattern(n, seed).map((right, i) => ({ right, clerk: clerks[i % 2]!, cert: certs[Math.floor(i / 2) % 2]! }));
      const results = await Promise.all(plan.map((p) => look(p.clerk, p.cert.number, p.right ? p.cert.key : p.cert.wrong, policy)));

      // A right guess is never answered wrong, nor a wrong one right.
      results.forEach((r, i) => expect(plan[i]!.right ? ['found', 'throttled'] : ['not-found', 'throttled']).toContain(r.status));
      for (const clerk of clerks) {
        const mine = results.filter((_, i) => plan[i]!.clerk === clerk);
        const wrong = plan.filter((p) => p.clerk === clerk && !p.right).length;
        // Every wrong guess answered NOT_FOUND took a point: exactly the first k of them are answered.
        expect(count(mine, 'not-found')).toBe(Math.min(k, wrong));
        expect(await points(accountKey(clerk))).toBe(Math.min(k, wrong));
        // A refusal (right or wrong guess alike) only once the budget was spent.
        if (count(mine, 'throttled') > 0) expect(count(mine, 'not-found')).toBe(k);
        // Every guess is logged with its answer.
        const logged = await db.lookupAttempt.groupBy({ by: ['outcome'], where: { userId: clerk.id }, _count: true });
        const byOutcome = Object.fromEntries(logged.map((l) => [l.outcome, l._count]));
        expect(byOutcome).toEqual(
          Object.fromEntries(
            (
              [
                ['FOUND', count(mine, 'found')],
                ['NOT_FOUND', count(mine, 'not-found')],
                ['THROTTLED', count(mine, 'throttled')],
              ] as const
            ).filter(([, c]) => c > 0),
          ),
        );
      }
    });
  }
});

describe.skipIf(!postgresUrl())('the order of the guesses (PostgreSQL: a failure held open on a connection of its own)', () => {
  /**
   * `hold` plays a failure in flight: on its own connection it takes the account's budget lock
   * exclusively, as a wrong pair does, optionally writes the point, and keeps its transaction open
   * until told to commit or roll back.
   */
  async function hold(clerk: Made, spend: boolean) {
    const db = await getDb();
    const { name } = (await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]!;
    const client = new pg.Client({ connectionString: withDatabase(postgresUrl()!, name), options: '-c TimeZone=UTC' });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, accountKey(clerk)]);
    if (spend) await client.query(`UPDATE "RateLimit" SET "points" = "points" + 1 WHERE "key" = $1`, [accountKey(clerk)]);
    const { pid } = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
    return {
      /** Lookups of this database waiting for a budget lock (not the holder). */
      waiting: async () => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND pid <> $2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [LOCK_CLASS, pid])).rows[0]!.n,
      end: async (how: 'COMMIT' | 'ROLLBACK') => {
        await client.query(how);
        await client.end();
      },
    };
  }

  async function spentButOne(k: number) {
    const orderer = await makeOrderer();
    const clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
    const c = await certificate(orderer);
    const policy = accountOnly(k);
    for (let i = 0; i < k - 1; i++) expect((await look(clerk, contractNumberFromSerial(BigInt(600_000_000 + i)), c.key, policy)).status).toBe('not-found');
    return { clerk, c, policy };
  }

  it('a right pair that arrives while the last failure is in flight waits for it, and is refused when it commits', async () => {
    const { clerk, c, policy } = await spentButOne(3);
    const held = await hold(clerk, true); // the 3rd failure, not committed yet
    const right = look(clerk, c.number, c.key, policy);
    await expect.poll(held.waiting, { timeout: 60_000 }).toBe(1);
    await held.end('COMMIT');
    expect(await right).toMatchObject({ status: 'throttled', scope: 'account' });
  });

  it('the same, when the failure rolls back: the right pair is answered', async () => {
    const { clerk, c, policy } = await spentButOne(3);
    const held = await hold(clerk, true);
    const right = look(clerk, c.number, c.key, policy);
    await expect.poll(held.waiting, { timeout: 60_000 }).toBe(1);
    await held.end('ROLLBACK');
    expect((await right).status).toBe('found');
  });

  it('a right pair never overtakes a wrong one queued before it: the wrong one spends the last point, the right one is refused', async () => {
    const { clerk, c, policy } = await spentButOne(3);
    const held = await hold(clerk, false); // holds the queue without spending
    const wrong = look(clerk, c.number, c.wrong, policy);
    await expect.poll(held.waiting, { timeout: 60_000 }).toBe(1);
    const right = look(clerk, c.number, c.key, policy);
    await expect.poll(held.waiting, { timeout: 60_000 }).toBe(2);
    await held.end('COMMIT');
    expect((await wrong).status).toBe('not-found');
    expect(await right).toMatchObject({ status: 'throttled', scope: 'account' });
    expect(await points(accountKey(clerk))).toBe(3);
  });

  it('a right pair does not hold the budget for a wrong one behind it until its own commit', async () => {
    const { clerk, c, policy } = await spentButOne(3);
    // Many right pairs and one wrong one at once: all answered, the wrong one takes the last point.
    const answers = await Promise.all([...Array.from({ length: 8 }, () => look(clerk, c.number, c.key, policy)), look(clerk, c.number, c.wrong, policy)]);
    expect(answers.at(-1)!.status).toBe('not-found');
    expect(answers.slice(0, -1).every((a) => a.status === 'found' || a.status === 'throttled')).toBe(true);
    expect(await points(accountKey(clerk))).toBe(3);
  });
});

describe('the function in force', () => {
  it('the newest migration that defines "lookup_certificate" keeps the uniform read and comparison', () => {
    const dirs = readdirSync('prisma/migrations')
      .filter((d) => /^\d{14}_/.test(d))
      .sort();
    const newest = dirs.filter((d) => readFileSync(`prisma/migrations/${d}/migration.sql`, 'utf8').includes('FUNCTION "lookup_certificate"')).at(-1)!;
    const sql = readFileSync(`prisma/migrations/${newest}/migration.sql`, 'utf8');
    expect(sql).toMatch(/FROM \(SELECT 1\) AS one\s+LEFT JOIN "Guarantee" g/);
    expect(sql).toMatch(/"key_hash_equal"\(p_key_hash, coalesce\(v_row."keyHash", 'h1:' \|\| repeat\('A', 43\)\)\)/);
    // The look comes before the key is compared; the budget locks after, in ascending order.
    expect(sql.indexOf('"lookup_budget_refusal"(v_keys')).toBeLessThan(sql.indexOf('"key_hash_equal"(p_key_hash'));
    expect(sql).toMatch(/ARRAY\(SELECT DISTINCT hashtext\(k\) FROM unnest\(v_keys\) AS k ORDER BY 1\)/);
  });
});
