import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import layers from './scripts/lint/client-boundary.mjs';

// The layers and the one direction imports flow (docs/architecture.md):
//   app → components → actions → auth → domain → db, config, pdf, lib
// pdf and lib are leaves: they render or format plain data and import only lib. A side's pages
// (contractor, orderer, admin, the public pages) never import another side's folder; what several
// sides use lives in the shared hallway (src/app/_components, src/app/_lib, src/components, src/lib).
const SRC = ['./src/app', './src/components', './src/actions', './src/auth', './src/domain', './src/db', './src/config', './src/pdf', './src/lib', './src/mail', './src/jobs', './src/demo', './src/generated', './src/boot.ts', './src/proxy.ts', './src/instrumentation.ts'];
/** Every folder of src/ except the ones a layer may import. */
const allBut = (...allowed) => SRC.filter((dir) => !allowed.includes(dir));

const layer = (target, allowed, why) => ({ target, from: allBut(target, ...allowed), message: why });

const SIDES = ['./src/app/contractor', './src/app/orderer', './src/app/admin', './src/app/(public)', './src/app/verify', './src/app/api'];
const side = (target) => ({
  target,
  from: SIDES.filter((s) => s !== target),
  message: "A side's pages never import another side's folder: move what both use to src/app/_components (or src/components, src/lib).",
});

const zones = [
  layer('./src/lib', [], 'src/lib holds pure helpers: it imports no other folder of src/.'),
  layer('./src/pdf', ['./src/lib'], 'src/pdf renders plain data: it imports only src/lib (pass formatted values in).'),
  layer('./src/db', ['./src/generated', './src/lib'], 'src/db is the bottom layer: the Prisma client and migrations only.'),
  layer('./src/config', ['./src/db', './src/lib'], 'src/config reads secrets and keys: it imports only src/db and src/lib.'),
  layer('./src/domain', ['./src/db', './src/config', './src/pdf', './src/lib', './src/generated'], 'src/domain is the business: it imports only db, config, pdf, lib (never app, components, actions, auth, mail, jobs, demo).'),
  layer('./src/auth', ['./src/domain', './src/db', './src/config', './src/lib', './src/generated'], 'src/auth sits below actions and pages: it never imports them.'),
  layer('./src/actions', ['./src/auth', './src/domain', './src/mail', './src/pdf', './src/db', './src/config', './src/lib', './src/generated'], 'Server actions never import pages or UI components: move shared schemas and messages into src/domain.'),
  layer('./src/components', ['./src/actions', './src/auth', './src/domain', './src/lib', './src/generated'], 'Shared UI imports actions, auth, domain and lib only: never a route folder (src/app) or the database.'),
  layer('./src/mail', ['./src/domain', './src/db', './src/config', './src/lib', './src/generated'], 'The mail worker sits beside the domain, below the app.'),
  layer('./src/jobs', ['./src/mail', './src/domain', './src/db', './src/config', './src/lib', './src/generated'], 'Jobs sit below the app.'),
  layer('./src/demo', ['./src/domain', './src/db', './src/config', './src/lib', './src/generated'], 'Demo data is built through the domain only.'),
  ...SIDES.map(side),
  {
    target: ['./src/app/_components', './src/app/_lib'],
    from: SIDES,
    message: "The shared hallway never imports a side's folder.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'src/generated/**', '.data/**', '.test-data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { layers },
    // Follow our own files only: parsing packages for no-cycle is slow and some (PGlite's bundle) overflow the parser.
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'layers/client-boundary': ['error', { srcDir: 'src' }],
    },
  },
  {
    // The server logs through src/lib/log.ts and scripts/server/log.mjs (decision 053), which alone
    // touches the console (it routes Next's and libraries' console output into the log).
    files: ['src/**/*.{ts,tsx}', 'scripts/server/**/*.mjs'],
    ignores: ['scripts/server/log.mjs'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['e2e/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/client-boundary': ['error', { srcDir: 'src', everyFile: true }] },
  },
];

export default config;
