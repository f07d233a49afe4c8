import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time. The PDF layer
  // (src/pdf) runs pdf-lib (its cjs build, patched by patches/pdf-lib+1.17.1.patch), fontkit 2 (its
  // Node build) and qrcode as Node loads them, and reads the font files from node_modules by path.
  // prom-client: the same module instance as the front's (scripts/server/metrics.mjs), one registry.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@node-rs/argon2', 'pdf-lib', 'fontkit', 'qrcode', 'prom-client'],
  // A second build folder for a browser-test run beside the default one (scripts/e2e-server.mjs).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The 中間前払金 認定's request uploads up to three PDFs of 10 MB each through a server action
  // (decision 067): the action's body limit (1 MB by default) and the proxy's (src/proxy.ts runs on
  // every path and reads at most 10 MB by default) both take the three files and the form's fields.
  // A file over 10 MB is refused at the field by the form before it is sent, and by the schema after.
  experimental: { serverActions: { bodySizeLimit: '32mb' }, proxyClientMaxBodySize: '32mb' },
  typedRoutes: false,
  // The build type-checks the app only; `npm run typecheck` covers tests and e2e too.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};

export default nextConfig;
