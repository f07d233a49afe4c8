// `npm start`: build when there is no build or the sources changed since it, then serve the portal
// on PORT (default 3000). Without DATABASE_URL it runs on the embedded PGlite in DATA_DIR (.data/).
// Migrations, the demo seed and the printed accounts happen in src/instrumentation.ts at start.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { nodeSupportWarning } from './node-support.mjs';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

// Once, before anything else: a Node.js past its end of life still runs the portal, unpatched.
const unsupported = nodeSupportWarning(process.version, new Date().toISOString().slice(0, 10));
if (unsupported) console.warn(unsupported);

const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
fs.mkdirSync(dataDir, { recursive: true });

// AUTH_SECRET and KEY_SECRET: from the environment, or, on the embedded database only, generated once
// for this data folder and kept there (KEY_SECRET is read from the same file by src/config/secrets.ts).
// With DATABASE_URL every instance must share one value: a secret made up per instance would make
// sessions and 認証キー of one instance unusable on the others, so it must be given.
function secret(name, fileName) {
  if (process.env[name]) return process.env[name];
  if (process.env.DATABASE_URL) {
    console.error(`[portal] ${name} must be set when DATABASE_URL is set (the same value on every instance).`);
    process.exit(1);
  }
  const file = path.join(dataDir, fileName);
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

const SOURCES = ['src', 'public', 'prisma/schema.prisma', 'next.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function sourceHash() {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(p).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

const stamp = path.join(root, '.next', 'portal-source-hash');
const current = sourceHash();
const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === current;
if (!built) {
  console.log('[portal] building (no build yet, or the sources changed)…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stamp, current);
}

// The address printed in key notices (and their QR codes) and mails: with DATABASE_URL (production)
// it must be the public one, never the localhost default.
if (process.env.DATABASE_URL && !process.env.PORTAL_URL) {
  console.error('[portal] PORTAL_URL must be set when DATABASE_URL is set (the public address printed in key notices and mails).');
  process.exit(1);
}

// The certificate signing key (Ed25519): with DATABASE_URL every instance must sign with the same
// configured key; on the embedded database src/config/signing-key.ts generates <DATA_DIR>/signing-key.pem once.
if (process.env.DATABASE_URL && !process.env.SIGNING_KEY) {
  console.error('[portal] SIGNING_KEY must be set when DATABASE_URL is set (an Ed25519 PKCS#8 private key, e.g. `openssl genpkey -algorithm ed25519`).');
  process.exit(1);
}

const port = process.env.PORT ?? '3000';
const child = spawn(process.execPath, [path.join(root, 'scripts/server/serve.mjs')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET: secret('AUTH_SECRET', 'auth-secret'),
    KEY_SECRET: secret('KEY_SECRET', 'key-secret'),
    AUTH_TRUST_HOST: 'true',
    DATA_DIR: dataDir,
    DEMO_DATA: process.env.DEMO_DATA ?? '1',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
