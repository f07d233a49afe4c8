import 'server-only';
import type { Db } from '@/db/client';
import { sendPeriodEndingNotices } from '@/domain/confirmations/period-ending';
import { wakeMailWorker } from '@/mail/worker';
import { logger } from '@/lib/log';

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

interface SweepState {
  getDb: () => Promise<Db>;
  intervalMs: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  stopped: boolean;
}

// On globalThis, as the mail worker: Next bundles instrumentation apart from the rest.
const holder = globalThis as typeof globalThis & { __portalPeriodEndingSweep?: SweepState };

function schedule(state: SweepState, delay: number) {
  clearTimeout(state.timer);
  if (state.stopped) return;
  state.timer = setTimeout(() => void run(state), delay);
  state.timer.unref();
}

async function run(state: SweepState): Promise<void> {
  if (state.stopped || state.running) return;
  state.running = (async () => {
    try {
      const report = await sendPeriodEndingNotices(await state.getDb());
      if (report.mails > 0) wakeMailWorker();
      if (report.notified || report.failed) {
        log.info('period-ending notices', { sent: report.notified, mails: report.mails, failed: report.failed });
      }
    } catch (error) {
      log.error('period-ending notices failed', error);
    }
  })();
  try {
    await state.running;
  } finally {
    state.running = undefined;
    schedule(state, state.intervalMs);
  }
}

/** Starts the sweep (idempotent): a first run right away, then every `intervalMs` (an hour). */
export function startPeriodEndingSweep(getDb: () => Promise<Db>, options: { intervalMs?: number } = {}): void {
  if (holder.__portalPeriodEndingSweep && !holder.__portalPeriodEndingSweep.stopped) return;
  const state: SweepState = { getDb, intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS, stopped: false };
  holder.__portalPeriodEndingSweep = state;
  schedule(state, 0);
}

/** Stops the sweep and waits for a run in progress (tests; an orderly shutdown). */
export async function stopPeriodEndingSweep(): Promise<void> {
  const state = holder.__portalPeriodEndingSweep;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  holder.__portalPeriodEndingSweep = undefined;
  await state.running;
}
