// `npm run bench:search`: the officers' 保証一覧 searched by a part of 工事名 and by the leading digits of
// 保証契約番号 (issue 15, decision 017), over BENCH_SEARCH_TOTAL guarantees on PostgreSQL (default
// 1,000,000) and BENCH_SEARCH_PGLITE_TOTAL on PGlite (default 200,000: a million rows in WASM memory
// is more than this two-core machine builds in minutes). 工事名 are shaped like real ones (令和n年度,
// a place of two kanji among 3,364, a 線/川/橋/地区, one of 20 kinds of works), so a two-character
// place name is rare and 道路 or 工事 are common. Each case runs the list an officer gets
// (listOfficerGuarantees: page 1 and its capped count), p50 and p99, in the same run:
//   - with the index of characters and pairs (Guarantee_projectNameGrams_idx, the migration);
//   - without it (DROP INDEX): the LIKE over every row, as before;
//   - with a pg_trgm GIN index instead and the bare LIKE (the alternative considered): its plan for a
//     one-, two- and three-character text, to show which it serves.
// with the EXPLAIN node types of each.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openPglite, openPostgres, type Db, type DbHandle } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { listOfficerGuarantees, officerGuaranteeListSql } from '@/domain/guarantees/officer-list';
import { foldForSearch, parseOfficerListParams } from '@/domain/guarantees/officer-list-params';
import { todayInTokyo } from '@/lib/dates';
import { withScratchPostgres } from './scratch';

const PG_TOTAL = Number(process.env.BENCH_SEARCH_TOTAL ?? 1_000_000);
const PGLITE_TOTAL = Number(process.env.BENCH_SEARCH_PGLITE_TOTAL ?? 200_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 40);

const KANJI = '青赤白黒北南東西上下中大小高田川山村本松竹梅桜森林原野沢浜岡島崎谷宮城坂井石橋口内外新古長平和安吉福富永江栄若緑泉港';
const PLACE = ['線', '川', '橋', '地区', '団地', '公園', '小学校', '中学校'];
const WORKS = ['道路改良工事', '舗装補修工事', '河川改修工事', '橋梁補修工事', '校舎改修工事', '上水道管布設工事', '下水道築造工事', '法面保護工事', '砂防堰堤工事', '護岸工事', '造成工事', '電気設備工事', '機械設備工事', '解体工事', '建築工事', '外構工事', '防水改修工事', '耐震補強工事', '側溝整備工事', '区画線設置工事'];
const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;

