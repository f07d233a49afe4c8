// After the browser tests (`npm test` runs it as the check `e2e logs`; alone: `node
// scripts/e2e-log-check.mjs`, E2E_PORT as for Playwright): the production server's log of the run, as
// scripts/e2e-server.mjs captured it in test-results/e2e-run-<port>/, must
//   - hold none of the run's secrets (secrets.txt: the passwords signed in with, every 認証キー and API
//     token the tests read, the session cookies of their browsers, the server's own secrets), in any
//     form a log could write them (as read, without the key's hyphens, JSON-escaped);
//   - be JSON lines on stdout, with one request line per request and, for signed-in requests, the user
//     and side the app noted (decision 053).
// The one text allowed to show a password is the demo accounts notice on stderr (src/boot.ts), which
// prints the demo password the README publishes; its line is the only one skipped.
// Exit code 0 when all holds, 1 otherwise, with what was found (never the secret itself).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** The folder scripts/e2e-server.mjs captures a run in. */
export const runDir = (port = process.env.E2E_PORT ?? '3100') => path.join(root, 'test-results', `e2e-run-${port}`);

/** The demo accounts notice's password line (src/boot.ts demoAccountsText). */
const DEMO_NOTICE = /^\[portal\] demo accounts \(password for all: [^)]*\)$/;

/** Every kind the run must have seen at least one of: otherwise the recording broke and the check would prove nothing. */
const KINDS = ['password', 'key', 'token', 'cookie', 'secret'];

function read(dir, file) {
  try {
    return fs.readFileSync(path.join(dir, file), 'utf8');
  } catch {
    return null;
  }
}

/** The forms in which a secret could reach a log line. */
function forms(kind, value) {
  const out = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
  if (kind === 'key') out.add(value.replace(/-/g, ''));
  return [...out].filter((form) => form.length >= 6);
}

/** What is wrong with the run captured in `dir` (nothing: an empty list), and what was searched. */
export function checkRun(dir = runDir()) {
  const problems = [];
  const secretsText = read(dir, 'secrets.txt');
  const stdout = read(dir, 'server.log');
  const stderr = read(dir, 'server-stderr.log');
  if (secretsText === null || stdout === null || stderr === null) {
    return { problems: [`no captured run in ${path.relative(root, dir)} (scripts/e2e-server.mjs writes it)`], summary: '' };
  }

  const secrets = new Map();
  for (const line of secretsText.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) secrets.set(line.slice(tab + 1), line.slice(0, tab));
  }
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  for (const kind of secrets.values()) counts[kind] = (counts[kind] ?? 0) + 1;
  for (const kind of KINDS) if (!counts[kind]) problems.push(`no ${kind} was recorded in secrets.txt: the recording is broken`);

  const logs = [
    ['server.log', stdout.split('\n')],
    ['server-stderr.log', stderr.split('\n')],
  ];
  for (const [file, lines] of logs) {
    lines.forEach((line, index) => {
      if (file === 'server-stderr.log' && DEMO_NOTICE.test(line)) return;
      for (const [value, kind] of secrets) {
        if (forms(kind, value).some((form) => line.includes(form))) problems.push(`${file}:${index + 1} holds a ${kind} of the run`);
      }
    });
  }

  let requests = 0;
  let signedIn = 0;
  stdout.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push(`server.log:${index + 1} is not a JSON line: ${line.slice(0, 80)}`);
      return;
    }
    if (parsed.msg === 'request' && parsed.module === 'http' && parsed.reqId) {
      requests += 1;
      if (parsed.userId && parsed.side) signedIn += 1;
    }
  });
  if (requests === 0) problems.push('server.log holds no request line');
  if (signedIn === 0) problems.push('no request line names a signed-in user and side');

  const summary = `${requests} request lines (${signedIn} signed in), ${secrets.size} secrets searched (${KINDS.map((kind) => `${counts[kind]} ${kind}`).join(', ')})`;
  return { problems, summary };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { problems, summary } = checkRun();
  if (summary) console.log(`[e2e logs] ${summary}`);
  for (const problem of problems.slice(0, 50)) console.error(`[e2e logs] ${problem}`);
  if (problems.length > 50) console.error(`[e2e logs] … and ${problems.length - 50} more`);
  console.log(`[e2e logs] ${problems.length === 0 ? 'ok: no secret in the server log' : `FAILED: ${problems.length} problems`}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
