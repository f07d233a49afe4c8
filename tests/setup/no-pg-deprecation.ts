import { afterAll, afterEach } from 'vitest';

/**
 * A deprecation from node-postgres fails the test that caused it: what pg 8 warns about, pg 9 refuses
 * (e.g. "Calling client.query() when the client is already executing a query", which Prisma's
 * `include` in a transaction caused until src/db/serial-client.ts). Node warns once per process, so the
 * first test that causes it is the one that fails. Only on PostgreSQL runs (TEST_DATABASE_URL) can it fire.
 */
const seen: string[] = [];

function isPgDeprecation(warning: Error): boolean {
  if (warning.name !== 'DeprecationWarning') return false;
  return /\bpg@\d/.test(warning.message) || /[\\/]node_modules[\\/]pg(-pool)?[\\/]/.test(warning.stack ?? '');
}

const listener = (warning: Error) => {
  if (isPgDeprecation(warning)) seen.push(warning.stack ?? warning.message);
};
process.on('warning', listener);

afterEach(async () => {
  // process.emitWarning delivers on the next tick: let it arrive.
  await new Promise((resolve) => setImmediate(resolve));
  if (seen.length > 0) throw new Error(`node-postgres warned (an error in pg 9):\n${seen.splice(0).join('\n')}`);
});

afterAll(() => {
  process.off('warning', listener);
});
