// Shared by the benches: a throwaway PostgreSQL database, and the Result unwrap they all need.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Result } from '@/domain/result';

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
  return r.value;
}

/**
 * Runs `work` with the URL of a new database on BENCH_DATABASE_URL's server (a local maintenance URL,
 * default postgresql://postgres@127.0.0.1:5432/postgres) and drops it afterwards. Without a reachable
 * server it says so and skips.
 */
export async function withScratchPostgres(label: string, work: (url: string, host: string) => Promise<void>): Promise<void> {
  const maintenance = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: maintenance });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`\n${label}: skipped, no PostgreSQL (${(error as Error).message}); set BENCH_DATABASE_URL.`);
    return;
  }
  const name = `portal_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(maintenance);
  u.pathname = `/${name}`;
  try {
    await work(u.toString(), u.host);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
