import 'server-only';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgConnection, pgliteConnection } from './client';
import { acquireLock, DataDirLockedError } from './lock';
import type { SqlConnection } from './migrate';

/**
 * Backup and restore of the portal's database (decision 055), the core of `npm run backup` and
 * `npm run restore` (scripts/backup.ts) and of their round-trip test.
 *
 * - Embedded (PGlite in `<DATA_DIR>/pglite`): the data folder as PGlite dumps it (`dumpDataDir`, a gzip
 *   tar), taken under the data folder's lock file, so only while the portal is stopped: PGlite opens in
 *   one process only. Restored by PGlite itself into a new folder that replaces the old one.
 * - PostgreSQL (`DATABASE_URL`): `pg_dump -Fc` (a consistent snapshot while the portal runs), restored by
 *   `pg_restore` piped to `psql --single-transaction`: the schema emptied and the dump loaded in one
 *   transaction, so a failed restore leaves the database as it was.
 *
 * The secrets are not in a backup (as GitLab keeps gitlab-secrets.json out of its backups): whoever reads
 * a backup file must not also hold what opens the 認証キー. They are kept beside it, see SECRETS.
 */

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export type BackupKind = 'embedded' | 'postgres';

/** The secrets a backup is useless or weakened without, and why (printed by the scripts). */
export const SECRETS: readonly { name: string; file: string; why: string }[] = [
  {
    name: 'KEY_SECRET',
    file: 'key-secret',
    why: 'behind every 認証キー (lookup hashes and sealed keys) and the sealed key notices waiting in the outbox: without the same value no issued key opens a lookup any more and no contractor sees its key again',
  },
  {
    name: 'SIGNING_KEY',
    file: 'signing-key.pem',
    why: "signs each certificate version: keep it to sign new versions with the same key; without it the versions already signed still verify only if its public key is published as SIGNING_RETIRED_KEYS",
  },
  {
    name: 'AUTH_SECRET',
    file: 'auth-secret',
    why: 'signs session cookies: a different value only signs everyone out',
  },
];