async function fill(db: Db, total: number) {
  const orderer = randomUUID();
  const user = randomUUID();
  await db.$executeRaw`INSERT INTO "Organization"("id","kind","name","certificateName","updatedAt") VALUES (CAST(${orderer} AS uuid),'ORDERER','ベンチ市','ベンチ市長',now())`;
  await db.$executeRaw`INSERT INTO "Organization"("id","kind","name","updatedAt") SELECT gen_random_uuid(),'CONTRACTOR','検索建設'||i,now() FROM generate_series(1,100) i`;
  const anyContractor = (await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Organization" WHERE "kind" = 'CONTRACTOR' LIMIT 1`)[0]!.id;
  await db.$executeRaw`INSERT INTO "User"("id","loginId","name","role","organizationId","passwordHash","updatedAt") VALUES (CAST(${user} AS uuid),'bench','ベンチ','CONTRACTOR',CAST(${anyContractor} AS uuid),'x',now())`;
  await db.$executeRawUnsafe(`
    CREATE TEMP TABLE bench_rows AS
    SELECT i, gen_random_uuid() AS app,
      (SELECT id FROM "Organization" WHERE "name" = '検索建設' || (1 + i % 100)) AS contractor,
      '令和' || (2 + i % 7) || '年度 '
        || substr('${KANJI}', 1 + CAST((CAST(i AS bigint) * 7919) % ${KANJI.length} AS int), 1) || substr('${KANJI}', 1 + CAST((CAST(i AS bigint) * 104729 / 7) % ${KANJI.length} AS int), 1)
        || (${sqlArray(PLACE)})[1 + (i * 31) % ${PLACE.length}]
        || (${sqlArray(WORKS)})[1 + (i * 17 / 3) % ${WORKS.length}] AS name
    FROM generate_series(1, ${total}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Application"("id","contractorId","createdById","status","updatedAt")
    SELECT app, contractor, '${user}', 'CONCLUDED', now() FROM bench_rows`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Guarantee"("id","number","applicationId","contractorId","ordererId","kind","deliveryMethod","projectName","contractAmount","guaranteeAmount","guaranteeStart","guaranteeEnd","periodStart","periodEnd","issuedOn","premiumYen","concludedById","updatedAt")
    SELECT gen_random_uuid(), CAST(1000000000 + i AS text), app, contractor, '${orderer}', 'ADVANCE', 'ELECTRONIC', name,
           100000000 + i, 40000000 + i, DATE '2026-04-02', DATE '2027-03-31', DATE '2026-04-02', DATE '2027-03-31', DATE '2026-04-01' + (i % 240), 92000, '${user}', now()
    FROM bench_rows`);
  await db.$executeRawUnsafe('DROP TABLE bench_rows');
  await db.$executeRawUnsafe('ANALYZE');
  const officer: Actor = { userId: user, role: 'ADMIN', name: 'ベンチ', organizationId: randomUUID(), organizationName: '', departmentId: null, departmentName: null };
  return officer;
}

async function times(work: () => Promise<unknown>, runs: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 3; i++) await work();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  return { p50: t[Math.floor(t.length / 2)]!, p99: t[Math.min(t.length - 1, Math.ceil(t.length * 0.99) - 1)]! };
}

function nodeTypes(plan: Record<string, unknown>): string[] {
  const out = [`${plan['Node Type']}${plan['Index Name'] ? ` (${plan['Index Name']})` : ''}`];
  for (const child of (plan.Plans as Record<string, unknown>[] | undefined) ?? []) out.push(...nodeTypes(child));
  return out;
}

async function explain(db: Db, text: string, values: unknown[]): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ 'QUERY PLAN': unknown }[]>(`EXPLAIN (FORMAT JSON) ${text}`, ...values);
  const plan = rows[0]!['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: Record<string, unknown> }[];
  return nodeTypes(parsed[0]!.Plan)
    .filter((n) => !/^(Nested Loop|Index Scan \(Organization_pkey\)|Memoize)$/.test(n))
    .join(' → ');
}

/** The bare LIKE as the list asked it before this index (page and capped count), for pg_trgm. */
const likeOnly = (q: string) => {
  const pattern = `%${foldForSearch(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    page: `SELECT "number" FROM "Guarantee" g WHERE g."projectNameFolded" LIKE $1 ORDER BY g."issuedOn" DESC, g."number" DESC LIMIT 21`,
    count: `SELECT count(*)::int FROM (SELECT 1 FROM "Guarantee" g WHERE g."projectNameFolded" LIKE $1 LIMIT 201) t`,
    pattern,
  };
};

async function measure(label: string, handle: DbHandle, total: number) {
  const db = handle.prisma;
  let t0 = performance.now();
  const officer = await fill(db, total);
  console.log(`\n${label}: ${total.toLocaleString()} guarantees written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const size = async (index: string) =>
    (await db.$queryRawUnsafe<{ s: string }[]>(`SELECT pg_size_pretty(pg_relation_size('"${index}"')) s`))[0]!.s;
  console.log(`  index of characters and pairs: ${await size('Guarantee_projectNameGrams_idx')}; table: ${await size('Guarantee')}`);

  const place = (i: number) => KANJI[(i * 7919) % KANJI.length]! + KANJI[Math.floor((i * 104729) / 7) % KANJI.length]!;
  const cases: [string, Record<string, string>][] = [
    ['工事名, 1 char (橋, common)', { project: '橋' }],
    [`工事名, 2 chars, a place (${place(12345)})`, { project: place(12345) }],
    ['工事名, 2 chars (道路, 5%)', { project: '道路' }],
    ['工事名, 2 chars (工事, every row)', { project: '工事' }],
    [`工事名, 3 chars (${place(12345)}${PLACE[(12345 * 31) % PLACE.length]!.slice(0, 1)})`, { project: place(12345) + PLACE[(12345 * 31) % PLACE.length]!.slice(0, 1) }],
    ['工事名, none (鯨鯱)', { project: '鯨鯱' }],
    ['工事名, common pairs, rare whole (3年度 下水道)', { project: '3年度 下水道' }],
    ['number, 4 digits', { number: '1000' }],
    ['number, 7 digits', { number: '1000123' }],
  ];
  const today = todayInTokyo();
  const run = async (title: string, runs: number) => {
    console.log(`  ${title} (p50 / p99 of ${runs} calls, ms; plan of page 1):`);
    for (const [name, raw] of cases) {
      const params = parseOfficerListParams(raw);
      const { p50, p99 } = await times(() => listOfficerGuarantees(db, officer, params), runs);
      const sql = officerGuaranteeListSql(params, today)!;
      const found = await listOfficerGuarantees(db, officer, params);
      console.log(`    ${name.padEnd(44)} ${p50.toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)}   ${String(found.total).padStart(4)} rows   ${await explain(db, sql.page.text, sql.page.values)}`);
    }
  };
  await run('with the index of characters and pairs', RUNS);
  t0 = performance.now();
  await db.$executeRawUnsafe('DROP INDEX "Guarantee_projectNameGrams_idx"');
  await run('without it (DROP INDEX): LIKE over every row', Math.max(5, Math.floor(RUNS / 4)));
  await db.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  t0 = performance.now();
  await db.$executeRawUnsafe('CREATE INDEX "bench_trgm" ON "Guarantee" USING gin ("projectNameFolded" gin_trgm_ops)');
  console.log(`  pg_trgm GIN built in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${await size('bench_trgm')}; the bare LIKE (page + capped count), p50 / p99:`);
  await db.$executeRawUnsafe('ANALYZE "Guarantee"');
  for (const q of ['橋', place(12345), '道路', place(12345) + PLACE[(12345 * 31) % PLACE.length]!.slice(0, 1), '鯨鯱']) {
    const { page, count, pattern } = likeOnly(q);
    const { p50, p99 } = await times(async () => {
      await db.$queryRawUnsafe(page, pattern);
      await db.$queryRawUnsafe(count, pattern);
    }, Math.max(5, Math.floor(RUNS / 4)));
    console.log(`    ${q.padEnd(10)} ${p50.toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)}   count: ${await explain(db, count, [pattern])}`);
  }
  await db.$executeRawUnsafe('DROP INDEX "bench_trgm"');
  t0 = performance.now();
  await db.$executeRawUnsafe('CREATE INDEX "Guarantee_projectNameGrams_idx" ON "Guarantee" USING GIN ("projectNameGrams")');
  console.log(`  index of characters and pairs rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
  if (PGLITE_TOTAL > 0) {
    const pglite = await openPglite(await PGlite.create({ extensions: { pg_trgm } }));
    try {
      await measure('工事名 / 番号 search on PGlite (in-process, in-memory)', pglite, PGLITE_TOTAL);
    } finally {
      await pglite.close();
    }
  }
  await withScratchPostgres('工事名 / 番号 search on PostgreSQL', async (url, host) => {
    const handle = await openPostgres(url);
    try {
      await measure(`工事名 / 番号 search on PostgreSQL (${host})`, handle, PG_TOTAL);
    } finally {
      await handle.close();
    }
  });
}

await main();
