import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (never Playwright's own download: `npx playwright install` cannot
 * run on these machines), against the production build served by scripts/e2e-server.mjs on a fresh
 * database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set).
 */
// E2E_PORT lets a second run (another checkout's, a helper's) serve beside the default one; the
// server's mail folder and support token are named after the port (scripts/e2e-server.mjs).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const results = process.env.E2E_PORT ? `test-results/port-${PORT}` : 'test-results';

export default defineConfig({
  testDir: 'e2e',
  // Artefacts of failed tests (traces, screenshots) live below test-results/, beside the reports
  // that scripts/test.mjs reads, without Playwright's clean-up of its output folder removing those.
  outputDir: `${results}/playwright-artifacts`,
  // 2 cores: two browsers plus the server is what fits (about 1.6 GB peak).
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Budgets for a loaded 2-core machine (CI beside other work), not an idle one: a test must never
  // pass or fail by the machine's speed. They only stop a hung test; the long flows ask for more
  // with test.slow() (three times this).
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: `${results}/playwright.json` }]],
  use: {
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    // No traces: recording one for every test cost about a quarter of the run (measured, decision 048);
    // a failure keeps its screenshot and its page's accessibility snapshot (error-context.md). Ask for
    // one when chasing a failure: npx playwright test --trace on <spec>.
    trace: 'off',
    screenshot: 'only-on-failure',
    // Explicit rather than Playwright's defaults (none: the test's own timeout).
    navigationTimeout: 60_000,
    actionTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Debian's chromium-headless-shell: the same Chromium without the desktop browser's UI
          // process work, about half the CPU of /usr/bin/chromium's headless mode (decision 048).
          executablePath: '/usr/bin/chromium-headless-shell',
          // Without the background-networking flags Chromium keeps calling out, and the closed
          // network refuses it many times over.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    // Starting `next start`, migrating a fresh database and seeding the demo data (or, without a
    // build, building first) on a loaded machine.
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM first, so that the script can stop the server and drop its PostgreSQL database.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: { PORT: String(PORT) },
  },
});
