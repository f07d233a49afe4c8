/**
 * Which database the db suites run on: PGlite (default), or the PostgreSQL server named by
 * TEST_DATABASE_URL (a maintenance URL such as postgresql://postgres@127.0.0.1:5432/postgres:
 * each test file gets its own database, created from a migrated template).
 */
export const TEMPLATE_DB = 'portal_test_template';

export function postgresUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
