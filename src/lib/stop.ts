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
 * Under `next dev` or in a test nothing sets STOPPING and nothing runs the hooks.
 */
export const STOPPING = Symbol.for('portal.stopping');
export const STOP_HOOKS = Symbol.for('portal.stopHooks');

export type StopPhase = 'jobs' | 'database';
export interface StopHook {
  phase: StopPhase;
  name: string;
  run: () => Promise<void>;
}

type Holder = { [STOPPING]?: boolean; [STOP_HOOKS]?: StopHook[] };
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
