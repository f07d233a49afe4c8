import 'server-only';
import type { Db } from '@/db/client';

/**
 * A job the server process runs on a timer (the period-ending notices, the retention sweep): a first
 * run after `firstMs`, then one every `everyMs` after the previous ended; never two at once in the
 * process. The timer never keeps the process alive. `work` opens the database itself and handles its own
 * errors, that one included (a job logs a failed run, never throws); `stopped()` tells a long run that a stop was asked for. The state lives on
 * globalThis under `key`: Next bundles instrumentation apart from the rest.
 */
export interface PeriodicJob {
  /** Starts the timer (idempotent while started). */
  start(getDb: () => Promise<Db>, timing: { firstMs: number; everyMs: number }): void;
  /** Stops the timer and waits for a run in progress (tests; an orderly shutdown). */
  stop(): Promise<void>;
}

interface JobState {
  getDb: () => Promise<Db>;
  everyMs: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  stopped: boolean;
}

export function periodicJob(key: string, work: (getDb: () => Promise<Db>, stopped: () => boolean) => Promise<void>): PeriodicJob {
  const holder = globalThis as typeof globalThis & Record<string, JobState | undefined>;

  function schedule(state: JobState, delay: number) {
    clearTimeout(state.timer);
    if (state.stopped) return;
    state.timer = setTimeout(() => void run(state), delay);
    state.timer.unref();
  }

  async function run(state: JobState): Promise<void> {
    if (state.stopped || state.running) return;
    state.running = work(state.getDb, () => state.stopped);
    try {
      await state.running;
    } finally {
      state.running = undefined;
      schedule(state, state.everyMs);
    }
  }

  return {
    start(getDb, { firstMs, everyMs }) {
      const current = holder[key];
      if (current && !current.stopped) return;
      const state: JobState = { getDb, everyMs, stopped: false };
      holder[key] = state;
      schedule(state, firstMs);
    },
    async stop() {
      const state = holder[key];
      if (!state) return;
      state.stopped = true;
      clearTimeout(state.timer);
      holder[key] = undefined;
      await state.running;
    },
  };
}
