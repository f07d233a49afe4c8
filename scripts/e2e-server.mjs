// The server for the browser tests (started by playwright.config.ts): the production build under
// scripts/server/serve.mjs (Next behind the portal's front, as `npm start`
// serves it) on PORT (3100), on a fresh database each run, with the demo data.
//   - default: PGlite in a new folder .test-data/e2e-<timestamp> (older e2e-* folders are removed,
//     unless a live process still holds one);
//   - TEST_DATABASE_URL (a local PostgreSQL maintenance URL): a new database portal_e2e_<timestamp>,
//     passed to the app as DATABASE_URL and dropped when the server stops.
// Mail: a real SMTP server (smtp-server) runs in this process; the app gets its address as SMTP_URL,
// and every message it accepts is written as raw RFC 5322 to .test-data/mail-<port>/ (emptied at start),
// where the browser tests read and parse it (E2E_MAIL_DIR).
// Accounts: the browser tests make their own through POST /api/test-support/users
// (src/app/api/test-support/users/route.ts), which answers 404 unless the server has E2E_SUPPORT_TOKEN:
// a random token made here for this run, passed to the app and written to .test-data/e2e-support-token-<port>
// (mode 600, removed when the server stops) where e2e/fixtures.ts reads it.
// Logs: the server's stdout (JSON lines) and stderr go to this process's own, and to
// test-results/e2e-run-<port>/server.log and server-stderr.log, emptied at start, with secrets.txt:
// every secret of the run the tests learn (the demo password, each 認証キー and API token read, session
// cookies; e2e/fixtures.ts recordSecret) and the server's own (written here). After the suite,
// scripts/e2e-log-check.mjs searches the logs for them and must find none (decision 053).
// The build itself is the test runner's job (scripts/test.mjs runs `next build` before Playwright);
// only when there is no build at all is one made here.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

