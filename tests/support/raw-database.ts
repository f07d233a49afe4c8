import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgConnection, pgliteConnection } from '@/db/client';
import type { SqlConnection } from '@/db/migrate';
import { postgresUrl, withDatabase } from '../setup/test-database';

/** An empty database (no migrations) on the suite's engine, for tests of the migration runner. */
export async function emptyDatabase(): Promise<{ conn: SqlConnection; close(): Promise<void> }> {
  const url = postgresUrl();
  if (!url) {
    const db = await PGlite.create();
    return { conn: pgliteConnection(db), close: () => db.close() };
  }
  const name = `portal_raw_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new pg.Client({ connectionString: withDatabase(url, name) });
  await client.connect();
  return {
    conn: pgConnection(client),
    async close() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
