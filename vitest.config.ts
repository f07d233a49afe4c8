import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname, 'src'),
  // 'server-only' throws outside React's server bundle; in tests the modules run on the server anyway.
  'server-only': path.resolve(import.meta.dirname, 'tests/support/empty.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Fixed secrets for tests only: their databases are thrown away. No SIGNING_KEY: under NODE_ENV=test
    // src/config/signing-key.ts makes an ephemeral Ed25519 pair per process (tests read it via signingKey()).
    // PORTAL_FRONT_SECRET: what scripts/server/serve.mjs makes per process; tests that pass a client
    // address send it as the front does (x-portal-front).
    env: { KEY_SECRET: 'test-key-secret-not-for-production-0123456789', PORTAL_FRONT_SECRET: 'test-front-secret' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/shift-clock.ts'],
          // Budgets for a loaded 2-core machine (CI beside other work), not an idle one: a test of
          // pure rules takes milliseconds, and these only stop a hung one. tests/unit/pdf.test.ts,
          // which runs poppler, Ghostscript and zbar, sets its own (vi.setConfig).
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-db.ts'],
          // shift-clock first: TEST_TODAY (unset under npm test) moves the clock before anything reads it.
          // no-pg-deprecation: a node-postgres deprecation (an error in pg 9) fails the test that caused it.
          setupFiles: ['tests/setup/shift-clock.ts', 'tests/setup/db-per-file.ts', 'tests/setup/no-pg-deprecation.ts'],
          // A fresh database per file and real transactions: budgets for a loaded 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          server: { deps: { inline: ['next-auth'] } },
        },
      },
    ],
  },
});
