import 'server-only';
import type { Db } from '@/db/client';
import { sendOwedLockNotices } from '@/domain/lookup/lock-notices';
import { wakeMailWorker } from '@/mail/worker';
import { logger } from '@/lib/log';
import { periodicJob } from './periodic';

const log = logger('lookup');

/**
 * Catches up the lookup locks' notices still owed (decision 060): a lock's notice is written right
 * after the lookup that set it, in the background; what a stop past its bound, a crash or a failed
 * transaction left in LookupLockNotice is queued here, at start and every minute after. Every instance
 * may run it: the rows are claimed with SKIP LOCKED. It only writes the outbox (SMTP or not). The
 * timer never keeps the process alive; a failed run is logged, never thrown.
 */
const DEFAULT_INTERVAL_MS = 60_000;

const job = periodicJob('__portalLockNoticeSweep', async (getDb) => {
  try {
    const report = await sendOwedLockNotices(await getDb());
    if (report.mails > 0) wakeMailWorker();
    if (report.notices || report.failed) log.info('lookup lock notices caught up', { notices: report.notices, mails: report.mails, failed: report.failed });
  } catch (error) {
    log.error('lookup lock notices failed', error);
  }
});

/** Starts the sweep (idempotent): a first run right away, then every `intervalMs` (a minute). */
export function startLockNoticeSweep(getDb: () => Promise<Db>, options: { intervalMs?: number } = {}): void {
  job.start(getDb, { firstMs: 0, everyMs: options.intervalMs ?? DEFAULT_INTERVAL_MS });
}

/** Stops the sweep and waits for a run in progress (tests; an orderly shutdown). */
export const stopLockNoticeSweep = (): Promise<void> => job.stop();
