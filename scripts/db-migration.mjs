// `npm run db:migration -- <name>`: author the next migration from prisma/schema.prisma, offline.
// The equivalent of `prisma migrate dev --create-only --name <name>`: it writes
// prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql (and migration_lock.toml when missing) and
// applies nothing to any real database. src/db/migrate.ts applies the file later and records its
// sha256: review (and if need be edit) it before it is applied anywhere, never after.
//
// Why internal APIs: the Prisma 7 CLI cannot migrate on these machines (`migrate dev` downloads a
// native schema engine, and the 7.10 CLI has no WASM path). So this one dev script drives Prisma's own
// schema engine compiled to WASM (@prisma/schema-engine-wasm, loaded by hand the way its generated
// bindings expect) on two throw-away in-memory PGlite databases: the "dev" database, brought up to
// date with the existing migrations, and the shadow database the engine diffs against. Keep every use
// of these internal APIs in this file; pin the three packages together (see /work/shared/STACK.md).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const root = path.resolve(import.meta.dirname, '..');
const schemaPath = path.join(root, 'prisma', 'schema.prisma');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const LOCKFILE = 'migration_lock.toml';
const NAME_PATTERN = /^[a-z0-9_]+$/;
const MAX_NAME_LENGTH = 200; // the folder name must fit _prisma_migrations.migration_name (255)
const debugEnabled = /\bprisma|db-migration\b/.test(process.env.DEBUG ?? '');

class UsageError extends Error {}
class MigrationError extends Error {}

const rel = (p) => path.relative(process.cwd(), p) || '.';
const t0 = performance.now();
const debug = (...args) => debugEnabled && console.error(`[db-migration +${((performance.now() - t0) / 1000).toFixed(2)}s]`, ...args);

function usage() {
  return [
    'Usage: npm run db:migration -- <name>',
    '',
    '  Writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql: the SQL that takes the database',
    '  from the existing migrations to prisma/schema.prisma (like `prisma migrate dev --create-only`).',
    '  <name>: lowercase letters, digits and underscores, e.g. add_guarantee_status',
  ].join('\n');
}

function parseName(argv) {
  if (argv.length === 1 && (argv[0] === '-h' || argv[0] === '--help')) return null;
  if (argv.length === 0) throw new UsageError('Missing the migration name.');
  if (argv.length > 1) throw new UsageError(`Expected exactly one argument, the migration name; got ${argv.length}: ${argv.join(' ')}`);
  const [name] = argv;
  if (!NAME_PATTERN.test(name)) {
    throw new UsageError(`Invalid migration name "${name}": use only lowercase letters, digits and underscores.`);
  }
  if (name.length > MAX_NAME_LENGTH) throw new UsageError(`Migration name too long (${name.length} > ${MAX_NAME_LENGTH} characters).`);
  return name;
}

/** What the Prisma CLI passes the engine as `migrationsList` (see its migrations-directory loader). */
function readMigrationsList() {
  let lockContent = null;
  try {
    lockContent = fs.readFileSync(path.join(migrationsDir, LOCKFILE), 'utf8');
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  const directories = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort() // the order src/db/migrate.ts applies them in
    : [];
  const migrationDirectories = directories.map((name) => {
    const file = path.join(migrationsDir, name, 'migration.sql');
    if (!fs.existsSync(file)) {
      throw new MigrationError(`${rel(path.join(migrationsDir, name))} has no migration.sql: remove the folder or restore the file.`);
    }
    return { path: name, migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: fs.readFileSync(file, 'utf8') } } };
  });
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Instantiates the WASM schema engine the way its generated `schema_engine.js` would with a bundler. */
async function loadSchemaEngine() {
  const require = createRequire(import.meta.url);
  // The package exports no ./package.json: find the .wasm next to the exported bindings.
  const bindingsFile = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = fs.readFileSync(path.join(path.dirname(bindingsFile), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmBindings });
  wasmBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return wasmBindings.SchemaEngine;
}

