import 'server-only';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '@/generated/prisma/client';
import { dataDir } from './data-dir';
import { acquireLock } from './lock';
import { migrate, type SqlConnection } from './migrate';
import { SerialClient } from './serial-client';
import { logger } from '@/lib/log';

const log = logger('db');

// Secret columns never leave the database unless a query asks for them by name (omit: false).
const OMIT = {
  user: { passwordHash: true },
  authKey: { keyHash: true, sealed: true },
  apiToken: { tokenHash: true },
} as const;

// Transactions queue for a connection (PGlite has exactly one; a pool has DATABASE_POOL_SIZE): under
// a burst, Prisma's default 2 s wait to start one would refuse work that is merely queued.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 };

function createClient(adapter: PrismaPg | PrismaPGlite) {
  return new PrismaClient({ adapter, omit: OMIT, transactionOptions: TRANSACTION_OPTIONS });
}

export type Db = ReturnType<typeof createClient>;
/** The client inside db.$transaction(async (tx) => …). */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** How the connections are used now (GET /api/metrics): null where the database has no such figure. */
export interface PoolUse {
  /** Most connections opened: the pool's max on PostgreSQL, 1 on PGlite. */
  max: number;
  /** Open now, in use or idle. */
  total: number;
  idle: number | null;
  /** Queries waiting for a connection. */
  waiting: number | null;
}

export interface DbHandle {
  prisma: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Pool use now (a handle made elsewhere, e.g. by a test, may have none). */
  poolUse?(): PoolUse;
  /**
   * Runs one read-only query with a bound of its own (GET /api/ready): on PostgreSQL the query fails
   * after `timeoutMs` even when the connection under it is dead, and that connection leaves the pool.
   * Absent (PGlite, a test's handle): the caller uses `prisma`.
   */
  probe?<T>(sql: string, timeoutMs: number): Promise<T[]>;
}

/**
 * How long a query waits for a pool connection, a new connection included (pg-pool's
 * connectionTimeoutMillis): as long as Prisma lets a transaction wait (TRANSACTION_OPTIONS.maxWait), so
 * nothing merely queued is refused sooner than before, while a database host that swallows packets
 * fails the query instead of holding it for the operating system's TCP timeout (minutes). No query
 * timeout for the pool as a whole: migrations run on it (src/db/migrate.ts, under the advisory lock)
 * and may legitimately take long; only the readiness query has one (DbHandle.probe).
 */
export const POOL_CONNECT_TIMEOUT_MS = TRANSACTION_OPTIONS.maxWait;

/** The readiness query on a pg pool: a client-side query_timeout, which holds even on a dead connection. */
export function poolProbe(pool: pg.Pool): NonNullable<DbHandle['probe']> {
  return async <T>(sql: string, timeoutMs: number) => (await pool.query({ text: sql, query_timeout: timeoutMs } as pg.QueryConfig)).rows as T[];
}

export function pgliteConnection(pglite: PGlite): SqlConnection {
  return {
    async query(sql, params) {
      return (await pglite.query(sql, params)).rows as never[];
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
  };
}

export function pgConnection(client: pg.ClientBase): SqlConnection {
  return {
    async query(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
  };
}

const DIRECT_POOLS = Symbol.for('portal.directPools');
/**
 * The pg pool under a Prisma client opened on PostgreSQL (none for PGlite or a test's own client).
 * Kept on globalThis, as the handle is (below): Next bundles this module once per entry
 * (instrumentation, each route, actions), and the copy that opened the database is not the copy a
 * route handler calls — a map of its own would be empty there, and every statement would fall back
 * to Prisma (decision 064, addendum 3).
 */
const globalPools = globalThis as typeof globalThis & { [DIRECT_POOLS]?: WeakMap<object, pg.Pool> };
const directPools = (globalPools[DIRECT_POOLS] ??= new WeakMap<object, pg.Pool>());

/** timestamp without time zone is stored in UTC here (the pool sets TimeZone=UTC): read it so. */
const TIMESTAMP_OID = 1114;
const DIRECT_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * One statement on a pooled PostgreSQL connection of its own, beside Prisma rather than through it —
 * for the one hot statement whose cost Prisma's handling of parameters and rows would add to
 * (the lookup, decision 064: about 0.25 ms of 5 a call). The text uses $1…$n with explicit casts.
 * On PGlite (one connection shared with Prisma's transactions) it runs through Prisma, unchanged.
 * Rows come back as pg parses them: text, uuid and numeric as strings, integer and boolean as such,
 * json as objects, timestamp without time zone as the UTC moment it holds.
 */
export async function queryDirect<T>(db: Db, text: string, values: unknown[]): Promise<T[]> {
  const pool = directPools.get(db);
  if (!pool) return db.$queryRawUnsafe<T[]>(text, ...values);
  return (await pool.query<T & pg.QueryResultRow>({ text, values, types: DIRECT_TYPES })).rows;
}

/** Opens PostgreSQL at `url`, applies pending migrations, and returns the Prisma client on it. */
export async function openPostgres(url: string): Promise<DbHandle> {
  // Sessions in UTC: timestamp(3) columns hold UTC wall-clock time (as Prisma writes it), so a column
  // default or now() must mean UTC too, whatever the server's own time zone.
  // SerialClient: one query at a time on a connection, as pg 9 requires (a transaction's `include` asks for several).
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    options: '-c TimeZone=UTC',
    Client: SerialClient,
    connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS,
  });
  // An idle connection the server closes (restart, failover, a dropped database) is an 'error' event
  // on the pool; unhandled, it would end the process. The pool replaces the connection on next use.
  pool.on('error', (error) => log.error('idle PostgreSQL connection lost', error));
  const client = await pool.connect();
  try {
    await migrate(pgConnection(client));
  } finally {
    client.release();
  }
  const prisma = createClient(new PrismaPg(pool));
  directPools.set(prisma, pool);
  return {
    prisma,
    kind: 'postgres',
    poolUse: () => ({ max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    probe: poolProbe(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Wraps an open PGlite (a data folder or a test copy), applies pending migrations. */
export async function openPglite(pglite: PGlite, release: () => void = () => {}): Promise<DbHandle> {
  await migrate(pgliteConnection(pglite));
  const prisma = createClient(new PrismaPGlite(pglite));
  return {
    prisma,
    kind: 'pglite',
    // One connection, always open (while the handle is); its queue is the adapter's, not a pool's.
    poolUse: () => ({ max: 1, total: pglite.closed ? 0 : 1, idle: null, waiting: null }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

/** The embedded default: PGlite in `<data folder>/pglite`, guarded by a pid lock file. */
export async function openEmbedded(dir = dataDir()): Promise<DbHandle> {
  const release = acquireLock(path.join(dir, 'pglite.lock'));
  try {
    const pglite = await PGlite.create(path.join(dir, 'pglite'));
    return await openPglite(pglite, release);
  } catch (error) {
    release();
    throw error;
  }
}

export function openConfigured(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openEmbedded();
}

// One handle per process, kept on globalThis so that Next's separately bundled entries
// (instrumentation, routes, actions) and dev-mode reloads share it.
const holder = globalThis as typeof globalThis & { __portalDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  holder.__portalDb ??= openConfigured().catch((error: unknown) => {
    holder.__portalDb = undefined;
    throw error;
  });
  return holder.__portalDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).prisma;
}

/** Tests install the database of their file here. */
export function setDbHandle(handle: DbHandle | undefined): void {
  holder.__portalDb = handle ? Promise.resolve(handle) : undefined;
}
