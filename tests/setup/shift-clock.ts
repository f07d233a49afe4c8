import { todayInTokyo } from '@/lib/dates';

/**
 * TEST_TODAY=YYYY-MM-DD (tests only): every clock of the test process — `new Date()`, `Date.now()`,
 * and the embedded PGlite's `now()`, which reads the same JavaScript clock — runs that many whole days
 * ahead (or behind), keeping the time of day, so today in Asia/Tokyo is TEST_TODAY. It proves that the
 * suites assert nothing tied to a calendar date: `TEST_TODAY=2027-04-05 npx vitest run --project db`.
 * Unset (always, under npm test): nothing changes. Not for PostgreSQL (its clock is the server's).
 */
const target = process.env.TEST_TODAY;
if (target) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(target)) throw new Error(`TEST_TODAY: expected YYYY-MM-DD, got ${target}`);
  if (process.env.TEST_DATABASE_URL) throw new Error('TEST_TODAY moves the clock of the embedded database only; unset TEST_DATABASE_URL');
  const Real = Date;
  const offset = Real.parse(`${target}T00:00:00Z`) - Real.parse(`${todayInTokyo()}T00:00:00Z`);
  class ShiftedDate extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now() {
      return Real.now() + offset;
    }
    static [Symbol.hasInstance](value: unknown) {
      return value instanceof Real;
    }
  }
  // Own statics, as Date has them (code that copies Date's own properties finds them).
  for (const key of ['UTC', 'parse'] as const) Object.defineProperty(ShiftedDate, key, Object.getOwnPropertyDescriptor(Real, key)!);
  // `Date()` called without new answers the shifted moment's string, as Date does.
  globalThis.Date = new Proxy(ShiftedDate, { apply: () => new ShiftedDate().toString() }) as unknown as DateConstructor;
}