/** What kind of backup a file holds, from its first bytes: gzip (PGlite's dump) or pg_dump's custom format. */
export function backupKindOf(file: string): BackupKind | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    const read = fs.readSync(fd, head, 0, 5, 0);
    if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
    if (read === 5 && head.toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The tables of the public schema, in name order. */
async function tables(conn: SqlConnection): Promise<string[]> {
  const rows = await conn.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows.map((r) => r.name);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables that hold rows (the migrations' own table aside): a database is empty when none does. */
export async function tablesWithRows(conn: SqlConnection): Promise<string[]> {
  const found: string[] = [];
  for (const name of await tables(conn)) {
    if (name === '_prisma_migrations') continue;
    const [row] = await conn.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM public.${quoteIdent(name)}) AS has`);
    if (row?.has) found.push(name);
  }
  return found;
}

/** Row count and a SHA-256 over the sorted text of every row, per table: equal before a backup and after its restore. */
export async function tableDigests(conn: SqlConnection): Promise<Record<string, { rows: number; digest: string }>> {
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const name of await tables(conn)) {
    const rows = await conn.query<{ line: string }>(`SELECT t::text AS line FROM public.${quoteIdent(name)} t ORDER BY 1`);
    const hash = createHash('sha256');
    for (const row of rows) hash.update(row.line).update('\n');
    result[name] = { rows: rows.length, digest: hash.digest('hex') };
  }
  return result;
}

/** Writes through a temporary file beside the target, so that an interrupted backup never leaves half a file under the name. */
function writeAtomically(file: string, write: (tmp: string) => void | Promise<void>): Promise<void> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  return (async () => {
    try {
      await write(tmp);
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  })();
}

function lockEmbedded(dir: string, doing: string): () => void {
  try {
    return acquireLock(path.join(dir, 'pglite.lock'));
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new BackupError(
        `The embedded database in ${dir} is open in process ${error.pid} (the portal, or another backup). ` +
          `Stop it first (Ctrl+C in the terminal of npm start, or kill ${error.pid}), then run the ${doing} again: PGlite opens in one process only.`,
      );
    }
    throw error;
  }
}

export interface BackupSummary {
  file: string;
  bytes: number;
  kind: BackupKind;
}

/** Embedded database: dumps `<dir>/pglite` to `file` (gzip tar) while holding the data folder's lock. */
export async function backupEmbedded(dir: string, file: string): Promise<BackupSummary> {
  const pgdata = path.join(dir, 'pglite');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) throw new BackupError(`No embedded database in ${pgdata}: nothing to back up (is DATA_DIR right?).`);
  const release = lockEmbedded(dir, 'backup');
  try {
    const db = await PGlite.create(pgdata);
    try {
      await db.exec('CHECKPOINT');
      const dump = await db.dumpDataDir('gzip');
      await writeAtomically(file, async (tmp) => fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 }));
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
  return { file: path.resolve(file), bytes: fs.statSync(file).size, kind: 'embedded' };
}

export interface RestoreSummary {
  kind: BackupKind;
  /** Where the database that was there before now lies (embedded, when it held rows), else null. */
  previous: string | null;
}

/**
 * Embedded database: restores `file` into `<dir>/pglite`. Refuses while the portal holds the data folder,
 * and when the database there holds rows unless `force`; a forced restore keeps the old folder beside it
 * (`pglite.before-restore-<time>`) and returns its path.
 */
export async function restoreEmbedded(file: string, dir: string, { force = false } = {}): Promise<RestoreSummary> {
  expectKind(file, 'embedded');
  await checkGzip(file);
  fs.mkdirSync(dir, { recursive: true });
  const release = lockEmbedded(dir, 'restore');
  try {
    const pgdata = path.join(dir, 'pglite');
    const exists = fs.existsSync(path.join(pgdata, 'PG_VERSION'));
    let holdsRows: string[] = [];
    if (exists) {
      const current = await PGlite.create(pgdata);
      try {
        holdsRows = await tablesWithRows(pgliteConnection(current));
      } finally {
        await current.close();
      }
      if (holdsRows.length > 0 && !force) throw notEmpty(pgdata, holdsRows);
    }
    const incoming = `${pgdata}.restoring`;
    fs.rmSync(incoming, { recursive: true, force: true });
    try {
      const db = await PGlite.create(incoming, { loadDataDir: new Blob([fs.readFileSync(file)]) });
      try {
        await db.query('SELECT count(*) FROM "_prisma_migrations"');
      } finally {
        await db.close();
      }
    } catch (error) {
      fs.rmSync(incoming, { recursive: true, force: true });
      throw new BackupError(`${file} could not be restored by this PGlite: ${(error as Error).message}`);
    }
    let previous: string | null = null;
    if (fs.existsSync(pgdata)) {
      if (holdsRows.length > 0) {
        previous = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(pgdata, previous);
      } else {
        fs.rmSync(pgdata, { recursive: true, force: true });
      }
    }
    fs.renameSync(incoming, pgdata);
    return { kind: 'embedded', previous };
  } finally {
    release();
  }
}

/** Reads the whole gzip stream (its CRC and length at the end): a file cut short or damaged is refused before PGlite sees it. */
async function checkGzip(file: string): Promise<void> {
  try {
    await pipeline(fs.createReadStream(file), createGunzip(), new Writable({ write: (_chunk, _enc, done) => done() }));
  } catch (error) {
    throw new BackupError(`${file} is damaged or cut short, nothing was changed: ${(error as Error).message}`);
  }
}

function notEmpty(where: string, holdsRows: string[]): BackupError {
  return new BackupError(
    `The database ${where} is not empty (rows in ${holdsRows.slice(0, 5).join(', ')}${holdsRows.length > 5 ? ', …' : ''}). ` +
      'Restore into an empty database, or add --force to replace its contents with the backup.',
  );
}

function expectKind(file: string, kind: BackupKind): void {
  if (!fs.existsSync(file)) throw new BackupError(`No such backup file: ${file}`);
  const found = backupKindOf(file);
  if (found === kind) return;
  if (found === 'postgres') throw new BackupError(`${file} is a PostgreSQL backup (pg_dump): set DATABASE_URL to the PostgreSQL database to restore it into.`);
  if (found === 'embedded') throw new BackupError(`${file} is an embedded-database backup (PGlite): unset DATABASE_URL to restore it into DATA_DIR.`);
  throw new BackupError(`${file} is not a backup made by npm run backup.`);
}

/** libpq's environment for `url`, so that the password never shows in a process list. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  // Parameters only node-postgres or Prisma know (e.g. schema, connection_limit) would make libpq refuse the URL.
  for (const key of [...u.searchParams.keys()]) {
    if (!['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'application_name', 'connect_timeout', 'options', 'host', 'port'].includes(key)) u.searchParams.delete(key);
  }
  return { dbname: u.toString(), env };
}

function requireTool(tool: string): void {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new BackupError(
      `${tool} was not found. Install PostgreSQL's client tools of the server's major version or newer ` +
        '(Debian/Ubuntu: apt-get install postgresql-client), or put them on PATH.',
    );
  }
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(tool, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new BackupError(`${tool} failed: ${(result.stderr || result.error?.message || '').trim()}`);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Could not connect to the database of DATABASE_URL (create it first, empty, to restore into it): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** PostgreSQL: `pg_dump -Fc` of the database at `url` into `file`; a consistent snapshot, the portal may run. */
export async function backupPostgres(url: string, file: string): Promise<BackupSummary> {
  requireTool('pg_dump');
  const { dbname, env } = libpq(url);
  await writeAtomically(file, (tmp) => {
    // Owner-only before pg_dump writes a byte (it creates its file with the umask, usually 0644, and
    // keeps an existing file's mode: it opens it with O_TRUNC), not only once it is complete.
    fs.closeSync(fs.openSync(tmp, 'w', 0o600));
    fs.chmodSync(tmp, 0o600);
    run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${dbname}`], env);
  });
  fs.chmodSync(file, 0o600);
  return { file: path.resolve(file), bytes: fs.statSync(file).size, kind: 'postgres' };
}

