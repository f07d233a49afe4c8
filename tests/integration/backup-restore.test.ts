import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { publishedKeyMap } from '@/config/signing-key';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres, tableDigests } from '@/db/backup';
import { getDbHandle, openEmbedded, openPostgres, setDbHandle, type Db, type DbHandle } from '@/db/client';
import type { SqlConnection } from '@/db/migrate';
import { checkSecretsAgainstData } from '@/domain/certificates/restore-check';
import { isIntact, verifyVersion } from '@/domain/certificates/signature';
import { saveApplication } from '@/domain/applications/save-application';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { main } from '../../scripts/backup';
import { postgresUrl, TEMPLATE_DB, withDatabase } from '../setup/test-database';
import { changeGuaranteeAmount } from '../support/confirmations';
import { applicationInput, concludedGuarantee, makeCast, must, TEST_KEY_SECRET as SECRET } from '../support/factories';

/**
 * npm run backup / npm run restore (scripts/backup.ts, src/db/backup.ts) on the suite's engine: the
 * embedded PGlite in a data folder, or PostgreSQL (TEST_DATABASE_URL) with throwaway databases.
 */
const url = postgresUrl();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backup-'));
const databases: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
  if (url && databases.length > 0) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

/** A place for a database: a data folder (embedded) or a PostgreSQL database; `migrated` copies the suite's template. */
async function place(migrated: boolean): Promise<{ env: Record<string, string>; open(): Promise<DbHandle>; where: string }> {
  if (url) {
    const name = `portal_backup_${randomBytes(4).toString('hex')}`;
    databases.push(name);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(migrated ? `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}` : `CREATE DATABASE ${name}`);
    await admin.end();
    const at = withDatabase(url, name);
    return { env: { DATABASE_URL: at }, open: () => openPostgres(at), where: at };
  }
  const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
  if (migrated) {
    const copy = await PGlite.create(path.join(dir, 'pglite'), { loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    await copy.close();
  }
  return { env: { DATA_DIR: dir }, open: () => openEmbedded(dir), where: dir };
}

/** Runs the npm script's main() with the environment of `env` (DATA_DIR or DATABASE_URL); returns its code and output. */
async function cli(env: Record<string, string>, ...args: string[]) {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  Object.assign(process.env, env);
  const out: string[] = [];
  try {
    const code = await main(args, (line) => out.push(line), (line) => out.push(line));
    return { code, text: out.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const sql = (db: Db): SqlConnection => ({
  query: (text, params = []) => db.$queryRawUnsafe(text, ...params),
  exec: async (text) => void (await db.$executeRawUnsafe(text)),
});

async function within<T>(handle: DbHandle, work: (db: Db) => Promise<T>): Promise<T> {
  const previous = await getDbHandle();
  setDbHandle(handle);
  try {
    return await work(handle.prisma);
  } finally {
    setDbHandle(previous);
  }
}

/**
 * The round trip starts the backup and restore commands as processes of their own (tsx, each loading
 * the app's modules) besides building and reading two databases: about a minute on a quiet machine,
 * and over the suite's 120 s when CI shares two cores with other work. Its own bound, so that it
 * fails only when something hangs, never because the machine is busy.
 */
const ROUND_TRIP_TIMEOUT_MS = 480_000; // each test of this file: they all start the commands as processes

describe(`backup and restore (${url ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  it('a restored backup holds every row as it was: certificate versions verify, the issued key opens the lookup, outbox, confirmations and audit intact', async () => {
    // Data of every kind, through the domain.
    const source = await place(true);
    const sourceHandle = await source.open();
    const made = await within(sourceHandle, async (db) => {
      const cast = await makeCast();
      const { number, guaranteeId } = await concludedGuarantee(cast.contractor, cast.orderer);
      const key = (await getKeyPage(db, cast.contractor.actor, number, SECRET)).key;
      must(await sendKeyNoticeToOrderer(db, cast.contractor.actor, number, SECRET, { confirmResend: false }));
      const found = await lookupCertificate(db, { kind: 'user', actor: cast.clerk.actor }, { number, key }, { secret: SECRET, clientAddress: '192.0.2.41' });
      expect(found.status).toBe('found');
      await changeGuaranteeAmount(db, cast.admin, guaranteeId, 30_000_000n);
      const counts = {
        versions: await db.certificateVersion.count(),
        keys: await db.authKey.count(),
        confirmations: await db.confirmation.count(),
        attempts: await db.lookupAttempt.count(),
        mails: await db.outboxMail.count(),
        attachments: await db.mailAttachment.count({ where: { sealed: true } }),
        audit: await db.auditLog.count(),
      };
      expect(counts).toMatchObject({ versions: 2, keys: 1, confirmations: 1, attempts: 1, attachments: 1 });
      expect(counts.mails).toBeGreaterThan(0);
      expect(counts.audit).toBeGreaterThan(2);
      return { cast, number, key, digests: await tableDigests(sql(db)) };
    });
    await sourceHandle.close();

    const file = path.join(tmp, `portal-${randomBytes(3).toString('hex')}.backup`);
    const backup = await cli(source.env, 'backup', file);
    expect(backup.text).toContain('Backup written');
    expect(backup.code).toBe(0);
    for (const secret of ['KEY_SECRET', 'SIGNING_KEY', 'AUTH_SECRET']) expect(backup.text).toContain(secret);
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    // The source still holds its rows: restoring over it is refused unless forced.
    const refused = await cli(source.env, 'restore', file);
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/not empty .*--force/s);

    // Wiped: a fresh, empty database.
    const target = await place(false);
    const restored = await cli(target.env, 'restore', file);
    expect(restored.text).toContain('KEY_SECRET and the signing keys match the restored data');
    expect(restored.code).toBe(0);

    const handle = await target.open();
    try {
      await within(handle, async (db) => {
        expect(await tableDigests(sql(db))).toEqual(made.digests);
        // Every certificate version's digest and signature verify under the published keys.
        const versions = await db.certificateVersion.findMany({ select: { content: true, digest: true, signature: true, signingKeyId: true } });
        expect(versions).toHaveLength(2);
        for (const v of versions) expect(isIntact(verifyVersion(v, publishedKeyMap()))).toBe(true);
        // The issued key still opens the lookup, and the contractor still sees it.
        const again = await lookupCertificate(db, { kind: 'user', actor: made.cast.clerk.actor }, { number: made.number, key: made.key }, { secret: SECRET, clientAddress: '192.0.2.42' });
        expect(again.status).toBe('found');
        expect((await getKeyPage(db, made.cast.contractor.actor, made.number, SECRET)).key).toBe(made.key);
        // Sequences came back too: the next conclusion takes a new number.
        const app = must(await saveApplication(db, made.cast.contractor.actor, undefined, applicationInput(made.cast.orderer.id, made.cast.orderer.departmentId), { submit: true }));
        const next = must(await concludeApplication(db, made.cast.admin.actor, app.id, SECRET));
        expect(next.number).not.toBe(made.number);
        // Other secrets than the data's are named, in the words an operator acts on.
        const wrong = await checkSecretsAgainstData(db, { keySecret: 'another-key-secret-of-at-least-32-chars', publicKeys: new Map() });
        expect(wrong.join('\n')).toMatch(/KEY_SECRET differs[\s\S]*signed by key .* not configured/);
        expect(await checkSecretsAgainstData(db, { keySecret: SECRET, publicKeys: publishedKeyMap() })).toEqual([]);
      });
    } finally {
      await handle.close();
    }

    // A backup cut short is refused even with --force, and the database stays as it was.
    const broken = `${file}.cut`;
    fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size * 0.6)));
    const failed = await cli(source.env, 'restore', broken, '--force');
    expect(failed.code).toBe(1);
    expect(failed.text).toContain('nothing was changed');
    const untouched = await source.open();
    try {
      expect(await tableDigests(sql(untouched.prisma))).toEqual(made.digests);
    } finally {
      await untouched.close();
    }

    // Forced over the source: its rows replaced by the backup's (which are the same here).
    const forced = await cli(source.env, 'restore', file, '--force');
    expect(forced.code).toBe(0);
    const over = await source.open();
    try {
      expect(await tableDigests(sql(over.prisma))).toEqual(made.digests);
    } finally {
      await over.close();
    }
    if (!url) expect(forced.text).toMatch(/kept in .*pglite\.before-restore-/);
  }, ROUND_TRIP_TIMEOUT_MS);

  it.runIf(url)('a PostgreSQL backup is readable by its owner only while pg_dump writes it, not only once renamed', async () => {
    const source = await place(true);
    // pg_dump on PATH is a wrapper that runs the real one, then notes the mode of the file it wrote
    // (still the temporary file: the rename comes after).
    const real = spawnSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).stdout.trim();
    const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
    const modeFile = path.join(bin, 'mode');
    fs.writeFileSync(
      path.join(bin, 'pg_dump'),
      `#!/bin/sh\n"${real}" "$@" || exit $?\nfor a in "$@"; do case "$a" in --file=*) stat -c %a "\${a#--file=}" > "${modeFile}";; esac; done\n`,
      { mode: 0o755 },
    );
    const file = path.join(tmp, `mode-${randomBytes(3).toString('hex')}.backup`);
    const previous = process.env.PATH;
    const umask = process.umask(0o022);
    process.env.PATH = `${bin}${path.delimiter}${previous}`;
    try {
      await backupPostgres(source.where, file);
    } finally {
      process.env.PATH = previous;
      process.umask(umask);
    }
    expect(fs.readFileSync(modeFile, 'utf8').trim()).toBe('600');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  }, ROUND_TRIP_TIMEOUT_MS);

  it.skipIf(url)('the embedded database is not backed up or restored while the portal holds its data folder', async () => {
    const target = await place(true);
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/hold-embedded.ts', target.where], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve(null));
      child.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    const file = path.join(tmp, 'held.backup');
    await expect(backupEmbedded(target.where, file)).rejects.toThrow(new RegExp(`open in process ${child.pid} .*Stop it first`));
    expect(fs.existsSync(file)).toBe(false);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await backupEmbedded(target.where, file);
    // A PostgreSQL backup is not an embedded one, and the other way round.
    await expect(restorePostgres(file, 'postgresql://127.0.0.1/none')).rejects.toThrow(/embedded-database backup .*unset DATABASE_URL/);
    const other = path.join(tmp, 'other.backup');
    fs.writeFileSync(other, 'PGDMP-not-really');
    await expect(restoreEmbedded(other, target.where)).rejects.toThrow(/PostgreSQL backup .*set DATABASE_URL/);
  }, ROUND_TRIP_TIMEOUT_MS);
});
