// `npm run bench` (part 3): the 保証工事一覧 of a contractor with 20,000 guarantees in a database of
// 200,000, against one with 100: page 1 and a deep page (after 19,950 rows; after 80 for the small
// one), median of repeated calls of the same function the page calls. Target: ratio ≤ 1.5 (the
// keyset page reads ~21 index entries whatever the depth; the capped count reads ≤ 1,001).
// Also prints the EXPLAIN plan's node types. Then the officers' 保証一覧 over all 200,000 (each filter,
// page 1 and a deep page) and the admin home's counts, with their plans: no target, a record of what
// each costs. Runs on PGlite and on PostgreSQL (BENCH_DATABASE_URL,
// default postgresql://postgres@127.0.0.1:5432/postgres; skipped when not reachable).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { openPglite, openPostgres, type Db, type DbHandle } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { guaranteeListSql, listContractorGuarantees } from '@/domain/guarantees/list';
import { parseListParams, type ListParams } from '@/domain/guarantees/list-params';
import { listOfficerGuarantees, officerGuaranteeListSql, resolveNames } from '@/domain/guarantees/officer-list';
import { parseOfficerListParams } from '@/domain/guarantees/officer-list-params';
import { getAdminWaiting } from '@/domain/organizations/overview';
import { todayInTokyo } from '@/lib/dates';
import { withScratchPostgres } from './scratch';

const TOTAL = Number(process.env.BENCH_LIST_TOTAL ?? 200_000);
const BIG = 20_000;
const SMALL = 100;
const RUNS = 200;

async function fill(db: Db) {
  const orderer = randomUUID();
  const big = randomUUID();
  const small = randomUUID();
  const user = randomUUID();
  await db.$executeRaw`INSERT INTO "Organization"("id","kind","name","certificateName","updatedAt") VALUES (CAST(${orderer} AS uuid),'ORDERER','ベンチ市','ベンチ市長',now())`;
  await db.$executeRaw`INSERT INTO "Organization"("id","kind","name","updatedAt") VALUES (CAST(${big} AS uuid),'CONTRACTOR','大量建設',now()), (CAST(${small} AS uuid),'CONTRACTOR','少量建設',now())`;
  await db.$executeRaw`INSERT INTO "Organization"("id","kind","name","updatedAt") SELECT gen_random_uuid(),'CONTRACTOR','その他建設'||i,now() FROM generate_series(1,98) i`;
  await db.$executeRaw`INSERT INTO "User"("id","loginId","name","role","organizationId","passwordHash","updatedAt") VALUES (CAST(${user} AS uuid),'bench','ベンチ','CONTRACTOR',CAST(${big} AS uuid),'x',now())`;
  // Guarantee i belongs to: 1..20,000 the big company, the next 100 the small one, the rest 98 others.
  await db.$executeRaw`
    CREATE TEMP TABLE bench_rows AS
    SELECT i, gen_random_uuid() AS app,
      CASE WHEN i <= ${BIG} THEN CAST(${big} AS uuid) WHEN i <= ${BIG + SMALL} THEN CAST(${small} AS uuid)
           ELSE (SELECT id FROM "Organization" WHERE "name" = 'その他建設' || (1 + i % 98)) END AS contractor
    FROM generate_series(1, ${TOTAL}) i`;
  await db.$executeRaw`
    INSERT INTO "Application"("id","contractorId","createdById","status","updatedAt")
    SELECT app, contractor, CAST(${user} AS uuid), 'CONCLUDED', now() FROM bench_rows`;
  await db.$executeRaw`
    INSERT INTO "Guarantee"("id","number","applicationId","contractorId","ordererId","kind","deliveryMethod","projectName","contractAmount","guaranteeAmount","guaranteeStart","guaranteeEnd","periodStart","periodEnd","issuedOn","premiumYen","concludedById","updatedAt")
    SELECT gen_random_uuid(), CAST(1000000000 + i AS text), app, contractor, CAST(${orderer} AS uuid), 'ADVANCE', 'ELECTRONIC', '工事' || (i % 997),
           100000000 + i, 40000000 + i, DATE '2026-04-02', DATE '2027-03-31', DATE '2026-04-02', DATE '2027-03-31', DATE '2026-04-01' + (i % 240), 92000, CAST(${user} AS uuid), now()
    FROM bench_rows`;
  await db.$executeRaw`DROP TABLE bench_rows`;
  await db.$executeRawUnsafe('ANALYZE');
  const actor = (organizationId: string): Actor => ({ userId: user, role: 'CONTRACTOR', name: 'ベンチ', organizationId, organizationName: '', departmentId: null, departmentName: null });
  return { big: actor(big), small: actor(small), userId: user };
}

