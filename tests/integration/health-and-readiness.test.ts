import { generateKeyPairSync, randomBytes } from 'node:crypto';
import net from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { NextRequest } from 'next/server';
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import * as readyRoute from '@/app/api/ready/route';
import { signingKey } from '@/config/signing-key';
import { getDbHandle, openPostgres, POOL_CONNECT_TIMEOUT_MS, setDbHandle, type Db, type DbHandle } from '@/db/client';
import { readMigrations } from '@/db/migrate';
import { PrismaClient } from '@/generated/prisma/client';
import { proxy } from '@/proxy';
import { forgetSharedReadiness, READINESS_CACHE_MS, readiness } from '@/domain/readiness/readiness';
import { postgresUrl, TEMPLATE_DB, withDatabase } from '../setup/test-database';

// GET /api/health and GET /api/ready (decision 052): the real route handlers on this file's database,
// and, for a database that refuses or hangs, a real PostgreSQL driver pointed at a closed port or at a
// socket that never answers.

const AUTH_SECRET = 'test-auth-secret-health-readiness-0123456789';
const DB_PASSWORD = 'pw-hunter2-never-shown';
/** Everything that must never appear in an answer. */
const SECRETS = [AUTH_SECRET, process.env.KEY_SECRET!, DB_PASSWORD];

let own: DbHandle;

beforeAll(async () => {
  own = await getDbHandle();
  const key = signingKey();
  SECRETS.push(key.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  SECRETS.push(key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString().split('\n')[1]!);
});

beforeEach(() => {
  vi.stubEnv('AUTH_SECRET', AUTH_SECRET);
});

afterEach(() => {
  vi.unstubAllEnvs();
  setDbHandle(own);
  forgetSharedReadiness(); // the next test's first probe asks its own database
});

/** The answer's JSON, after checking what every answer of both routes must be. */
async function read(response: Response): Promise<{ status: string; checks?: string[]; problems?: { check: string; message: string }[] }> {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/postgres(ql)?:\/\/|\n\s+at /);
  return JSON.parse(text);
}

/** A route module's GET, loaded afresh: the secrets are read once per process, as in production. */
async function freshReady(): Promise<typeof readyRoute.GET> {
  vi.resetModules();
  return (await import('@/app/api/ready/route')).GET;
}

/** A real PostgreSQL driver on `url`, as openPostgres makes it (without opening it first). */
function postgresHandle(url: string): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma: prisma as unknown as Db,
    kind: 'postgres',
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** A local port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('GET /api/health', () => {
  it('answers 200 {"status":"ok"}, no-store, without touching the database', async () => {
    let touched = false;
    setDbHandle({
      get prisma(): Db {
        touched = true;
        throw new Error('the database was reached');
      },
      kind: own.kind,
      close: async () => {},
    });
    const response = healthRoute.GET();
    expect(response.status).toBe(200);
    expect(await read(response)).toEqual({ status: 'ok' });
    expect(touched).toBe(false);
  });

  it('exports GET only: HEAD is derived from it, every other method answers 405', async () => {
    for (const route of [healthRoute, readyRoute]) {
      expect(Object.keys(route).filter((name) => /^[A-Z]+$/.test(name))).toEqual(['GET']);
      const methods = autoImplementMethods(route as never);
      const head = (await methods.HEAD(new Request('http://localhost/api/x', { method: 'HEAD' }) as never, { params: Promise.resolve({}) } as never)) as Response;
      expect(head.status).toBe(200);
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const response = (await methods[method](new Request('http://localhost/api/x', { method }) as never, { params: Promise.resolve({}) } as never)) as Response;
        expect(response.status, method).toBe(405);
      }
    }
  });
});

describe('signed out, through the proxy (src/proxy.ts)', () => {
  it('a browser navigating to /api/health or /api/ready with no session is let through, not sent to /login', () => {
    const navigate = (path: string) => proxy(new NextRequest(`http://localhost${path}`, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } }));
    for (const path of ['/api/health', '/api/ready']) {
      const response = navigate(path);
      expect(response.headers.get('location'), path).toBeNull();
      expect(response.headers.get('x-middleware-next'), path).toBe('1');
    }
    // The same request to a side's page is sent to sign in: the check above can fail.
    expect(navigate('/admin').headers.get('location')).toMatch(/\/login\?callbackUrl=%2Fadmin$/);
  });
});

