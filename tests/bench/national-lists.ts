// `npm run bench:national` (issue 15): the national-scale data set (national.ts; BENCH_SCALE guarantees,
// default 1,000,000) on PostgreSQL, then every list page measured server-side through the function the
// page calls: p99 (target ≤ 200 ms) and, where the list pages deeply, its deep page against page 1
// (target ≤ 1.5); then the 確認済み一覧 CSV of the 50,000-row orderer, streamed, with the RSS before,
// at its peak and after, against the 5,000-row orderer (flat: grows by < 50 MB whatever the count).
// Load on the machine is printed with the figures: ratios measured in the same run are what count.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { openPostgres, type Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/domain/actor';
import { listApplicationsForReview } from '@/domain/applications/queries';
import { confirmedCsvChunks, listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { listContractorGuarantees } from '@/domain/guarantees/list';
import { parseListParams, type ListParams } from '@/domain/guarantees/list-params';
import { listOfficerGuarantees } from '@/domain/guarantees/officer-list';
import { parseOfficerListParams, type OfficerListParams } from '@/domain/guarantees/officer-list-params';
import { listLookupAttempts, lookupAttemptStatements } from '@/domain/lookup/attempt-list';
import { parseLookupLogParams } from '@/domain/lookup/attempt-list-params';
import { listOutbox, outboxStatements } from '@/domain/mail/outbox-list';
import { parseOutboxListParams } from '@/domain/mail/outbox-list-params';
import { listContractorPremiums } from '@/domain/premium/list-contractor-premiums';
import { parsePremiumListParams } from '@/domain/premium/premium-list-params';
import { buildNational, nationalScale, type NationalSet } from './national';
import { withScratchPostgres } from './scratch';

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
/** BENCH_ONLY=確認済み一覧 (a part of the names, comma-separated): only those pages and CSV runs. */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const chosen = (name: string) => !ONLY || ONLY.some((part) => name.includes(part));
const P99_TARGET_MS = 200;
const DEEP_TARGET = 1.5;
const RSS_TARGET_MB = 50;

// A full collection before each RSS reading (no --expose-gc needed on the command line).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** A slow page stops after this long (and at least 10 calls): its p99 is then the slowest call of those. */
const BUDGET_MS = 15_000;

/** p99 and median of `runs` calls (fewer for a slow page: BUDGET_MS) after 3 warm-up calls. */
async function timed(work: () => Promise<unknown>, runs = RUNS): Promise<{ p99: number; median: number; n: number }> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  const began = performance.now();
  for (let i = 0; i < runs && (i < 10 || performance.now() - began < BUDGET_MS); i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p99: times[Math.ceil(times.length * 0.99) - 1]!, median: times[Math.floor(times.length / 2)]!, n: times.length };
}