// A Rust panic in the engine reports its message here before the call rejects.
let lastPanic = null;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanic = message) };

/**
 * pglite-prisma-adapter 0.7.2's executeScript() does not await `client.exec(script)`: the engine would
 * go on before the script ran, and a failing script (a broken migration) would surface as an unhandled
 * rejection instead of an engine error. Await it, reporting errors the adapter's own way.
 */
function awaitingScripts(adapter, db) {
  adapter.executeScript = async (script) => {
    try {
      await db.exec(script);
    } catch (e) {
      adapter.onError(e); // DatabaseError -> DriverAdapterError (rethrows)
    }
  };
  return adapter;
}

/**
 * Migration-aware adapter factory: `main` is the dev database; each shadow connection gets a fresh
 * in-memory PGlite (the engine asks for two). They start from `pristine`, a dump of the still-empty
 * main database: loading it skips initdb, which is most of the cost of a new PGlite (about 3x faster).
 */
function adapterFactory(main, pristine, openedShadows) {
  const mainFactory = new PrismaPGlite(main);
  return {
    provider: mainFactory.provider,
    adapterName: mainFactory.adapterName,
    connect: async () => awaitingScripts(await mainFactory.connect(), main),
    connectToShadowDb: async () => {
      const shadow = await PGlite.create({ loadDataDir: pristine });
      debug('shadow database opened');
      openedShadows.push(shadow);
      return awaitingScripts(await new PrismaPGlite(shadow).connect(), shadow);
    },
  };
}

/** Engine errors: JS errors from the adapter (by registry id), user-facing Prisma errors (code), panics. */
function engineError(step, error, registry) {
  const id = error?.cause?.id ?? error?.id;
  const fromRegistry = typeof id === 'number' ? registry.consumeError?.(id)?.error : undefined;
  if (fromRegistry) return new MigrationError(`${step} failed: ${fromRegistry.message ?? fromRegistry}`);
  if (lastPanic) return new MigrationError(`${step} failed: the schema engine panicked: ${lastPanic}`);
  if (error && typeof error === 'object' && 'code' in error && error.code) {
    return new MigrationError(`${step} failed: ${error.code}\n\n${error.message}`);
  }
  return new MigrationError(`${step} failed: ${error?.message ?? String(error)}`);
}

/** Runs the script the way src/db/migrate.ts will: in one transaction (rolled back here). */
async function tryInTransaction(db, script) {
  await db.exec('BEGIN');
  try {
    await db.exec(script);
    return null;
  } catch (e) {
    return e;
  } finally {
    await db.exec('ROLLBACK');
  }
}

