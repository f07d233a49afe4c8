import 'server-only';
import type { Db } from '@/db/client';
import { runRetentionSweep } from '@/domain/retention/sweep';
import { logger } from '@/lib/log';
import { periodicJob } from './periodic';

const log = logger('retention');

/**
 * Runs the retention sweep (decision 054) in the server process. Every instance ticks every hour
 * (the first tick a minute after start, so the start itself never waits on it); a tick runs the
 * sweep only if it claims the day's window in the database, so the sweep runs once a day across
 * every instance sharing the database, whichever starts or stops. A run that left work brings the
 * next one forward to the next tick. The timer never keeps the process alive; a failed run is
 * logged, never thrown.
 */
const TICK_MS = 60 * 60_000;
const FIRST_TICK_MS = 60_000;
const WINDOW_MS = 24 * 60 * 60_000;
/** Less than a tick: the next tick of any instance goes on with what a bounded run left. */
const CATCH_UP_MS = TICK_MS - 60_000;

/**
 * RETENTION_FIRST_TICK_SECONDS: how long after the start the first tick comes (default 60, from 1 to
 * 3600). Tests of several instances shorten it; an operator has no need to.
 */
export function retentionFirstTickMs(env: Record<string, string | undefined> = process.env): number {
  const text = env.RETENTION_FIRST_TICK_SECONDS?.trim();
  if (text === undefined || text === '') return FIRST_TICK_MS;
  const seconds = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 1 && seconds <= 3600)) throw new Error(`RETENTION_FIRST_TICK_SECONDS must be a whole number of seconds from 1 to 3600 (got "${text.slice(0, 20)}").`);
  return seconds * 1000;
}

const job = periodicJob('__portalRetentionSweep', async (getDb, stopped) => {
  try {
    // A stop (stopRetentionSweep) ends the run after the statement in hand (a run may take hundreds):
    // what is left goes to the next tick of any instance, not to the next day.
    const run = await runRetentionSweep(await getDb(), { windowMs: WINDOW_MS, catchUpMs: CATCH_UP_MS, stopped });
    if (run.ran) log.info('retention sweep', { ...run.removed, complete: run.complete, ...(run.stopped ? { stopped: true } : {}) });
  } catch (error) {
    log.error('retention sweep failed', error);
  }
});

/** Starts the hourly tick (idempotent). */
export function startRetentionSweep(getDb: () => Promise<Db>, options: { tickMs?: number; firstTickMs?: number } = {}): void {
  job.start(getDb, { firstMs: options.firstTickMs ?? FIRST_TICK_MS, everyMs: options.tickMs ?? TICK_MS });
}

/** Stops the tick and waits for a run in progress to end its statement in hand (tests; an orderly shutdown). */
export const stopRetentionSweep = (): Promise<void> => job.stop();
