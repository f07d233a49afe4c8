import { defineConfig } from 'prisma/config';

// The Prisma CLI is used here only for `generate` (migrations are applied by src/db/migrate.ts).
// env('DATABASE_URL') would throw when unset, even for generate: fall back to a placeholder.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