interface Line {
  page: string;
  p99: number;
  median: number;
  n: number;
  /** deep page's p99 / page 1's p99, when the line is a deep page. */
  ratio?: number;
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function print(lines: Line[]) {
  console.log(`  ${'page'.padEnd(58)} ${'calls'.padStart(5)} ${'median'.padStart(9)} ${'p99'.padStart(9)}  p99≤${P99_TARGET_MS}  deep/1 (≤${DEEP_TARGET})`);
  for (const l of lines) {
    const ratio = l.ratio === undefined ? '' : `${l.ratio.toFixed(2).padStart(6)} ${pass(l.ratio <= DEEP_TARGET)}`;
    console.log(`  ${l.page.padEnd(58)} ${String(l.n).padStart(5)} ${l.median.toFixed(1).padStart(7)} ms ${l.p99.toFixed(1).padStart(7)} ms  ${pass(l.p99 <= P99_TARGET_MS)}    ${ratio}`);
  }
}

/** The keyset position after `offset` rows of the contractor's 保証工事一覧 / the officers' 保証一覧 (their deep-page links carry it). */
async function keysetAfter(db: Db, where: string, offset: number): Promise<{ v: string; n: string }> {
  const rows = await db.$queryRawUnsafe<{ issuedOn: Date; number: string }[]>(
    `SELECT "issuedOn", "number" FROM "Guarantee" ${where} ORDER BY "issuedOn" DESC, "number" DESC OFFSET ${offset - 1} LIMIT 1`,
  );
  return { v: rows[0]!.issuedOn.toISOString().slice(0, 10), n: rows[0]!.number.trim() };
}

/** The 確認済み一覧's keyset position after `offset` rows (its 次へ link carries it). */
async function confirmedAfter(db: Db, organizationId: string, offset: number): Promise<{ v: string; n: string }> {
  const rows = await db.$queryRawUnsafe<{ confirmedAt: Date; number: string }[]>(
    `SELECT "confirmedAt", "number" FROM "ConfirmedGuarantee" WHERE "organizationId" = '${organizationId}' ORDER BY "confirmedAt" DESC, "number" DESC OFFSET ${offset - 1} LIMIT 1`,
  );
  return { v: rows[0]!.confirmedAt.toISOString(), n: rows[0]!.number.trim() };
}

/** The name of a company with a guarantee in the middle of the orderer's 確認済み一覧 (its 受注者 search). */
async function confirmedContractor(db: Db, organizationId: string): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT o."name" FROM "ConfirmedGuarantee" l JOIN "Organization" o ON o."id" = l."contractorId" WHERE l."organizationId" = '${organizationId}' ORDER BY l."confirmedAt" DESC, l."number" DESC OFFSET 25000 LIMIT 1`,
  );
  return rows[0]!.name;
}

/** The keyset position after `offset` rows of 照会記録 / 送信メール, newest first (their 次へ links carry it). */
async function momentAfter(db: Db, table: 'LookupAttempt' | 'OutboxMail', offset: number): Promise<{ v: string; n: string }> {
  const rows = await db.$queryRawUnsafe<{ createdAt: Date; id: string }[]>(`SELECT "createdAt", "id" FROM "${table}" ORDER BY "createdAt" DESC, "id" DESC OFFSET ${offset - 1} LIMIT 1`);
  return { v: rows[0]!.createdAt.toISOString(), n: rows[0]!.id };
}

/** The scans of a page's statement, one line (which index a search was served by). */
async function printPlan(db: Db, sql: Prisma.Sql) {
  const rows = await db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql.text}`, ...sql.values);
  const scans = rows.map((r) => r['QUERY PLAN'].trim().replace(/^->\s*/, '')).filter((l) => /Scan|Sort/.test(l) && !/Key:|Cond:|Filter:/.test(l)).map((l) => l.replace(/\s+\(cost=.*$/, '').replace(/^(Seq Scan|Bitmap Heap Scan|Index Scan using "\w+") on "\w+"( \w+)?$/, '$1'));
  console.log(`      plan: ${scans.join(' → ')}`);
}

