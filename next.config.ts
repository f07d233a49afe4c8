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
  typedRoutes: false,
  // The build type-checks the app only; `npm run typecheck` covers tests and e2e too.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};

export default nextConfig;
