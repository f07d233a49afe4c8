import 'server-only';
import pg from 'pg';
import type { DbHandle } from './client';
import { ADVISORY_LOCK_KEY } from './migrate';

/**
 * Runs `work` while holding the migrations' advisory lock (src/db/migrate.ts) on a connection of its
 * own, so that instances starting together on one PostgreSQL database do their start-up writes one
 * after the other: the demo seed (src/demo/seed.ts) checks for an empty database and fills it, and two
 * instances doing both at once would each see it empty. The lock is a session lock on a dedicated
 * connection (not on the pool: `work` uses the pool, which may have a single connection), held until
 * `work` ends and released even when it throws; a native `prisma migrate deploy` waits for it too.
 * The embedded PGlite is one process's only (its lock file, src/db/lock.ts): `work` simply runs.
 */
export async function underStartLock<T>(handle: DbHandle, work: () => Promise<T>, url = process.env.DATABASE_URL): Promise<T> {
  if (handle.kind !== 'postgres' || !url) return work();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