async function lists(db: Db, set: NationalSet): Promise<Line[]> {
  const lines: Line[] = [];
  const add = async (page: string, work: () => Promise<unknown>, first?: Line) => {
    if (!chosen(page)) return undefined;
    const t = await timed(work);
    const line: Line = { page, ...t, ...(first ? { ratio: t.p99 / first.p99 } : {}) };
    lines.push(line);
    console.log(`    ${page}: p99 ${t.p99.toFixed(1)} ms`);
    return line;
  };
  const { bigContractor: big, bigOrderer, officer } = set;

  // 保証工事一覧 (contractor): 20,000 guarantees, keyset paging.
  const c1 = await add('保証工事一覧, 20,000 + 200 as JV 構成員 (大量建設), page 1', () => listContractorGuarantees(db, big, parseListParams({})));
  const cDeep: ListParams = { ...parseListParams({}), after: await keysetAfter(db, `WHERE "contractorId" = '${big.organizationId}'`, 19_980), page: 1000 };
  await add('保証工事一覧, 20,000, page 1,000 (keyset)', () => listContractorGuarantees(db, big, cDeep), c1);
  // The member side for another sort joins Guarantee (research B5: a company is the 構成員 of few).
  await add('保証工事一覧, 20,200 (大量建設), by 工事名, page 1', () => listContractorGuarantees(db, big, parseListParams({ sort: 'project' })));
  await add('保証工事一覧, an average company, page 1', () => listContractorGuarantees(db, set.contractor, parseListParams({})));

  // 確認済み一覧 (orderer): 50,000 confirmed guarantees, keyset paging (decision 061).
  const o1 = await add('確認済み一覧, 50,000 (東京都), page 1', () => listConfirmedCertificates(db, bigOrderer, parseConfirmedParams({})));
  const oLast = { ...parseConfirmedParams({}), after: await confirmedAfter(db, bigOrderer.organizationId, 49_980), page: 2500 };
  await add('確認済み一覧, 50,000, page 2,500 (last, keyset)', () => listConfirmedCertificates(db, bigOrderer, oLast), o1);
  const oBack = { ...parseConfirmedParams({}), before: await confirmedAfter(db, bigOrderer.organizationId, 25_001), page: 1250 };
  await add('確認済み一覧, 50,000, 前へ from page 1,251', () => listConfirmedCertificates(db, bigOrderer, oBack), o1);
  const confirmedSearches: [string, Record<string, string>][] = [
    ['工事名, 20 % of rows (道路)', { cond: 'project', q: '道路' }],
    ['工事名, 5 rows (9971号)', { cond: 'project', q: '9971号' }],
    ['工事名, none of its rows (橋梁)', { cond: 'project', q: '橋梁' }],
    ['number prefix, 5 digits', { cond: 'number', q: '10001' }],
    ['number prefix, 9 digits', { cond: 'number', q: '100016000' }],
    ['受注者, a name in 10 % of companies (山田)', { cond: 'contractor', q: '山田' }],
    ['受注者, one company', { cond: 'contractor', q: await confirmedContractor(db, bigOrderer.organizationId) }],
    ['受注者, none', { cond: 'contractor', q: '存在しない建設' }],
  ];
  for (const [name, raw] of confirmedSearches) await add(`確認済み一覧, 50,000, ${name}`, () => listConfirmedCertificates(db, bigOrderer, parseConfirmedParams(raw)));
  await add('確認済み一覧, 5,000 (大村市), page 1', () => listConfirmedCertificates(db, set.midOrderer, parseConfirmedParams({})));

  // 保証一覧 (officers): every guarantee, keyset paging, and its filters.
  const half = Math.floor(set.scale / 2);
  const g1 = await add(`保証一覧, all ${set.scale.toLocaleString()}, page 1`, () => listOfficerGuarantees(db, officer, parseOfficerListParams({})));
  const gDeep: OfficerListParams = { ...parseOfficerListParams({}), after: await keysetAfter(db, '', half), page: half / 20 + 1 };
  await add(`保証一覧, deep page (after ${half.toLocaleString()}, keyset)`, () => listOfficerGuarantees(db, officer, gDeep), g1);
  const filters: [string, Record<string, string>][] = [
    ['number prefix, 7 digits', { number: '1000123' }],
    ['number prefix, 4 digits', { number: '1001' }],
    ['工事名, common (橋梁)', { project: '橋梁' }],
    ['工事名, rare (9971号)', { project: '9971号' }],
    ['工事名, none', { project: '存在しない工事' }],
    ['受注者, 20,000 (大量建設)', { contractor: '大量建設' }],
    ['発注者 (東京都)', { orderer: '東京都' }],
    ['解除', { state: 'CANCELLED' }],
    ['満了間近', { state: 'ENDING' }],
    ['期間満了', { state: 'EXPIRED' }],
    ['未入金', { payment: 'unpaid' }],
  ];
  for (const [name, raw] of filters) await add(`保証一覧, ${name}`, () => listOfficerGuarantees(db, officer, parseOfficerListParams(raw)));

  // 申込審査 (officers): 3,000 waiting, numbered pages.
  const a1 = await add('申込審査, 3,000 申込済, page 1', () => listApplicationsForReview(db, officer, {}));
  await add('申込審査, page 150 (last)', () => listApplicationsForReview(db, officer, { page: 150 }), a1);
  await add('申込審査, search 工事名', () => listApplicationsForReview(db, officer, { q: '申込工事12' }));
  await add('申込審査, 下書き filter', () => listApplicationsForReview(db, officer, { status: 'DRAFT' }));

  // 送信メール (officers): scale / 4 mails, keyset paging, the box served by its grams index (decision 062).
  const mails = Math.floor(set.scale / 4);
  const m1 = await add(`送信メール, ${mails.toLocaleString()}, page 1`, () => listOutbox(db, officer, parseOutboxListParams({})));
  const mMiddle = { ...parseOutboxListParams({}), after: await momentAfter(db, 'OutboxMail', Math.floor(mails / 2)), page: Math.floor(mails / 20 / 2) + 1 };
  await add(`送信メール, page ${mMiddle.page.toLocaleString()} (middle, keyset)`, () => listOutbox(db, officer, mMiddle), m1);
  const [mailed] = await db.$queryRawUnsafe<{ number: string }[]>(
    `SELECT substring("subject" from '[0-9]{10}') AS "number" FROM "OutboxMail" ORDER BY "createdAt" DESC, "id" DESC OFFSET 1000 LIMIT 1`,
  );
  const outboxSearches: [string, Record<string, string>][] = [
    ['送信失敗 filter', { status: 'FAILED' }],
    ['search by address, a part (dept17-0@)', { q: 'dept17-0@' }],
    ['search by address, whole', { q: 'dept17-0@example.lg.jp' }],
    ['search by domain, every mail (@example.lg.jp)', { q: '@example.lg.jp' }],
    ['search by 保証契約番号 in the subject (10 digits)', { q: mailed!.number }],
    ['search by 保証契約番号 in the subject (7 digits)', { q: '1000123' }],
    ['search, none (nobody@example.jp)', { q: 'nobody@example.jp' }],
  ];
  for (const [name, raw] of outboxSearches) {
    await add(`送信メール, ${name}`, () => listOutbox(db, officer, parseOutboxListParams(raw)));
    for (const page of outboxStatements(parseOutboxListParams(raw)).pages) await printPlan(db, page);
  }

  // 照会記録 (officers): scale lookup attempts, keyset paging, each filter served by its index (decision 062).
  const l1 = await add(`照会記録, ${set.scale.toLocaleString()}, page 1`, () => listLookupAttempts(db, officer, parseLookupLogParams({})));
  const lMiddle = { ...parseLookupLogParams({}), after: await momentAfter(db, 'LookupAttempt', Math.floor(set.scale / 2)), page: Math.floor(set.scale / 20 / 2) + 1 };
  await add(`照会記録, page ${lMiddle.page.toLocaleString()} (middle, keyset)`, () => listLookupAttempts(db, officer, lMiddle), l1);
  const [one] = await db.$queryRawUnsafe<{ numberInput: string }[]>(
    `SELECT "numberInput" FROM "LookupAttempt" WHERE "outcome" = 'FOUND' ORDER BY "createdAt" DESC, "id" DESC OFFSET 1000 LIMIT 1`,
  );
  const lookupSearches: [string, Record<string, string>][] = [
    ['by number, 10 digits', { number: one!.numberInput }],
    ['by number, 7 digits', { number: '1000123' }],
    ['by number, 4 digits (a tenth of the attempts)', { number: '1001' }],
    ['by orderer, 東京都 (38 orderers)', { organization: '東京都' }],
    ['by orderer, one (大村市)', { organization: '大村市' }],
    ['by orderer, 市 (1,742 orderers)', { organization: '市' }],
    ['NOT_FOUND filter', { outcome: 'NOT_FOUND' }],
    ['THROTTLED filter (none)', { outcome: 'THROTTLED' }],
  ];
  for (const [name, raw] of lookupSearches) {
    await add(`照会記録, ${name}`, () => listLookupAttempts(db, officer, parseLookupLogParams(raw)));
    const sql = await lookupAttemptStatements(db, parseLookupLogParams(raw));
    for (const page of sql?.pages ?? []) await printPlan(db, page);
  }

  // 保証料一覧 (contractor): 20,000 guarantees with their documents, keyset paging (the same order as 保証工事一覧's default).
  const p1 = await add('保証料一覧, 20,000 (大量建設), page 1', () => listContractorPremiums(db, big, parsePremiumListParams({})));
  const pLast = { ...parsePremiumListParams({}), after: cDeep.after, page: 1000 };
  await add('保証料一覧, page 1,000 (last, keyset)', () => listContractorPremiums(db, big, pLast), p1);
  return lines;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Streams the orderer's whole CSV as the route does (chunks taken one by one, bytes counted and dropped). */
async function csvRss(db: Db, actor: Actor, batch?: number): Promise<{ rows: number; mb: number; seconds: number; before: number; peak: number; after: number; live: number }> {
  gc();
  const before = process.memoryUsage().rss;
  const b = process.memoryUsage();
  const base = b.heapUsed + b.external;
  let live = 0;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  let bytes = 0;
  let rows = -1;
  for await (const chunk of confirmedCsvChunks(db, actor, parseConfirmedParams({}), new Date(), batch)) {
    bytes += Buffer.byteLength(chunk);
    rows += chunk.split('\r\n').length - 1;
    peak = Math.max(peak, process.memoryUsage().rss);
    // What is live while the generator waits at its yield (its batch, its text): a full GC, then the heap.
    gc();
    const m = process.memoryUsage();
    live = Math.max(live, m.heapUsed + m.external - base);
  }
  clearInterval(sample);
  const seconds = (performance.now() - started) / 1000;
  gc();
  return { rows, mb: mb(bytes), seconds, before: mb(before), peak: mb(peak), after: mb(process.memoryUsage().rss), live: mb(live) };
}

async function main() {
  if (!process.env.BENCH_NATIONAL) {
    console.log('\nNational-scale bench: skipped (minutes to build); run it with BENCH_NATIONAL=1 npm run bench (BENCH_SCALE=… guarantees, default 1,000,000).');
    return;
  }
  const scale = nationalScale();
  await withScratchPostgres('national-scale bench', async (url, host) => {
    const handle = await openPostgres(url);
    try {
      console.log(`\nNational-scale data set on PostgreSQL (${host}): ${scale.toLocaleString()} guarantees. Load: ${load()}`);
      const set = await buildNational(url, scale, console.log);
      console.log(`  built in ${set.seconds.toFixed(0)} s (${(set.seconds / 60).toFixed(1)} min). Load: ${load()}`);
      const db = handle.prisma;
      console.log(`\nList pages, ${RUNS} calls each (server-side, the pages' functions):`);
      const lines = await lists(db, set);
      console.log(`\nList pages at ${scale.toLocaleString()} guarantees (load ${load()}):`);
      print(lines);
      console.log('\n確認済み一覧 CSV, streamed as the route does (a full GC before each reading):');
      // Last, for comparison: every row in one statement and one string, as the route did before it streamed.
      const runs = [['大村市, 5,000', set.midOrderer], ['東京都, 50,000', set.bigOrderer], ['東京都, 50,000, whole file at once (before)', set.bigOrderer, 10_000_000]] as const;
      for (const [name, actor, batch] of runs) {
        if (!chosen(`確認済み一覧 CSV, ${name}`)) continue;
        const r = await csvRss(db, actor, batch);
        console.log(
          `  ${name.padEnd(44)} ${r.rows.toLocaleString().padStart(7)} rows ${r.mb.toFixed(1).padStart(5)} MB in ${r.seconds.toFixed(1)} s   RSS before ${r.before.toFixed(0)} MB, peak ${r.peak.toFixed(0)} MB (+${(r.peak - r.before).toFixed(0)}), after ${r.after.toFixed(0)} MB; live heap at a chunk, after GC: +${r.live.toFixed(1)} MB   ${pass(r.peak - r.before < RSS_TARGET_MB)} (< +${RSS_TARGET_MB} MB)`,
        );
      }
      const fails = lines.filter((l) => l.p99 > P99_TARGET_MS || (l.ratio !== undefined && l.ratio > DEEP_TARGET)).length;
      console.log(`\n${fails} list figure(s) over target. Load at the end: ${load()}`);
    } finally {
      await handle.close();
    }
  });
}

await main();