describe('GET /api/ready', () => {
  it('200 {"status":"ready"} when the database answers, every migration is applied and the secrets load', async () => {
    const response = await readyRoute.GET();
    expect(response.status).toBe(200);
    expect(await read(response)).toEqual({ status: 'ready', checks: ['database', 'migrations', 'secrets', 'signing-key'] });
  });

  it('503 naming the migration when one in prisma/migrations is not applied in the database', async () => {
    const last = readMigrations().at(-1)!.name;
    const [row] = await own.prisma.$queryRawUnsafe<Record<string, unknown>[]>('DELETE FROM "_prisma_migrations" WHERE migration_name = $1 RETURNING *', last);
    expect(row).toBeDefined();
    try {
      const response = await readyRoute.GET();
      expect(response.status).toBe(503);
      expect(await read(response)).toEqual({ status: 'not-ready', problems: [{ check: 'migrations', message: `Not applied: ${last}.` }] });
    } finally {
      await own.prisma.$executeRawUnsafe(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        row!.id, row!.checksum, row!.finished_at, row!.migration_name, row!.logs, row!.rolled_back_at, row!.started_at, row!.applied_steps_count,
      );
    }
    forgetSharedReadiness();
    expect((await readyRoute.GET()).status).toBe(200);
  });

  it('not ready for a migration newer than the database, or one changed after it was applied', async () => {
    const shipped = readMigrations();
    const newer = { name: '29991231000000_from_the_next_release', sql: 'SELECT 1;', checksum: 'f'.repeat(64) };
    expect(await readiness({ migrations: () => [...shipped, newer] })).toEqual({
      ready: false,
      problems: [{ check: 'migrations', message: 'Not applied: 29991231000000_from_the_next_release.' }],
    });
    const edited = shipped.map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
    expect(await readiness({ migrations: () => edited })).toEqual({
      ready: false,
      problems: [{ check: 'migrations', message: `Changed after they were applied (checksum differs): ${shipped[0]!.name}.` }],
    });
    expect(await readiness({ migrations: () => [] })).toMatchObject({ ready: false, problems: [{ check: 'migrations' }] });
  });

  it('503 "migrations" on a database where nothing was ever migrated (no _prisma_migrations table)', async () => {
    await own.prisma.$executeRawUnsafe('ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_aside"');
    try {
      const response = await readyRoute.GET();
      expect(response.status).toBe(503);
      expect(await read(response)).toEqual({
        status: 'not-ready',
        problems: [{ check: 'migrations', message: 'No migration has been applied (the table _prisma_migrations is missing).' }],
      });
    } finally {
      await own.prisma.$executeRawUnsafe('ALTER TABLE "_prisma_migrations_aside" RENAME TO "_prisma_migrations"');
    }
  });

  it('503 naming the secret when AUTH_SECRET is unset, KEY_SECRET too short or missing, SIGNING_KEY unreadable', async () => {
    vi.stubEnv('AUTH_SECRET', undefined);
    let response = await (await freshReady())();
    expect(response.status).toBe(503);
    expect(await read(response)).toEqual({ status: 'not-ready', problems: [{ check: 'secrets', message: 'AUTH_SECRET is not set: sign-in sessions cannot be signed.' }] });

    vi.stubEnv('AUTH_SECRET', AUTH_SECRET);
    vi.stubEnv('KEY_SECRET', 'short-key-secret-value');
    SECRETS.push('short-key-secret-value');
    response = await (await freshReady())();
    expect(response.status).toBe(503);
    expect((await read(response)).problems).toEqual([{ check: 'secrets', message: expect.stringMatching(/^KEY_SECRET is too short/) }]);

    // A production instance (DATABASE_URL) with no KEY_SECRET; the URL's password is never repeated.
    vi.stubEnv('KEY_SECRET', undefined);
    vi.stubEnv('DATABASE_URL', `postgresql://portal:${DB_PASSWORD}@db.internal.example:5432/portal`);
    response = await (await freshReady())();
    expect((await read(response)).problems).toEqual([{ check: 'secrets', message: 'KEY_SECRET must be set when DATABASE_URL is set (the same value on every instance).' }]);

    vi.unstubAllEnvs();
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const garbage = 'c2lnbmluZy1rZXktdGhhdC1pcy1ub3QtYS1rZXk=';
    SECRETS.push(rsa.split('\n')[1]!, garbage);
    vi.stubEnv('SIGNING_KEY', rsa);
    response = await (await freshReady())();
    expect((await read(response)).problems).toEqual([{ check: 'signing-key', message: 'SIGNING_KEY must be an Ed25519 private key (got rsa).' }]);
    vi.stubEnv('SIGNING_KEY', garbage);
    response = await (await freshReady())();
    expect(response.status).toBe(503);
    expect((await read(response)).problems).toEqual([
      { check: 'signing-key', message: 'SIGNING_KEY could not be read as an Ed25519 private key (PKCS#8 PEM or base64 DER).' },
    ]);
  });

  it('503 "database" when the database refuses the connection, without its address or password', async () => {
    const handle = postgresHandle(`postgresql://portal:${DB_PASSWORD}@127.0.0.1:${await closedPort()}/portal`);
    setDbHandle(handle);
    try {
      const response = await readyRoute.GET();
      expect(response.status).toBe(503);
      expect(await read(response)).toEqual({
        status: 'not-ready',
        problems: [{ check: 'database', message: 'The database could not be reached, or it refused the query.' }],
      });
    } finally {
      await handle.close();
    }
  });

  it('a database that never answers: 503 within the 2 s bound, and probes stop piling up behind it', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const handle = postgresHandle(`postgresql://portal:${DB_PASSWORD}@127.0.0.1:${(silent.address() as net.AddressInfo).port}/portal`);
    setDbHandle(handle);
    try {
      const started = Date.now();
      // Concurrent probes share one check.
      const answers = await Promise.all([readyRoute.GET(), readyRoute.GET(), readyRoute.GET()]);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(answers.map((r) => r.status)).toEqual([503, 503, 503]);
      const messages = (await Promise.all(answers.map(read))).map((body) => body.problems);
      expect(messages).toEqual(Array(3).fill([{ check: 'database', message: 'The database did not answer within 2 s.' }]));
      // The one check still waits on its connection; one more may, a third is not added.
      expect(await readiness({ timeoutMs: 100 })).toEqual({ ready: false, problems: [{ check: 'database', message: 'The database did not answer within 0.1 s.' }] });
      expect(await readiness({ timeoutMs: 100 })).toEqual({
        ready: false,
        problems: [{ check: 'database', message: 'Earlier checks are still waiting for the database to answer.' }],
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await handle.close().catch(() => {});
    }
    // Once the hung connections fail, the waiting checks are counted off: the next probe asks again.
    setDbHandle(own);
    await vi.waitFor(async () => expect((await readiness()).ready).toBe(true), { timeout: 5_000 });
  });

  it('a flood of probes costs the database one query, and the answer is reused for a second', async () => {
    let queries = 0;
    const counted = new Proxy(own.prisma, {
      get(target, property) {
        if (property === '$queryRawUnsafe') {
          return (...args: Parameters<Db['$queryRawUnsafe']>) => {
            queries += 1;
            return target.$queryRawUnsafe(...args);
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const probe = own.probe?.bind(own); // PostgreSQL's handle asks through its probe
    setDbHandle({
      ...own,
      prisma: counted,
      probe: probe && (<T,>(sql: string, ms: number) => ((queries += 1), probe<T>(sql, ms))),
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => readyRoute.GET()));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(queries).toBe(1);
    expect((await readyRoute.GET()).status).toBe(200);
    expect(queries).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, READINESS_CACHE_MS + 50));
    expect((await readyRoute.GET()).status).toBe(200);
    expect(queries).toBe(2);
  });

  it('a database host that never answers fails the connection after POOL_CONNECT_TIMEOUT_MS, not after minutes', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      await expect(openPostgres(`postgresql://portal:${DB_PASSWORD}@127.0.0.1:${(silent.address() as net.AddressInfo).port}/portal`)).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(POOL_CONNECT_TIMEOUT_MS + 3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, POOL_CONNECT_TIMEOUT_MS + 15_000);

  it.runIf(postgresUrl())('a query that never returns gives its place up after queryTimeoutMs: the next probe asks again', async () => {
    const maintenance = postgresUrl()!;
    const name = `portal_test_ready_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: maintenance });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    const url = withDatabase(maintenance, name);
    const handle = await openPostgres(url);
    // Another session holds the table the check reads: the check's query waits, as on a hung server.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE');
    const options = { db: async () => handle, timeoutMs: 100, queryTimeoutMs: 1_000 };
    const notWithin = { ready: false, problems: [{ check: 'database', message: 'The database did not answer within 0.1 s.' }] };
    try {
      expect(await readiness(options)).toEqual(notWithin);
      expect(await readiness(options)).toEqual(notWithin);
      expect(await readiness(options)).toEqual({ ready: false, problems: [{ check: 'database', message: 'Earlier checks are still waiting for the database to answer.' }] });
      // Still locked: without the query's own bound the two places would stay taken as long as the lock.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await readiness(options)).toEqual(notWithin);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    await vi.waitFor(async () => expect((await readiness()).ready).toBe(true), { timeout: 5_000 });
  }, 60_000);
});