async function main() {
  const started = performance.now();
  const name = parseName(process.argv.slice(2));
  if (name === null) {
    console.log(usage());
    return 0;
  }
  if (!fs.existsSync(schemaPath)) throw new MigrationError(`No Prisma schema at ${rel(schemaPath)}.`);
  const schema = fs.readFileSync(schemaPath, 'utf8');
  const schemaFiles = { files: [{ path: schemaPath, content: schema }] };
  const migrationsList = readMigrationsList();
  const filters = { externalTables: [], externalEnums: [] };

  // Both compile a large WASM module: start them together.
  const [SchemaEngine, db] = await Promise.all([
    loadSchemaEngine().then((e) => (debug('engine loaded'), e)),
    PGlite.create().then((d) => (debug('dev database opened'), d)), // in memory: the "dev database" of `migrate dev`
  ]);
  const pristine = await db.dumpDataDir('none');
  debug('dev database dumped');
  const shadows = [];
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory(db, pristine, shadows));
  let engine;
  const run = async (step, fn) => {
    debug('begin', step);
    lastPanic = null;
    try {
      const result = await fn();
      debug(step, JSON.stringify(result));
      return result;
    } catch (e) {
      throw engineError(step, e, bound.errorRegistry);
    }
  };

  try {
    engine = await run('Starting the schema engine', () =>
      SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, (log) => debug('engine:', log), bound),
    );

    // First bring the empty dev database up to date: devDiagnostic then computes the schema of the
    // *applied* migrations on a shadow database and caches it, and createMigration can only use that
    // cache (the WASM engine has no other way to reach a shadow database from createMigration).
    const { appliedMigrationNames } = await run('Applying the existing migrations', () =>
      engine.applyMigrations({ migrationsList, filters }),
    );
    if (appliedMigrationNames.length !== migrationsList.migrationDirectories.length) {
      throw new MigrationError(
        `Applied ${appliedMigrationNames.length} of ${migrationsList.migrationDirectories.length} existing migrations to the in-memory database.`,
      );
    }
    const diagnostic = await run('Checking the migration history', () => engine.devDiagnostic({ migrationsList, filters }));
    if (diagnostic.action.tag === 'reset') {
      throw new MigrationError(`The existing migrations do not replay cleanly:\n${diagnostic.action.reason}`);
    }
    const created = await run('Creating the migration', () =>
      engine.createMigration({ migrationName: name, draft: false, migrationsList, schema: schemaFiles, filters }),
    );

    if (created.migrationScript === null) {
      console.log('No schema changes: no migration written.');
      return 0;
    }
    if (created.connectorType !== 'postgresql') {
      throw new MigrationError(`Expected a PostgreSQL migration, the engine made a ${created.connectorType} one.`);
    }
    const folder = created.generatedMigrationName;
    const last = migrationsList.migrationDirectories.at(-1)?.path;
    if (!/^\d{14}_[a-z0-9_]+$/.test(folder) || (last !== undefined && folder <= last)) {
      throw new MigrationError(
        `The new migration ${folder} would not sort after the last one, ${last}: wait a second and run again, or check the clock.`,
      );
    }
    const script = created.migrationScript;
    // src/db/migrate.ts runs each migration in one transaction: a script that cannot run that way
    // (typically a new enum value used in the same migration) would fail there. Write nothing then.
    const applyError = await tryInTransaction(db, script);
    if (applyError) {
      console.error(script.trimEnd());
      throw new MigrationError(
        `This migration fails when run in one transaction, as the migration runner runs it:\n  ${applyError.message}\n` +
          'No migration written. Make the change in two steps, running db:migration after each ' +
          '(e.g. first add the enum value, then use it).',
      );
    }

    // Write once: the runner checksums this file. Rename into place so no half-written file remains.
    const dir = path.join(migrationsDir, folder);
    const file = path.join(dir, `migration.${created.extension}`);
    fs.mkdirSync(migrationsDir, { recursive: true });
    try {
      fs.mkdirSync(dir);
    } catch (e) {
      if (e.code === 'EEXIST') throw new MigrationError(`${rel(dir)} already exists: wait a second and run again.`);
      throw e;
    }
    try {
      const partial = `${file}.partial`;
      fs.writeFileSync(partial, script, { encoding: 'utf8', flag: 'wx' });
      fs.renameSync(partial, file);
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new MigrationError(`Could not write ${rel(file)}: ${e.message}`);
    }
    const lockPath = path.join(migrationsDir, LOCKFILE);
    if (migrationsList.lockfile.content === null) {
      const lock = `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`;
      fs.writeFileSync(lockPath, lock, { encoding: 'utf8', flag: 'wx' });
    }

    const checksum = createHash('sha256').update(script).digest('hex');
    console.log(script.trimEnd());
    console.log('');
    console.log(`Wrote ${rel(file)} (sha256 ${checksum.slice(0, 12)}…)`);
    if (migrationsList.lockfile.content === null) console.log(`Wrote ${rel(lockPath)}`);
    console.log(`Review it, then commit it with the schema change. (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  } finally {
    try {
      engine?.free();
    } catch {
      // already freed
    }
    await Promise.allSettled([db, ...shadows].map((d) => d.close()));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage()}`);
      process.exit(2);
    }
    console.error(error instanceof MigrationError ? `db:migration: ${error.message}` : error);
    process.exit(1);
  },
);
