// `npm test`: every check of the project, in order, summed into one closing line `N passed, N failed`.
//
//   types  next typegen + tsc --noEmit                       1 check
//   lint   eslint --max-warnings=0 .                          1 check
//   unit   vitest run --project unit                          each test
//   db     vitest run --project db (PGlite, or PostgreSQL     each test
//          when TEST_DATABASE_URL is set)
//   build  next build                                         1 check
//   e2e    playwright test (Debian's Chromium)                each test
//          then scripts/e2e-log-check.mjs: the server's log    1 check
//          of the run holds none of its secrets (decision 053)
//
// `node scripts/test.mjs --only db,e2e` runs a subset (.ci/run uses it for the PostgreSQL pass,
// with TEST_DATABASE_URL set). A failure does not stop later suites, except that a failed build
// skips the browser tests (counted as one failure). Exit code 1 when anything failed.
//
// Before any suite runs, the Debian packages the chosen suites need are checked (SYSTEM_PACKAGES:
// chromium-headless-shell for the browser tests; poppler-utils, ghostscript and zbar-tools for the PDF tests). A
// missing one is installed with apt-get when this runs as root on Debian, with a line saying so;
// otherwise the run stops at once, naming the command that installs them, and ends `0 passed,
// 1 failed`. Nothing is installed when everything is there. TEST_SYSTEM_TOOLS_PATH (a PATH-style
// list of folders, for trying that path only) makes the check look for the commands there instead
// of in PATH and /usr/bin/chromium-headless-shell.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

const ALL = ['types', 'lint', 'unit', 'db', 'build', 'e2e'];

function parseArgs(argv) {
  let only = ALL;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(`usage: node scripts/test.mjs [--only ${ALL.join(',')}]`);
      process.exit(0);
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      only = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = only.filter((s) => !ALL.includes(s));
      if (only.length === 0 || unknown.length > 0) {
        console.error(`unknown suite(s): ${unknown.join(', ') || '(none given)'}; choose from ${ALL.join(', ')}`);
        process.exit(2);
      }
    } else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  return new Set(only);
}

const selected = parseArgs(process.argv.slice(2));

const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  // The browser tests' screenshots are for people to look at, not a check (e2e/fixtures.ts `shots`).
  E2E_SCREENSHOTS: process.env.E2E_SCREENSHOTS ?? '0',
};

/**
 * The Debian packages of the suites: the commands each must provide, and why. Chromium is looked for
 * where playwright.config.ts runs it (/usr/bin/chromium-headless-shell); the PDF tools on PATH (tests/support/pdf.ts
 * runs them by name: the unit suite's PDF tests and the browser tests that read downloaded PDFs).
 */
const SYSTEM_PACKAGES = [
  {
    name: 'chromium-headless-shell',
    commands: ['chromium-headless-shell'],
    at: '/usr/bin',
    suites: ['e2e'],
    why: 'the browser tests run in Debian\'s Chromium (its headless shell)',
  },
  {
    name: 'poppler-utils',
    commands: ['pdftoppm', 'pdffonts', 'pdftotext', 'pdfinfo'],
    suites: ['unit', 'e2e'],
    why: 'the PDF tests and the browser tests read the PDFs with poppler',
  },
  { name: 'ghostscript', commands: ['gs'], suites: ['unit'], why: 'the PDF tests read the PDFs with Ghostscript' },
  { name: 'zbar-tools', commands: ['zbarimg'], suites: ['unit', 'e2e'], why: 'the PDF tests and the browser tests read the QR codes with zbarimg' },
];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The commands of `pkg` that are not there (TEST_SYSTEM_TOOLS_PATH, when set, is the only place looked in). */
function missingCommands(pkg) {
  const override = process.env.TEST_SYSTEM_TOOLS_PATH;
  const dirs = override !== undefined ? override.split(path.delimiter) : pkg.at ? [pkg.at] : (process.env.PATH ?? '').split(path.delimiter);
  return pkg.commands.filter((command) => !dirs.some((dir) => dir && isExecutable(path.join(dir, command))));
}

const onPath = (command) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));

