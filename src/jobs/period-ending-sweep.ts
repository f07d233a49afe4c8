import 'server-only';
import type { Db } from '@/db/client';
import { sendPeriodEndingNotices } from '@/domain/confirmations/period-ending';
import { wakeMailWorker } from '@/mail/worker';
import { logger } from '@/lib/log';
import { periodicJob } from './periodic';

const log = logger('period-ending');

/**
 * Runs the 保証期間満了 notices (sendPeriodEndingNotices) in the server process: once at start, then
 * every hour. It only writes the outbox, so it runs whether or not SMTP_URL is set. Every instance
 * may run it: the notice rows make a second sender a no-op. Nothing depends on it for correctness of
 * what users see (期間満了 and the 確認済み一覧's marks are computed from the date on every request);
 * a run missed while the server was down is caught up by the next one. The timer never keeps the
 * process alive, and a failed run is logged, never thrown.
 */
const DEFAULT_INTERVAL_MS = 60 * 60_000;

const job = periodicJob('__portalPeriodEndingSweep', async (getDb) => {
  try {
    const report = await sendPeriodEndingNotices(await getDb());
    if (report.mails > 0) wakeMailWorker();
    if (report.notified || report.failed) {
      log.info('period-ending notices', { sent: report.notified, mails: report.mails, failed: report.failed });
    }
  } catch (error) {
    log.error('period-ending notices failed', error);
  }
});

/** Starts the sweep (idempotent): a first run right away, then every `intervalMs` (an hour). */
export function startPeriodEndingSweep(getDb: () => Promise<Db>, options: { intervalMs?: number } = {}): void {
  job.start(getDb, { firstMs: 0, everyMs: options.intervalMs ?? DEFAULT_INTERVAL_MS });
}

/** Stops the sweep and waits for a run in progress (tests; an orderly shutdown). */
export const stopPeriodEndingSweep = (): Promise<void> => job.stop();