async function deepParams(db: Db, organizationId: string, offset: number): Promise<ListParams> {
  const rows = await db.$queryRaw<{ issuedOn: Date; number: string }[]>`
    SELECT "issuedOn", "number" FROM "Guarantee" WHERE "contractorId" = CAST(${organizationId} AS uuid)
    ORDER BY "issuedOn" DESC, "number" DESC OFFSET ${offset - 1} LIMIT 1`;
  const row = rows[0]!;
  return { ...parseListParams({}), after: { v: row.issuedOn.toISOString().slice(0, 10), n: row.number.trim() }, page: Math.floor(offset / 20) + 1 };
}

async function median(work: () => Promise<unknown>, runs = RUNS): Promise<number> {
  for (let i = 0; i < 5; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function nodeTypes(plan: unknown): string[] {
  const out: string[] = [];
  const visit = (node: Record<string, unknown>) => {
    out.push(`${node['Node Type']}${node['Index Name'] ? ` (${node['Index Name']})` : ''}`);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit(plan as Record<string, unknown>);
  return out;
}

async function explain(db: Db, sql: { page: { text: string; values: unknown[] }; count: { text: string; values: unknown[] } } | null) {
  const explainOne = async (statement: { text: string; values: unknown[] }) => {
    const rows = await db.$queryRawUnsafe<{ 'QUERY PLAN': unknown }[]>(`EXPLAIN (FORMAT JSON) ${statement.text}`, ...statement.values);
    const plan = rows[0]!['QUERY PLAN'];
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: unknown }[];
    return nodeTypes(parsed[0]!.Plan).join(' → ');
  };
  return { page: await explainOne(sql!.page), count: await explainOne(sql!.count) };
}

async function measure(label: string, handle: DbHandle) {
  const db = handle.prisma;
  const filled = performance.now();
  const { big, small, userId } = await fill(db);
  console.log(`\n${label}: ${TOTAL.toLocaleString()} guarantees written in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
  const cases = [
    { name: 'page 1', big: parseListParams({}), small: parseListParams({}) },
    { name: 'deep page', big: await deepParams(db, big.organizationId, BIG - 50), small: await deepParams(db, small.organizationId, SMALL - 20) },
  ];
  console.log(`                20,000 guarantees   100 guarantees   ratio (target ≤ 1.5)`);
  for (const c of cases) {
    const tBig = await median(() => listContractorGuarantees(db, big, c.big));
    const tSmall = await median(() => listContractorGuarantees(db, small, c.small));
    console.log(`  ${c.name.padEnd(12)}  ${tBig.toFixed(2).padStart(9)} ms         ${tSmall.toFixed(2).padStart(7)} ms      ${(tBig / tSmall).toFixed(2)}`);
  }
  const plan = await explain(db, guaranteeListSql(big.organizationId, cases[1]!.big));
  console.log(`  plan, deep page: ${plan.page}`);
  console.log(`  plan, count:     ${plan.count}`);
  await measureOfficers(db, userId);
}

/**
 * The officers' 保証一覧 over the whole database (every company's guarantees) and the admin home's
 * counts. The rows get some variety first: 1% 解除, 5% with 保証料 outstanding (the column the
 * premium documents' trigger keeps), 保証期間（至） spread over a year, a few 満了間近.
 */
async function measureOfficers(db: Db, userId: string) {
  await db.$executeRaw`UPDATE "Guarantee" SET "status" = 'CANCELLED' WHERE CAST(substr("number", 7) AS int) % 100 = 7`;
  await db.$executeRaw`UPDATE "Guarantee" SET "premiumOutstanding" = 92000 WHERE CAST(substr("number", 7) AS int) % 20 = 3`;
  await db.$executeRaw`UPDATE "Guarantee" SET "guaranteeEnd" = "issuedOn" + 200, "periodEnd" = "issuedOn" + 200 + CASE WHEN CAST(substr("number", 7) AS int) % 500 = 1 THEN 30 ELSE 0 END`;
  await db.$executeRawUnsafe('ANALYZE "Guarantee"');
  const officer: Actor = { userId, role: 'ADMIN', name: 'ベンチ', organizationId: randomUUID(), organizationName: '', departmentId: null, departmentName: null };
  const deep = await db.$queryRaw<{ issuedOn: Date; number: string }[]>`SELECT "issuedOn", "number" FROM "Guarantee" ORDER BY "issuedOn" DESC, "number" DESC OFFSET ${Math.floor(TOTAL / 2)} LIMIT 1`;
  const cases: [string, Record<string, string>, ReturnType<typeof parseOfficerListParams>?][] = [
    ['page 1', {}],
    [`deep page (after ${Math.floor(TOTAL / 2).toLocaleString()})`, {}, { ...parseOfficerListParams({}), after: { v: deep[0]!.issuedOn.toISOString().slice(0, 10), n: deep[0]!.number.trim() }, page: 5001 }],
    ['number, 7 digits', { number: '1000123' }],
    ['工事名, common', { project: '工事1' }],
    ['工事名, 200 rows', { project: '工事996' }],
    ['工事名, none (a full scan)', { project: '存在しない工事' }],
    ['受注者, 20,000', { contractor: '大量建設' }],
    ['受注者, 100', { contractor: '少量建設' }],
    ['発注者 (all rows)', { orderer: 'ベンチ市' }],
    ['解除', { state: 'CANCELLED' }],
    ['満了間近 (by 保証期間（至）)', { state: 'ENDING' }],
    ['期間満了 (by 保証期間（至）)', { state: 'EXPIRED' }],
    ['未入金', { payment: 'unpaid' }],
  ];
  const today = todayInTokyo();
  console.log(`  保証一覧 (officers), ${TOTAL.toLocaleString()} guarantees, median of 50 calls:`);
  for (const [name, raw, given] of cases) {
    const params = given ?? parseOfficerListParams(raw);
    const ms = await median(() => listOfficerGuarantees(db, officer, params), 50);
    const plan = await explain(db, officerGuaranteeListSql(params, today, await resolveNames(db, params)));
    console.log(`    ${name.padEnd(30)} ${ms.toFixed(2).padStart(8)} ms   page: ${plan.page}`);
  }
  const waiting = await median(() => getAdminWaiting(db, officer), 50);
  console.log(`  admin home counts (申込審査, 送信失敗, locks, 未入金): ${waiting.toFixed(2)} ms`);
}

async function main() {
  const pglite = await openPglite(await PGlite.create());
  try {
    await measure('保証工事一覧 on PGlite (in-process, in-memory)', pglite);
  } finally {
    await pglite.close();
  }
  await withScratchPostgres('保証工事一覧 on PostgreSQL', async (url, host) => {
    const handle = await openPostgres(url);
    try {
      await measure(`保証工事一覧 on PostgreSQL (${host})`, handle);
    } finally {
      await handle.close();
    }
  });
}

await main();
