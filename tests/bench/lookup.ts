// `npm run bench` (part 4): the orderer lookup through the JSON API under HTTP load (autocannon) at 1, 8
// and 32 connections, on PostgreSQL, with a mix of right pairs, wrong keys and unknown numbers — beside
// two references measured in the same run:
//   (a) the framework's ceiling: /api/v1/bench/ceiling in the same Next server (the same indexed read
//       and HMAC comparison, nothing else; it answers 404 unless PORTAL_BENCH_MODE=1, set only here);
//   (b) the machine's limit: a bare Node `http` + `pg` server doing the same read and comparison;
//   (c) the floor of a lookup on this machine: (a) plus the one durable write every lookup makes (its
//       log row, committed and flushed) — /api/v1/bench/ceiling?durable=1 (decision 063).
// Three tables, each with the same three references measured in turn:
//   1. the nation's shape: a third each of right pairs, wrong keys and unknown numbers, from 12 orderers,
//      each with its own token and its own certificates — the issue's mix as real traffic spreads it;
//   2. one token's mix: the same thirds, all from one token on 12 guarantees — an attacker's shape. A
//      token's failures queue one after another on its budget (each must be counted, committed, before
//      the next is answered: decision 063), so this table measures that queue, not the portal;
//   3. right pairs only, over 240 guarantees, one token: the traffic of one token under the real policy,
//      which allows it 10 failures an hour (decision 063).
// Throttling limits are raised by PORTAL_BENCH_MODE=1 (the bench's flag); logging and the budgets'
// bookkeeping stay on. Also prints the server-side timing of a wrong number and a wrong key side by
// side (the uniform answer must cost the same).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPostgres } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { issueApiToken } from '@/domain/api-tokens/issue-api-token';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { saveApplication } from '@/domain/applications/save-application';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { BENCH_POLICY } from '@/domain/lookup/policy';
import { createSurety } from '@/domain/organizations/create-surety';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { seedDemoRateTables } from '@/demo/rate-tables';
import { createUser } from '@/domain/users/create-user';
import { must, withScratchPostgres } from './scratch';
import { DEMO_SURETY } from '@/demo/surety';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'bench-key-secret-0123456789abcdef-0123456789';
/** BENCH_PORT (and the next port) when another bench or server holds 3210. */
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const BARE_PORT = PORT + 1;
const DURATION = Number(process.env.BENCH_SECONDS ?? 9);
/**
 * Each figure is measured in ROUNDS runs of DURATION / ROUNDS seconds, the references taking turns in an
 * order that rotates from round to round; a ratio is the median of its rounds' ratios. On a machine whose
 * speed drifts (two cores shared with other work), one long run of each, one after another, compared
 * different machines: (c) came out faster than (a) in some runs.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = [1, 8, 32];
const GUARANTEES = 12;
/**
 * Guarantees of the first orderer: the one-token mix uses the first GUARANTEES, the right-pairs table every one.
 * A right pair rewrites its orderer's 確認済み一覧 row of that certificate (decision 061), locked until its
 * commit: with few certificates, 32 connections confirmed the same one within milliseconds and waited
 * for each other's flush — traffic no orderer sends (decision 064, addendum 2). 240 (and 20 an orderer
 * below) keep such collisions as rare as a real day's.
 */
const SPREAD = 240;
/** The nation's shape: orderers, each with its token and OWN_GUARANTEES certificates (the first is the one above). */
const ORDERERS = 12;
const OWN_GUARANTEES = 20;

