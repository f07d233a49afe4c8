/**
 * Runs once when the server starts, before the first request: open the database (PGlite or
 * PostgreSQL), apply pending migrations, seed the demo data into an empty database, print the
 * demo accounts. A failure here stops the server with the reason instead of serving 500s.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { boot } = await import('./boot');
  await boot();
}
