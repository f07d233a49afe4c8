// The evidence pack (decision 074) at the size of a large orderer's year: BENCH_PACK_N confirmed
// certificate versions (default 2,000), concluded through the use cases on a scratch PostgreSQL database,
// each confirmed once in the current 年度; then one pack built as the background job builds it, timed,
// the process's RSS and V8 heap sampled every 100 ms (before, peak, after), and the ZIP read back as the
// download route reads it. Part of `npm run bench` (after the lookup); alone: `npm run bench:pack`
// (BENCH_PACK_N=200 for a quick look).
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openPostgres, type Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { saveApplication } from '@/domain/applications/save-application';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { buildPack, claimNextPack } from '@/domain/evidence-packs/build-pack';
import { downloadableEvidencePack } from '@/domain/evidence-packs/queries';
import { requestEvidencePack } from '@/domain/evidence-packs/request-pack';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { createSurety } from '@/domain/organizations/create-surety';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { STANDARD_LIMITS } from '@/domain/organizations/standard-rules';
import { createUser } from '@/domain/users/create-user';
import { DEMO_SURETY } from '@/demo/surety';
import { seedDemoRateTables } from '@/demo/rate-tables';
import { todayInTokyo } from '@/lib/dates';
import { must, withScratchPostgres } from './scratch';

const N = Number(process.env.BENCH_PACK_N ?? 2000);
const SECRET = 'bench-key-secret-0123456789abcdef';
// A key of the bench's own: nothing is read from or written to the data folder.
process.env.SIGNING_KEY ??= generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const actorOf = async (db: Db, userId: string) => (await resolveActor(db, { userId, sessionVersion: 1 })) as Actor;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function setUp(db: Db) {
  const surety = await createSurety(db, DEMO_SURETY);
  const officer = await actorOf(db, must(await createUser(db, null, { loginId: 'bench-officer', name: '保証 太郎', role: 'ADMIN', organizationId: surety.id }, { password: 'bench-password-2026' })).id);
  await seedDemoRateTables(db, officer);
  const company = must(await saveContractor(db, officer, undefined, { name: '株式会社〇〇建設', address: '▲▲市▲▲区▲▲1丁目1番1号' }));
  const contractor = await actorOf(db, must(await createUser(db, officer, { loginId: 'bench-contractor', name: '受注 花子', role: 'CONTRACTOR', organizationId: company.id, email: 'bench@example.jp' }, { password: 'bench-password-2026' })).id);
  const orderer = must(
    await saveOrderer(db, officer, undefined, { name: '大村市', certificateName: '大村市長', electronicFrom: '2026-04-01', electronicWorkTypes: ['WORKS', 'CONSULTING'], subjectTemplate: '{保証契約番号}', ...STANDARD_LIMITS }),
  );
  const dept = must(await saveDepartment(db, officer, orderer.id, undefined, { name: '財政部契約課', kind: 'CONTRACT_SECTION', email: 'keiyaku@example.jp', active: true }));
  const clerk = await actorOf(db, must(await createUser(db, officer, { loginId: 'bench-clerk', name: '大村 契約', role: 'ORDERER', organizationId: orderer.id, departmentId: dept.id }, { password: 'bench-password-2026' })).id);
  return { officer, contractor, clerk, ordererId: orderer.id, deptId: dept.id };
}

async function confirmedVersions(db: Db, ctx: Awaited<ReturnType<typeof setUp>>) {
  const today = todayInTokyo();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < N) {
        const i = next++;
        const app = must(
          await saveApplication(
            db,
            ctx.contractor,
            undefined,
            {
              guaranteeKind: 'ADVANCE', ordererId: ctx.ordererId, worksDepartmentId: ctx.deptId, projectName: `〇〇市道${i + 1}号線道路改良工事`, projectLocation: '大村市',
              workType: 'WORKS', contractDate: '2026-05-01', periodStart: '2026-05-02', periodEnd: '2027-03-31', contractAmount: '100000000', guaranteeAmount: '40000000',
              guaranteeStart: '2026-05-02', guaranteeEnd: '2027-03-31', depositBank: '〇〇銀行', depositBranch: '▲▲支店', deliveryMethod: 'ELECTRONIC',
            },
            { submit: true },
          ),
        );
        const g = must(await concludeApplication(db, ctx.officer, app.id, SECRET));
        const row = await db.guarantee.findUniqueOrThrow({ where: { number: g.number }, select: { id: true, status: true, versions: { select: { id: true } } } });
        await db.confirmation.create({
          data: { guaranteeId: row.id, certificateVersionId: row.versions[0]!.id, organizationId: ctx.ordererId, departmentId: ctx.clerk.departmentId, userId: ctx.clerk.userId, statusAtConfirmation: row.status },
        });
        if ((i + 1) % 500 === 0) console.log(`  ${i + 1} confirmed`);
      }
    }),
  );
  return Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
}

/** Samples RSS and heap every 100 ms while `work` runs. */
async function sampled<T>(work: () => Promise<T>) {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    global.gc?.();
    const after = process.memoryUsage();
    return { value, ms, before, after, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

await withScratchPostgres('PostgreSQL', async (url, host) => {
  const handle = await openPostgres(url);
  const db = handle.prisma;
  try {
    console.log(`\nEvidence pack, ${N} confirmed versions, PostgreSQL (${host})`);
    const ctx = await setUp(db);
    const t0 = performance.now();
    const year = await confirmedVersions(db, ctx);
    console.log(`  data: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    must(await requestEvidencePack(db, ctx.clerk, { scope: 'year', fiscalYear: String(year) }));
    // A line every 30 s: how far the build is, the RSS and heap then (a run stopped early still has figures).
    const started = performance.now();
    const progress = setInterval(() => {
      void db.evidencePack.findFirst({ select: { done: true, total: true } }).then((p) => {
        const m = process.memoryUsage();
        console.log(`  … ${p?.done}/${p?.total} after ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB`);
      });
    }, 30_000);
    const build = await sampled(async () => {
      const pack = (await claimNextPack(db))!;
      return { outcome: await buildPack(db, pack), id: pack.id };
    });
    clearInterval(progress);
    const row = await db.evidencePack.findUniqueOrThrow({ where: { id: build.value.id } });
    const chunks = await db.evidencePackChunk.count({ where: { packId: row.id } });
    console.log(`  build: ${build.value.outcome}, ${row.total} versions in ${(build.ms / 1000).toFixed(1)} s (${((row.total / build.ms) * 1000).toFixed(1)} versions/s)`);
    console.log(`  ZIP: ${mb(Number(row.sizeBytes))} MB in ${chunks} chunks`);
    console.log(`  RSS: before ${mb(build.before.rss)} MB, peak ${mb(build.peakRss)} MB (+${mb(build.peakRss - build.before.rss)}), after ${mb(build.after.rss)} MB`);
    console.log(`  heap used: before ${mb(build.before.heapUsed)} MB, peak ${mb(build.peakHeap)} MB (+${mb(build.peakHeap - build.before.heapUsed)}), after ${mb(build.after.heapUsed)} MB`);
    const read = await sampled(async () => {
      const pack = await downloadableEvidencePack(db, ctx.clerk, row.id);
      let bytes = 0;
      for await (const chunk of pack.chunks()) bytes += chunk.byteLength;
      return bytes;
    });
    console.log(`  download read: ${mb(read.value)} MB in ${(read.ms / 1000).toFixed(1)} s, RSS peak +${mb(read.peakRss - read.before.rss)} MB, heap peak +${mb(read.peakHeap - read.before.heapUsed)} MB`);
  } finally {
    await handle.close();
  }
});