/** Stops before anything ran: the reason, the command that would help, and the closing line. */
function stopBeforeRunning(lines) {
  for (const line of lines) console.error(line);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/**
 * Checks the Debian packages the selected suites need; installs the missing ones as root on Debian
 * (apt-get update, then apt-get install), otherwise stops with the command that installs them.
 */
function ensureSystemPackages() {
  const needed = SYSTEM_PACKAGES.filter((pkg) => pkg.suites.some((suite) => selected.has(suite)));
  if (needed.length === 0) return;
  const missing = needed.map((pkg) => ({ ...pkg, absent: missingCommands(pkg) })).filter((pkg) => pkg.absent.length > 0);
  if (missing.length === 0) {
    console.log(`[test] Debian packages present: ${needed.map((pkg) => pkg.name).join(', ')}`);
    return;
  }
  const names = missing.map((pkg) => pkg.name);
  const reasons = missing.map((pkg) => `  ${pkg.name} (no ${pkg.absent.join(', ')}): ${pkg.why}`);
  const install = ['install', '-y', '--no-install-recommends', ...names];
  const asRoot = process.getuid?.() === 0;
  if (!asRoot || !fs.existsSync('/etc/debian_version') || !onPath('apt-get')) {
    stopBeforeRunning([
      `[test] missing Debian packages: ${names.join(', ')}`,
      ...reasons,
      `[test] nothing was run. Install them with:`,
      ``,
      `  ${asRoot ? '' : 'sudo '}apt-get ${install.join(' ')}`,
      ``,
    ]);
  }
  console.log(`[test] installing ${names.join(', ')} with apt-get (running as root on Debian), because:`);
  for (const line of reasons) console.log(line);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], install]) {
    console.log(`$ apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
    if (result.status !== 0) {
      stopBeforeRunning([`[test] apt-get ${args[0]} failed (${result.error?.message ?? `exit code ${result.status}`}); nothing was run.`]);
    }
  }
  const still = missing.filter((pkg) => missingCommands(pkg).length > 0);
  if (still.length > 0) {
    stopBeforeRunning([`[test] still missing after apt-get install: ${still.map((pkg) => `${pkg.name} (${missingCommands(pkg).join(', ')})`).join(', ')}; nothing was run.`]);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const results = [];

function run(command, args) {
  console.log(`$ ${path.relative(root, command).replace(/^node_modules\/\.bin\//, '')} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) console.error(result.error.message);
  return result.status ?? 1;
}

function banner(name) {
  console.log(`\n━━━━ ${name} ━━━━`);
}

function record(name, passed, failed, ms, note = '') {
  results.push({ name, passed, failed, ms, note });
  const status = failed > 0 ? 'FAILED' : 'ok';
  console.log(`\n[${name}] ${status}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''} in ${seconds(ms)}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A suite that is one check: passed when every command exits 0 (later commands skipped after a failure). */
function check(name, commands) {
  banner(name);
  const start = Date.now();
  let ok = true;
  for (const [command, args] of commands) {
    if (run(command, args) !== 0) {
      ok = false;
      break;
    }
  }
  record(name, ok ? 1 : 0, ok ? 0 : 1, Date.now() - start);
  return ok;
}

/**
 * One vitest project per run: the projects differ in pool settings, and vitest 4 refuses to run
 * such projects together unless each has its own `sequence.groupOrder`.
 */
function vitest(project) {
  const name = `vitest ${project}`;
  banner(name);
  const start = Date.now();
  const report = path.join(root, 'test-results', `vitest-${project}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const code = run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const json = readJson(report);
  let passed = json?.numPassedTests ?? 0;
  let failed = json?.numFailedTests ?? 0;
  const skipped = (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0);
  const notes = [];
  if (skipped) notes.push(`${skipped} skipped`);
  // A file that fails to load, an error outside any test, or no report at all: one more failure.
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(json ? `vitest exited with code ${code}` : 'no JSON report');
  }
  if (code === 0 && passed === 0) notes.push('no tests ran');
  record(name, passed, failed, Date.now() - start, notes.join('; '));
}

function playwright() {
  banner('e2e (playwright)');
  const start = Date.now();
  const report = path.join(root, 'test-results', 'playwright.json');
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  fs.mkdirSync(path.join(root, 'screenshots'), { recursive: true });
  const code = run(bin('playwright'), ['test']);
  const json = readJson(report);
  const stats = json?.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  const notes = [];
  if (stats.skipped) notes.push(`${stats.skipped} skipped`);
  if (stats.flaky) notes.push(`${stats.flaky} flaky`);
  for (const error of json?.errors ?? []) console.error(`[e2e] ${error.message ?? JSON.stringify(error)}`);
  // The web server did not start, a file did not load, or no report: one more failure.
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(json ? `playwright exited with code ${code}` : 'no JSON report');
  }
  record('e2e', passed, failed, Date.now() - start, notes.join('; '));
}

const overall = Date.now();
console.log(`[test] suites: ${ALL.filter((s) => selected.has(s)).join(', ')}` + (env.TEST_DATABASE_URL ? ' — database suites on PostgreSQL (TEST_DATABASE_URL)' : ' — database suites on PGlite'));
ensureSystemPackages();

if (selected.has('types')) {
  check('types', [
    [bin('next'), ['typegen']],
    [bin('tsc'), ['--noEmit']],
  ]);
}
if (selected.has('lint')) check('lint', [[bin('eslint'), ['--max-warnings=0', '.']]]);

if (selected.has('unit')) vitest('unit');
if (selected.has('db')) vitest('db');

let built = true;
if (selected.has('build')) built = check('build', [[bin('next'), ['build']]]);

if (selected.has('e2e')) {
  if (built) {
    playwright();
    check('e2e logs', [[process.execPath, [path.join(root, 'scripts/e2e-log-check.mjs')]]]);
  } else {
    banner('e2e (playwright)');
    record('e2e', 0, 1, 0, 'skipped: the build failed');
  }
}

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log('\n━━━━ summary ━━━━');
for (const r of results) {
  console.log(`  ${r.name.padEnd(16)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed  ${seconds(r.ms).padStart(8)}${r.note ? `  ${r.note}` : ''}`);
}
console.log(`  ${'total'.padEnd(16)} ${seconds(Date.now() - overall).padStart(35)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