/**
 * PostgreSQL: restores `file` into the database at `url`. Refuses while other sessions use the database
 * (stop every instance first) and when it holds rows unless `force`. The public schema is dropped and
 * recreated and the dump loaded in one transaction (`pg_restore -f - | psql --single-transaction`).
 */
export async function restorePostgres(file: string, url: string, { force = false } = {}): Promise<RestoreSummary> {
  expectKind(file, 'postgres');
  requireTool('pg_restore');
  requireTool('psql');
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number; db: string }>(
      'SELECT count(*)::int AS n, current_database() AS db FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    if (rows[0]!.n > 0) {
      throw new BackupError(`${rows[0]!.n} other session(s) are connected to the database ${rows[0]!.db}: stop every instance of the portal first, then run the restore again.`);
    }
    const holdsRows = await tablesWithRows(pgConnection(client));
    if (holdsRows.length > 0 && !force) throw notEmpty(`${rows[0]!.db}`, holdsRows);
  });
  const { dbname, env } = libpq(url);
  // One transaction opened and committed here, not by pg_restore or psql: the COMMIT is sent only once
  // pg_restore has written the whole dump, so a dump that breaks half-way is rolled back with the rest.
  const restore = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = spawn('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const ended = (child: ReturnType<typeof spawn>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
    });
  const restoreEnd = ended(restore);
  const psqlEnd = ended(psql);
  psql.stdin.on('error', () => {}); // psql stopping at the first error closes its input: its exit code tells
  // The schema the dump recreates its tables in, emptied first, in the same transaction as the load.
  psql.stdin.write('BEGIN;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n');
  restore.stdout.pipe(psql.stdin, { end: false });
  const restored = await restoreEnd;
  psql.stdin.end(restored.code === 0 ? 'COMMIT;\n' : undefined);
  const loaded = await psqlEnd;
  if (restored.code !== 0) throw new BackupError(`pg_restore failed, nothing was changed: ${restored.stderr}`);
  if (loaded.code !== 0) throw new BackupError(`The restore was rolled back, nothing was changed: ${loaded.stderr}`);
  return { kind: 'postgres', previous: null };
}
