import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { checkRun } from '../../scripts/e2e-log-check.mjs';

// The check after the browser tests (decision 053) on runs written here: it passes a clean one and
// finds each kind of leak.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const KEY = '7KQ4-XM9P-WA';
const TOKEN = `dhp_${'b'.repeat(43)}`;
const SECRETS = ['password\tdemo-pass-2026', `key\t${KEY}`, `token\t${TOKEN}`, 'cookie\teyJhbGciOiJkaXIi.abc.def', 'secret\te2e-key-secret-0123456789'];
const REQUEST = (extra = '') => `{"level":"info","module":"http","reqId":"r1","method":"GET","route":"/contractor","status":200,"side":"contractor","userId":"u1"${extra},"msg":"request"}`;
const NOTICE = '\n[portal] demo accounts (password for all: demo-pass-2026)\n  maru01     受注者　 株式会社〇〇建設 — 建設 一郎\n';

function run({ stdout = [REQUEST()], stderr = NOTICE, secrets = SECRETS }: { stdout?: string[]; stderr?: string; secrets?: string[] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-log-check-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'secrets.txt'), secrets.map((line) => `${line}\n`).join(''));
  fs.writeFileSync(path.join(dir, 'server.log'), stdout.map((line) => `${line}\n`).join(''));
  fs.writeFileSync(path.join(dir, 'server-stderr.log'), stderr);
  return checkRun(dir).problems;
}

it('a clean run passes: the demo password only in the demo accounts notice', () => {
  expect(run()).toEqual([]);
});

it('finds a 認証キー (also without its hyphens), a token, a cookie, a password or a secret in either log', () => {
  expect(run({ stdout: [REQUEST(), `{"level":"error","msg":"lookup of ${KEY.replace(/-/g, '')} failed"}`] })).toEqual(['server.log:2 holds a key of the run']);
  expect(run({ stdout: [REQUEST(`,"auth":"Bearer ${TOKEN}"`)] })).toEqual(['server.log:1 holds a token of the run']);
  expect(run({ stderr: `${NOTICE}cookie eyJhbGciOiJkaXIi.abc.def\n` })).toEqual(['server-stderr.log:4 holds a cookie of the run']);
  expect(run({ stderr: `${NOTICE}password for maru01: demo-pass-2026\n` })).toEqual(['server-stderr.log:4 holds a password of the run']);
  expect(run({ stdout: [REQUEST(), 'AUTH_SECRET=e2e-key-secret-0123456789'] })).toContain('server.log:2 holds a secret of the run');
});

it('stdout must be JSON lines with request lines naming signed-in users; every kind of secret must have been recorded', () => {
  expect(run({ stdout: [REQUEST(), 'Ready in 12ms'] })).toEqual(['server.log:2 is not a JSON line: Ready in 12ms']);
  expect(run({ stdout: ['{"level":"info","msg":"listening"}'] })).toEqual(['server.log holds no request line', 'no request line names a signed-in user and side']);
  expect(run({ secrets: SECRETS.filter((line) => !line.startsWith('token')) })).toEqual(['no token was recorded in secrets.txt: the recording is broken']);
});
