import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { NextRequest } from 'next/server';
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import * as readyRoute from '@/app/api/ready/route';
import { signingKey } from '@/config/signing-key';
import { getDbHandle, setDbHandle, type Db, type DbHandle } from '@/db/client';
import { readMigrations } from '@/db/migrate';
import { PrismaClient } from '@/generated/prisma/client';
import { proxy } from '@/proxy';
import { readiness } from '@/domain/readiness/readiness';

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
      const answers = await Promise.all([readyRoute.GET(), readyRoute.GET(), readyRoute.GET()]);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(answers.map((r) => r.status)).toEqual([503, 503, 503]);
      const messages = (await Promise.all(answers.map(read))).map((body) => body.problems);
      expect(messages).toEqual([
        [{ check: 'database', message: 'The database did not answer within 2 s.' }],
        [{ check: 'database', message: 'The database did not answer within 2 s.' }],
        [{ check: 'database', message: 'Earlier checks are still waiting for the database to answer.' }],
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await handle.close().catch(() => {});
    }
    // Once the hung connections fail, the waiting checks are counted off: the next probe asks again.
    setDbHandle(own);
    await vi.waitFor(async () => expect((await readyRoute.GET()).status).toBe(200), { timeout: 5_000 });
  });
});