async function seed(url: string) {
  const handle = await openPostgres(url);
  const db = handle.prisma;
  const actorOf = async (id: string) => (await resolveActor(db, { userId: id, sessionVersion: 1 })) as Actor;
  const surety = await createSurety(db, DEMO_SURETY);
  const officer = await actorOf(must(await createUser(db, null, { loginId: 'bench-admin', name: '保証 太郎', role: 'ADMIN', organizationId: surety.id }, { password: 'bench-password-2026' })).id);
  await seedDemoRateTables(db, officer);
  const company = must(await saveContractor(db, officer, undefined, { name: '株式会社〇〇建設', address: '▲▲市' }));
  const contractor = await actorOf(must(await createUser(db, officer, { loginId: 'bench-c', name: '受注', role: 'CONTRACTOR', organizationId: company.id }, { password: 'bench-password-2026' })).id);
  const orderer = must(
    await saveOrderer(db, officer, undefined, {
      name: '大村市',
      certificateName: '大村市長',
      electronicFrom: '2026-04-01',
      electronicWorkTypes: ['WORKS'],
      subjectTemplate: '{保証契約番号}',
      limitAdvanceWorks: '4/10',
    }),
  );
  const dept = must(await saveDepartment(db, officer, orderer.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@example.jp', active: true }));
  const conclude = async (ordererId: string, worksDepartmentId: string, i: number) => {
    const app = must(
      await saveApplication(
        db,
        contractor,
        undefined,
        {
          guaranteeKind: 'ADVANCE', ordererId, worksDepartmentId, projectName: `ベンチ工事${i}`, projectLocation: '大村市', workType: 'WORKS',
          contractDate: '2026-05-01', periodStart: '2026-05-02', periodEnd: '2027-03-31', contractAmount: '100000000', guaranteeAmount: '40000000',
          guaranteeStart: '2026-05-02', guaranteeEnd: '2027-03-31', depositBank: '〇〇銀行', depositBranch: '▲▲支店', deliveryMethod: 'ELECTRONIC',
        },
        { submit: true },
      ),
    );
    const { number } = must(await concludeApplication(db, officer, app.id, SECRET));
    return { number, key: (await getKeyPage(db, contractor, number, SECRET)).key };
  };
  const pairs: Pair[] = [];
  for (let i = 0; i < SPREAD; i++) pairs.push(await conclude(orderer.id, dept.id, i));
  const token = must(await issueApiToken(db, officer, orderer.id, { name: 'bench' })).token;
  // The nation's shape: the first orderer's first certificates, and ORDERERS - 1 more orderers of their own.
  const nation: (Pair & { token: string })[] = pairs.slice(0, OWN_GUARANTEES).map((p) => ({ ...p, token }));
  for (let o = 1; o < ORDERERS; o++) {
    const other = must(await saveOrderer(db, officer, undefined, { name: `ベンチ市${o}`, certificateName: `ベンチ市長${o}`, electronicFrom: '2026-04-01', electronicWorkTypes: ['WORKS'], subjectTemplate: '{保証契約番号}', limitAdvanceWorks: '4/10' }));
    const section = must(await saveDepartment(db, officer, other.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: `doboku${o}@example.jp`, active: true }));
    const own = must(await issueApiToken(db, officer, other.id, { name: 'bench' })).token;
    for (let i = 0; i < OWN_GUARANTEES; i++) nation.push({ ...(await conclude(other.id, section.id, SPREAD + o * OWN_GUARANTEES + i)), token: own });
  }

  // Server-side timing of the uniform answer: a wrong number against a wrong key, same caller.
  const caller = { kind: 'token' as const, tokenId: (await db.apiToken.findFirstOrThrow({ select: { id: true } })).id, organizationId: orderer.id };
  const time = async (number: string, key: string) => {
    const t: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      await lookupCertificate(db, caller, { number, key }, { secret: SECRET, clientAddress: '127.0.0.1', policy: BENCH_POLICY });
      t.push(performance.now() - start);
    }
    return t.sort((a, b) => a - b);
  };
  const wrongKey = pairs[0]!.key.slice(0, 9) + (pairs[0]!.key[9] === 'A' ? 'B' : 'A');
  const unknownNumber = await time(contractNumberFromSerial(999_999_990n), pairs[0]!.key);
  const wrongKeyTimes = await time(pairs[0]!.number, wrongKey);
  await handle.close();
  return { pairs, token, nation, unknownNumber, wrongKeyTimes };
}

type Pair = { number: string; key: string };
/** One request: its body and, in the nation's shape, its own token. */
type Payload = { body: string; token?: string };

/** Right pairs, wrong keys and unknown numbers in turn (each with its orderer's token, if it has one). */
function bodies(pairs: (Pair & { token?: string })[]): Payload[] {
  const out: Payload[] = [];
  const order = [0, 1, 2].flatMap((kind) => pairs.map((p, i) => ({ p, i, kind })));
  // Orderers interleaved: consecutive requests come from different tokens, as the nation's would.
  order.sort((a, b) => a.i - b.i || a.kind - b.kind);
  for (const { p, i, kind } of order) {
    const authKey = kind === 1 ? p.key.slice(0, 9) + (p.key[9] === 'A' ? 'B' : 'A') : p.key;
    const contractNumber = kind === 2 ? contractNumberFromSerial(999_000_000n + BigInt(i)) : p.number;
    out.push({ body: JSON.stringify({ contractNumber, authKey }), token: p.token });
  }
  return out;
}

