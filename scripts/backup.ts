// `npm run backup -- <file>` and `npm run restore -- <file> [--force]` (decision 055): the database the
// portal is configured with — PostgreSQL with DATABASE_URL (pg_dump / pg_restore), else the embedded
// PGlite in DATA_DIR (only while the portal is stopped). The work is in src/db/backup.ts; after a restore
// the data itself tells whether the configured secrets are the ones it was made with
// (src/domain/certificates/restore-check.ts). Run with tsx --conditions=react-server (package.json).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KeyObject } from 'node:crypto';
import { publishedKeyMap, retiredPublicKeys } from '@/config/signing-key';
import { backupEmbedded, BackupError, backupPostgres, restoreEmbedded, restorePostgres, SECRETS } from '@/db/backup';
import { openEmbedded, openPostgres } from '@/db/client';
import { dataDir } from '@/db/data-dir';
import { checkSecretsAgainstData } from '@/domain/certificates/restore-check';

const USAGE = 'usage: npm run backup -- <file>   |   npm run restore -- <file> [--force]';

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Where each secret comes from on this configuration: the environment, or the embedded data folder's file. */
function secretSources(): string[] {
  const embedded = !process.env.DATABASE_URL;
  return SECRETS.map((s) => {
    const file = path.join(dataDir(), s.file);
    const where = process.env[s.name]
      ? `the environment variable ${s.name}`
      : !embedded
        ? `${s.name} (not set here)`
        : fs.existsSync(file)
          ? file
          : `${file} (not there yet: made at the portal's first start)`;
    return `  - ${s.name}: ${where} — ${s.why}.`;
  });
}

function readSecret(name: string, file: string): string | null {
  if (process.env[name]) return process.env[name]!;
  if (process.env.DATABASE_URL) return null;
  const p = path.join(dataDir(), file);
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8').trim() : null;
}

/** The public keys configured now, without generating a signing key where none is (signingKey() would, embedded). */
function configuredPublicKeys(): Map<string, KeyObject> {
  const present = Boolean(process.env.SIGNING_KEY) || process.env.NODE_ENV === 'test' || (!process.env.DATABASE_URL && fs.existsSync(path.join(dataDir(), 'signing-key.pem')));
  return present ? publishedKeyMap() : new Map(retiredPublicKeys().map((k) => [k.keyId, k.publicKey]));
}

/** Runs one command; returns the exit code. `print` gets the output, `fail` what went wrong. */
export async function main(args: string[], print: (line: string) => void = console.log, fail: (line: string) => void = console.error): Promise<number> {
  const [command, file, ...rest] = args;
  const force = rest.includes('--force');
  if ((command !== 'backup' && command !== 'restore') || !file || rest.some((a) => a !== '--force') || (command === 'backup' && force)) {
    fail(USAGE);
    return 2;
  }
  const url = process.env.DATABASE_URL;
  try {
    if (command === 'backup') {
      const done = url ? await backupPostgres(url, file) : await backupEmbedded(dataDir(), file);
      print(`Backup written: ${done.file} (${megabytes(done.bytes)}, ${done.kind === 'postgres' ? 'pg_dump custom format' : 'embedded database, PGlite'}).`);
      print('It holds no secrets. Keep these with it, stored apart from the backup file; a restore needs the same values:');
      for (const line of secretSources()) print(line);
      return 0;
    }

    const done = url ? await restorePostgres(file, url, { force }) : await restoreEmbedded(file, dataDir(), { force });
    print(`Restored ${path.resolve(file)} into ${url ? 'the PostgreSQL database of DATABASE_URL' : path.join(dataDir(), 'pglite')}.`);
    if (done.previous) print(`The database that was there is kept in ${done.previous}: delete it once the restore is checked.`);

    const handle = url ? await openPostgres(url) : await openEmbedded(dataDir());
    let problems: string[];
    try {
      problems = await checkSecretsAgainstData(handle.prisma, { keySecret: readSecret('KEY_SECRET', 'key-secret'), publicKeys: configuredPublicKeys() });
    } finally {
      await handle.close();
    }
    if (problems.length === 0) {
      print('KEY_SECRET and the signing keys match the restored data: issued 認証キー open lookups and the newest certificate versions verify.');
      print('AUTH_SECRET: a value other than the old one only signs everyone out.');
      return 0;
    }
    fail('The database is restored, but the secrets configured here are not the ones it was made with:');
    for (const p of problems) fail(`  - ${p}`);
    fail('Fix them before starting the portal. What each secret is for:');
    for (const line of secretSources()) fail(line);
    return 1;
  } catch (error) {
    if (error instanceof BackupError) {
      fail(error.message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
