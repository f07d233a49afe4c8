// `npm run bench`: conclusions per second, sequential and with 16 concurrent callers, on PGlite and
// on PostgreSQL, beside a bare insert-only baseline measured in the same run (the ratio is what to
// compare between runs: these machines are shared and noisy).
//
// PostgreSQL: BENCH_DATABASE_URL (a local maintenance URL; default postgresql://postgres@127.0.0.1:5432/postgres).
// A scratch database is created and dropped. Skipped with a note when the server is not reachable.
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { openPglite, openPostgres, type Db, type DbHandle } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { saveApplication } from '@/domain/applications/save-application';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { createSurety } from '@/domain/organizations/create-surety';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { seedDemoRateTables } from '@/demo/rate-tables';
import { createUser } from '@/domain/users/create-user';
import { must, withScratchPostgres } from './scratch';
import { DEMO_SURETY } from '@/demo/surety';
import { STANDARD_LIMITS } from '@/domain/organizations/standard-rules';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = 16;
const SECRET = 'bench-key-secret-0123456789abcdef';

async function actorOf(db: Db, userId: string): Promise<Actor> {
  return (await resolveActor(db, { userId, sessionVersion: 1 })) as Actor;
}

async function setUp(db: Db) {
  const surety = await createSurety(db, DEMO_SURETY);
  const officerUser = must(await createUser(db, null, { loginId: 'bench-officer', name: '保証 太郎', role: 'ADMIN', organizationId: surety.id }, { password: 'bench-password-2026' }));
  const officer = await actorOf(db, officerUser.id);
  await seedDemoRateTables(db, officer);
  const company = must(await saveContractor(db, officer, undefined, { name: '株式会社〇〇建設', address: '▲▲市▲▲区▲▲1丁目1番1号' }));
  const contractorUser = must(
    await createUser(db, officer, { loginId: 'bench-contractor', name: '受注 花子', role: 'CONTRACTOR', organizationId: company.id, email: 'bench@example.jp' }, { password: 'bench-password-2026' }),
  );
  const contractor = await actorOf(db, contractorUser.id);
  const orderer = must(
    await saveOrderer(db, officer, undefined, {
      name: '大村市',
      certificateName: '大村市長',
      electronicFrom: '2026-04-01',
      electronicWorkTypes: ['WORKS', 'CONSULTING'],
      subjectTemplate: '{保証契約番号}',
      ...STANDARD_LIMITS,
    }),
  );
  const dept = must(await saveDepartment(db, officer, orderer.id, undefined, { name: '都市整備部土木課', kind: 'WORKS_SECTION', email: 'doboku@example.jp', active: true }));
  return { officer, contractor, ordererId: orderer.id, deptId: dept.id };
}

async function submitted(db: Db, ctx: Awaited<ReturnType<typeof setUp>>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await saveApplication(
      db,
      ctx.contractor,
      undefined,
      {
        guaranteeKind: 'ADVANCE',
        ordererId: ctx.ordererId,
        worksDepartmentId: ctx.deptId,
        projectName: `ベンチ工事${i}`,
        projectLocation: '大村市',
        workType: 'WORKS',
        contractDate: '2026-05-01',
        periodStart: '2026-05-02',
        periodEnd: '2027-03-31',
        contractAmount: '100000000',
        guaranteeAmount: '40000000',
        guaranteeStart: '2026-05-02',
        guaranteeEnd: '2027-03-31',
        depositBank: '〇〇銀行',
        depositBranch: '▲▲支店',
        deliveryMethod: 'ELECTRONIC',
      },
      { submit: true },
    );
    ids.push(must(r).id);
  }
  return ids;
}

/** Runs `work` over the items with `concurrency` callers; answers operations per second. */
async function rate<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
  return items.length / ((performance.now() - start) / 1000);
}

async function measure(label: string, handle: DbHandle) {
  const db = handle.prisma;
  const ctx = await setUp(db);
  const seqIds = await submitted(db, ctx, N);
  const parIds = await submitted(db, ctx, N);
  const range = Array.from({ length: N }, (_, i) => i);

  // Baseline: one bare INSERT per operation, the least a conclusion could cost.
  const insert = (i: number) => db.auditLog.create({ data: { action: 'bench.insert', targetType: 'bench', targetId: String(i) } });
  const baseSeq = await rate(range, 1, insert);
  const basePar = await rate(range, CONCURRENCY, insert);

  const conclude = async (id: string) => must(await concludeApplication(db, ctx.officer, id, SECRET));
  const seq = await rate(seqIds, 1, conclude);
  const par = await rate(parIds, CONCURRENCY, conclude);

  const numbers = await db.guarantee.count();
  if (numbers !== 2 * N) throw new Error(`expected ${2 * N} guarantees, found ${numbers}`);
  const f = (n: number) => n.toFixed(1).padStart(8);
  console.log(`\n${label} (N=${N} each)`);
  console.log(`                      baseline insert/s   conclusions/s   ratio`);
  console.log(`  sequential          ${f(baseSeq)}            ${f(seq)}        ${(seq / baseSeq).toFixed(3)}`);
  console.log(`  ${CONCURRENCY} concurrent       ${f(basePar)}            ${f(par)}        ${(par / basePar).toFixed(3)}`);
}

async function main() {
  const pglite = await openPglite(await PGlite.create());
  try {
    await measure('PGlite (in-process, in-memory)', pglite);
  } finally {
    await pglite.close();
  }

  await withScratchPostgres('PostgreSQL', async (url, host) => {
    const handle = await openPostgres(url);
    try {
      await measure(`PostgreSQL (${host}, pool ${process.env.DATABASE_POOL_SIZE ?? 10})`, handle);
    } finally {
      await handle.close();
    }
  });
}

await main();