async function load(url: string, connections: number, payloads: Payload[], headers: Record<string, string>, notFoundShare = 2 / 3, seconds = DURATION) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [
      {
        setupRequest: (req) => {
          const p = payloads[i++ % payloads.length]!;
          return { ...req, body: p.body, headers: p.token ? { ...req.headers, authorization: `Bearer ${p.token}` } : req.headers };
        },
      },
    ],
  });
  // In a mix, the wrong keys and unknown numbers get the uniform 404; any other status is unexpected, and named.
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const others = Object.entries(stats).filter(([code]) => code !== '200' && !(code === '404' && notFoundShare > 0));
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    unexpected: others.reduce((n, [, stat]) => n + stat.count, 0),
    statuses: others.map(([code, stat]) => `${code}×${stat.count}`).join(' '),
  };
}

/** (b) a bare Node http + pg server: the same read and HMAC comparison. */
function bareServer(url: string): http.Server & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // the scratch database is dropped at the end
  const hmacKey = Buffer.from(hkdfSync('sha256', SECRET, 'denshi-hosho-portal', 'auth-key-hmac', 32));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      const { contractNumber, authKey } = JSON.parse(body) as { contractNumber: string; authKey: string };
      const { rows } = await pool.query<{ keyHash: string }>(
        'SELECT k."keyHash" FROM "Guarantee" g JOIN "AuthKey" k ON k."guaranteeId" = g."id" AND k."revokedAt" IS NULL WHERE g."number" = $1',
        [contractNumber],
      );
      const candidate = Buffer.from('h1:' + createHmac('sha256', hmacKey).update(authKey.toUpperCase().replace(/-/g, '')).digest('base64url'));
      const stored = Buffer.from(rows[0]?.keyHash ?? 'h1:' + 'A'.repeat(43));
      const matched = candidate.length === stored.length && timingSafeEqual(candidate, stored) && rows.length > 0;
      res.writeHead(matched ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ matched }));
    });
  });
  return Object.assign(server, { pool });
}

/**
 * Refuses to start when something already listens on the port: a bench killed half-way leaves its
 * `next start` child behind, and the next run would measure that server, whose database is gone.
 */
async function portFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${port} is taken (a server left by an earlier bench?): stop it or set BENCH_PORT`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered`);
}

