import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@node-rs/argon2'],
  poweredByHeader: false,
  typedRoutes: false,
  // The build type-checks the app only; `npm run typecheck` covers tests and e2e too.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};

export default nextConfig;
