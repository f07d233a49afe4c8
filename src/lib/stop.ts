/**
 * The process's orderly stop, shared between the production server (scripts/server/shutdown.mjs,
 * which owns the signal and the clock) and the app (which knows its jobs and its database). Both run
 * in one process but in separately bundled code, so they meet on globalThis under registered symbols,
 * as the request callers do (src/lib/request-caller.ts). Decision 057.
 *   - STOPPING: set by the server when SIGTERM or SIGINT arrives; GET /api/ready then answers 503
 *     ("stopping") so that a load balancer drains the instance;
 *   - STOP_HOOKS: what the app registers (src/boot.ts): `jobs` run as soon as the stop begins, beside
 *     the requests in flight (the mail worker finishes the mail it is sending, the sweeps their statement); `database`
 *     runs after both, last.
 *   - BACKGROUND: work a request started and does not await (trackBackground): once the requests have
 *     finished, the stop waits for it too, within its bound, before the database closes.
 * Under `next dev` or in a test nothing sets STOPPING and nothing runs the hooks.
 */
export const STOPPING = Symbol.for('portal.stopping');
export const STOP_HOOKS = Symbol.for('portal.stopHooks');
export const BACKGROUND = Symbol.for('portal.background');

export type StopPhase = 'jobs' | 'database';
export interface StopHook {
  phase: StopPhase;
  name: string;
  run: () => Promise<void>;
}

type Holder = { [STOPPING]?: boolean; [STOP_HOOKS]?: StopHook[]; [BACKGROUND]?: Set<Promise<void>> };
const holder = globalThis as Holder;

/** True once the server has begun to stop. */
export function isStopping(): boolean {
  return holder[STOPPING] === true;
}

/** Registers what to do when the server stops (idempotent by name: a second registration replaces the first). */
export function onStop(phase: StopPhase, name: string, run: () => Promise<void>): void {
  const hooks = (holder[STOP_HOOKS] ??= []);
  const at = hooks.findIndex((hook) => hook.name === name);
  if (at >= 0) hooks.splice(at, 1);
  hooks.push({ phase, name, run });
}

/**
 * Runs `work` without making anyone wait for it, but not without the stop knowing: the process's
 * orderly stop waits for it (after the requests, within its 10 s) before it closes the database, so
 * that a stop cannot cut it half-way. Every fire-and-forget in src goes through here. `work` handles
 * its own errors (log them); a rejection left over is swallowed here, never unhandled.
 */
export function trackBackground(work: Promise<unknown>): void {
  const running = (holder[BACKGROUND] ??= new Set());
  const tracked: Promise<void> = work.then(
    () => undefined,
    () => undefined,
  ).finally(() => running.delete(tracked));
  running.add(tracked);
}

/** Resolves once no tracked work is running, work started meanwhile included (what the stop waits for; tests). */
export async function backgroundSettled(): Promise<void> {
  for (let running = holder[BACKGROUND]; running && running.size > 0; running = holder[BACKGROUND]) {
    await Promise.all(running);
  }
}