const port = process.env.PORT ?? '3100';
// NEXT_DIST_DIR (next.config.ts) names the build folder, so that runs on other ports can build apart.
const distDir = process.env.NEXT_DIST_DIR || '.next';
const next = path.join(root, 'node_modules/next/dist/bin/next');
const stamp = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
const log = (message) => console.log(`[e2e-server] ${message}`);

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const E2E_DB_PREFIX = 'portal_e2e_';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Removes the data folders of earlier runs; one whose lock is held by a live process is kept. */
function removeOldDataDirs(base) {
  if (!fs.existsSync(base)) return;
  for (const name of fs.readdirSync(base)) {
    if (!name.startsWith('e2e-')) continue;
    const dir = path.join(base, name);
    // Only data folders: a run on another port keeps its support token in a file e2e-support-token-<port>.
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    const lock = path.join(dir, 'pglite.lock');
    if (fs.existsSync(lock)) {
      const pid = Number.parseInt(fs.readFileSync(lock, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && isAlive(pid)) {
        log(`keeping ${dir}: in use by process ${pid}`);
        continue;
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh PostgreSQL database for this run; stale ones of runs that were killed are dropped. */
async function createPostgresDatabase(maintenanceUrl) {
  const host = new URL(maintenanceUrl).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run browser tests against a non-local database (${host}). TEST_DATABASE_URL must name localhost.`);
  }
  const name = `${E2E_DB_PREFIX}${stamp}`;
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    // Databases of earlier runs older than an hour: their server is gone (a run takes minutes).
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${E2E_DB_PREFIX}%`]);
    const hourAgo = Number(new Date(Date.now() - 3600_000).toISOString().replace(/\D/g, '').slice(0, 14));
    for (const { datname } of rows) {
      const when = Number(/^portal_e2e_(\d{14})_/.exec(datname)?.[1] ?? 0);
      if (when < hourAgo) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return name;
}

async function dropPostgresDatabase(maintenanceUrl, name) {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    log('no build yet: running next build');
    const built = spawnSync(process.execPath, [next, 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: port,
    // A fixed secret for tests only: the test database is thrown away with it.
    AUTH_SECRET: 'e2e-test-secret-not-for-production-0123456789abcdef',
    AUTH_TRUST_HOST: 'true',
    KEY_SECRET: 'e2e-key-secret-not-for-production-0123456789abcdef',
    // A certificate signing key made for this run only (required with TEST_DATABASE_URL's DATABASE_URL).
    SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    SIGNING_KEY_ID: 'e2e',
    DEMO_DATA: '1',
  };
  // Never the developer's own database.
  delete env.DATABASE_URL;

  const dataBase = path.join(root, '.test-data');
  fs.mkdirSync(dataBase, { recursive: true });
  removeOldDataDirs(dataBase);
  const dataDir = path.join(dataBase, `e2e-${stamp}`);
  fs.mkdirSync(dataDir, { recursive: true });
  env.DATA_DIR = dataDir;

  env.E2E_SUPPORT_TOKEN = randomBytes(32).toString('base64url');
  const tokenFile = path.join(dataBase, `e2e-support-token-${port}`);
  fs.rmSync(tokenFile, { force: true });
  fs.writeFileSync(tokenFile, env.E2E_SUPPORT_TOKEN, { mode: 0o600 });

  const mailDir = path.join(dataBase, `mail-${port}`);
  fs.rmSync(mailDir, { recursive: true, force: true });
  fs.mkdirSync(mailDir, { recursive: true });
  env.SMTP_URL = `smtp://127.0.0.1:${await startSmtp(mailDir)}`;
  log(`SMTP on ${env.SMTP_URL}, messages in ${path.relative(root, mailDir)}`);

  const maintenanceUrl = process.env.TEST_DATABASE_URL;
  let database = null;
  if (maintenanceUrl) {
    database = await createPostgresDatabase(maintenanceUrl);
    env.DATABASE_URL = withDatabase(maintenanceUrl, database);
    log(`PostgreSQL database ${database}`);
  } else {
    log(`PGlite in ${path.relative(root, dataDir)}`);
  }

  const runDir = path.join(root, 'test-results', `e2e-run-${port}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const secrets = [
    ['secret', env.AUTH_SECRET],
    ['secret', env.KEY_SECRET],
    ['secret', env.E2E_SUPPORT_TOKEN],
    // The signing key's body (one base64 line of its PEM).
    ['secret', env.SIGNING_KEY.split('\n').filter((line) => line && !line.startsWith('-----')).join('')],
  ];
  fs.writeFileSync(path.join(runDir, 'secrets.txt'), secrets.map(([kind, value]) => `${kind}\t${value}\n`).join(''), { mode: 0o600 });
  const child = spawn(process.execPath, [path.join(root, 'scripts/server/serve.mjs')], { stdio: ['inherit', 'pipe', 'pipe'], env: { ...env, LISTEN_HOST: '127.0.0.1' } });
  // Written synchronously as they come: nothing to flush when the server stops. Passed on to this
  // process's own output (which Playwright prints) except the request lines: thousands of them, only
  // in the file.
  const logTo = (stream, file, own) => {
    const fd = fs.openSync(path.join(runDir, file), 'a');
    let partial = '';
    stream.on('data', (chunk) => {
      fs.writeSync(fd, chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop();
      const shown = lines.filter((line) => !line.includes('"module":"http","reqId"'));
      if (shown.length > 0) own.write(`${shown.join('\n')}\n`);
    });
    stream.on('end', () => partial && own.write(`${partial}\n`));
  };
  logTo(child.stdout, 'server.log', process.stdout);
  logTo(child.stderr, 'server-stderr.log', process.stderr);
  log(`server log in ${path.relative(root, runDir)}/server.log (request lines only there)`);

  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    fs.rmSync(tokenFile, { force: true });
    if (database) {
      try {
        await dropPostgresDatabase(maintenanceUrl, database);
        log(`dropped ${database}`);
      } catch (error) {
        console.error(`[e2e-server] could not drop ${database}: ${error.message}`);
      }
    }
  };

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  // 'close': after the server's output has been read to its end (and written to the log files).
  child.on('close', async (code) => {
    await cleanUp();
    // Stopped by us (Playwright's SIGTERM): a clean end; died on its own: a failure.
    process.exit(stopping ? 0 : (code ?? 1));
  });
}

/** An SMTP server on an ephemeral port that writes each message to `dir`; answers the port. */
async function startSmtp(dir) {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        count += 1;
        // Written beside, then renamed: a reader (e2e/mail.ts) never sees half a message.
        const file = path.join(dir, `${Date.now()}-${String(count).padStart(4, '0')}.eml`);
        fs.writeFileSync(`${file}.part`, Buffer.concat(chunks));
        fs.renameSync(`${file}.part`, file);
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.server.unref();
  return server.server.address().port;
}

main().catch((error) => {
  console.error(`[e2e-server] ${error.stack ?? error}`);
  process.exit(1);
});