/** The machine's load average (1, 5, 15 min): the bench shares two cores with other work. */
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  await withScratchPostgres('lookup bench', async (url) => {
    let server: ChildProcess | undefined;
    let bare: (http.Server & { pool: pg.Pool }) | undefined;
    try {
      const { pairs, token, nation, unknownNumber, wrongKeyTimes } = await seed(url);
      console.log('\nUniform answer, server-side (300 lookups each, ms):   p50     p90     p99');
      console.log(`  unknown number                                     ${pct(unknownNumber, 50).toFixed(2).padStart(6)}  ${pct(unknownNumber, 90).toFixed(2).padStart(6)}  ${pct(unknownNumber, 99).toFixed(2).padStart(6)}`);
      console.log(`  wrong key                                          ${pct(wrongKeyTimes, 50).toFixed(2).padStart(6)}  ${pct(wrongKeyTimes, 90).toFixed(2).padStart(6)}  ${pct(wrongKeyTimes, 99).toFixed(2).padStart(6)}`);

      // Always a fresh production build of these sources (10–20 s), never a stale one.
      const built = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
      if (built.status !== 0) throw new Error('next build failed');
      await portFree(PORT);
      await portFree(BARE_PORT);
      server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
        cwd: root,
        stdio: 'ignore',
        env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, KEY_SECRET: SECRET, AUTH_SECRET: SECRET, AUTH_TRUST_HOST: 'true', PORTAL_URL: `http://127.0.0.1:${PORT}`, DEMO_DATA: '0', PORTAL_BENCH_MODE: '1', DATABASE_POOL_SIZE: '10' },
      });
      await waitFor(`http://127.0.0.1:${PORT}/login`);
      bare = bareServer(url);
      await new Promise<void>((r) => bare!.listen(BARE_PORT, '127.0.0.1', r));

      const oneToken = bodies(pairs.slice(0, GUARANTEES));
      const national = bodies(nation);
      const rightOnly = pairs.map((p) => ({ body: JSON.stringify({ contractNumber: p.number, authKey: p.key }) }));
      const auth = { authorization: `Bearer ${token}` };
      const lookupUrl = `http://127.0.0.1:${PORT}/api/v1/verifications`;
      const ceilingUrl = `http://127.0.0.1:${PORT}/api/v1/bench/ceiling`;
      // Warm up every path once.
      await load(lookupUrl, 4, national, auth);
      await load(ceilingUrl, 4, national, {});
      await load(`${ceilingUrl}?durable=1`, 4, national, {});
      type Run = Awaited<ReturnType<typeof load>>;
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      /** The rounds of one reference: mean req/s, median p50, highest p99. */
      const summary = (runs: Run[]) => ({
        rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
        p50: median(runs.map((r) => r.p50)),
        p99: Math.max(...runs.map((r) => r.p99)),
        errors: runs.reduce((n, r) => n + r.errors, 0),
        unexpected: runs.reduce((n, r) => n + r.unexpected, 0),
        statuses: runs.map((r) => r.statuses).filter(Boolean).join(' '),
      });
      const f = (r: ReturnType<typeof summary>) => `${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(4)} ${String(r.p99).padStart(4)}`;
      const ratio = (x: number) => x.toFixed(2).padStart(6);
      // Before every round, what autovacuum would have done meanwhile: this machine's PostgreSQL runs without
      // it (the workplace's setting), so the dead row versions every right pair leaves in ConfirmedGuarantee
      // (its latest confirmation, rewritten) and every failure in RateLimit would pile up from run to run,
      // and each run would pay for all the runs before it. A production server vacuums these tables itself.
      const settle = () => bare!.pool.query('VACUUM "ConfirmedGuarantee", "RateLimit", "ApiToken", "LookupAttempt", "Confirmation"');
      const seconds = Math.max(2, Math.round(DURATION / ROUNDS));
      /** One table: at each connection count, ROUNDS rounds of the lookup, (a), (c) and, if asked, (b), in turn. */
      const table = async (title: string, payloads: Payload[], notFoundShare: number, withBare: boolean) => {
        console.log(`\n${title}`);
        console.log(`  conn   lookup req/s  p50  p99 │ ceiling(a) req/s  p50  p99 │ floor(c) req/s  p50  p99 │${withBare ? ' bare(b) req/s  p50  p99 │' : ''} lookup/(a)  lookup/(c)${withBare ? '  lookup/(b)' : ''}`);
        const refs = [
          { name: 'lookup', run: (c: number) => load(lookupUrl, c, payloads, auth, notFoundShare, seconds) },
          { name: 'a', run: (c: number) => load(ceilingUrl, c, payloads, {}, notFoundShare, seconds) },
          { name: 'c', run: (c: number) => load(`${ceilingUrl}?durable=1`, c, payloads, {}, notFoundShare, seconds) },
          ...(withBare ? [{ name: 'b', run: (c: number) => load(`http://127.0.0.1:${BARE_PORT}/`, c, payloads, {}, notFoundShare, seconds) }] : []),
        ];
        for (const c of CONNECTIONS) {
          const runs = new Map<string, Run[]>(refs.map((r) => [r.name, []]));
          for (let round = 0; round < ROUNDS; round++) {
            await settle();
            for (let k = 0; k < refs.length; k++) {
              const ref = refs[(k + round) % refs.length]!;
              runs.get(ref.name)!.push(await ref.run(c));
            }
          }
          const [real, ceiling, floor] = ['lookup', 'a', 'c'].map((n) => summary(runs.get(n)!)) as [ReturnType<typeof summary>, ReturnType<typeof summary>, ReturnType<typeof summary>];
          const machine = withBare ? summary(runs.get('b')!) : undefined;
          const per = (other: string) => median(runs.get('lookup')!.map((r, i) => r.rps / runs.get(other)![i]!.rps));
          console.log(
            `  ${String(c).padStart(4)}   ${f(real)}   │     ${f(ceiling)}   │   ${f(floor)}   │${machine ? `  ${f(machine)}  │` : ''}   ${ratio(per('a'))}      ${ratio(per('c'))}${machine ? `      ${ratio(per('b'))}` : ''}`,
          );
          if (real.errors || real.unexpected) console.log(`         (lookup: ${real.errors} connection errors, ${real.unexpected} unexpected answers: ${real.statuses})`);
        }
      };
      console.log(`\nload before: ${loadAverage()}`);
      console.log(`Lookup API under load (PostgreSQL, ${ROUNDS} rounds of ${seconds} s each, the references in turn, ratios the median of the rounds'; target: lookup ≥ 0.8 × ceiling (a), issue 15; (c) = (a) + the log row committed, the floor of any lookup here, decision 063)`);
      await table(`The nation's shape: 1/3 right pairs, 1/3 wrong keys, 1/3 unknown numbers from ${ORDERERS} orderers, each with its own token`, national, 2 / 3, true);
      await table(`One token's mix: the same thirds from one token on ${GUARANTEES} guarantees (an attacker's shape: its failures queue on its budget, decision 063)`, oneToken, 2 / 3, false);
      await table(`Right pairs only, over ${SPREAD} guarantees, one token (the real policy allows a token 10 failures an hour; decision 063)`, rightOnly, 0, false);
      console.log(`load after: ${loadAverage()}`);
    } finally {
      server?.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      bare?.close();
      await bare?.pool.end();
    }
  });
}

await main();
