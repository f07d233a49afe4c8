// The production server's orderly stop (decision 057). On SIGTERM or SIGINT (a second one while
// stopping is noted and changes nothing: `npm start` passes Ctrl-C on to a server that got it too):
//   1. STOPPING is set on globalThis (src/lib/stop.ts): GET /api/ready answers 503 "stopping";
//   2. the app's `jobs` hooks start at once (src/boot.ts: the mail worker finishes the mail it is
//      sending, the period-ending sweep its run, the retention sweep its statement, and none starts again);
//   3. during STOP_DRAIN_SECONDS (0 by default, at most 5) the server still accepts connections, so that
//      a load balancer's probe reads the 503 and stops sending; then it stops listening;
//   4. the requests in flight finish (their responses say `Connection: close`, idle kept-alive
//      connections are closed), then the work they left running in the background (src/lib/stop.ts
//      trackBackground: e.g. a lookup lock's notice);
//   5. after the requests, their background work and the jobs, the `database` hooks close the database
//      (PGlite: its data folder is left closed cleanly and its lock file removed);
//   6. exit 0, STOP_DEADLINE_MS (10 s) after the signal at the latest: past it, or when a step failed,
//      one log line names what was still running and the process exits 1. Requests and background work
//      still running CLOSE_MARGIN_MS before the deadline are left to fail: the database is closed under them.
// Plain JavaScript beside ./serve.mjs; tests/unit/graceful-stop.test.ts drives it over real HTTP.

export const STOPPING = Symbol.for('portal.stopping');
export const STOP_HOOKS = Symbol.for('portal.stopHooks');
export const BACKGROUND = Symbol.for('portal.background');
export const STOP_DEADLINE_MS = 10_000;
/** Kept for closing the database after the requests: they get the deadline less this. */
export const CLOSE_MARGIN_MS = 1_500;
export const MAX_DRAIN_SECONDS = 5;

/** STOP_DRAIN_SECONDS: a whole number of seconds from 0 to MAX_DRAIN_SECONDS; unset → 0. */
export function parseDrain(value) {
  if (value === undefined || value.trim() === '') return 0;
  if (!/^\d+$/.test(value.trim()) || Number(value) > MAX_DRAIN_SECONDS) {
    throw new Error(`STOP_DRAIN_SECONDS must be a whole number of seconds from 0 to ${MAX_DRAIN_SECONDS}, not "${value}"`);
  }
  return Number(value);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A timer for a race: `done` resolves false after `ms`; `clear()` drops it (no timer left behind). */
function timeout(ms) {
  let timer;
  const done = new Promise((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  return { done, clear: () => clearTimeout(timer) };
}

/** True once the app's background work (src/lib/stop.ts trackBackground) has all settled, false if `ms` passed first. */
async function backgroundDrained(ms) {
  const until = Date.now() + ms;
  for (let running = globalThis[BACKGROUND]; running && running.size > 0; running = globalThis[BACKGROUND]) {
    const bound = timeout(until - Date.now());
    const settled = await Promise.race([Promise.all(running).then(() => true), bound.done]);
    bound.clear();
    if (!settled) return false;
  }
  return true;
}

/**
 * Watches `server`'s requests and returns `stop(signal)`, which runs the steps above and calls
 * `exit(code)` once. `log` is a pino-style logger (info/warn/error with an object first).
 */
export function gracefulStop(server, { log, exit = (code) => process.exit(code), deadlineMs = STOP_DEADLINE_MS, drainMs = 0, closeMarginMs = CLOSE_MARGIN_MS } = {}) {
  /** Each response in flight → "METHOD /path" (no query string), for the log line of a forced exit. */
  const open = new Map();
  let waiters = [];
  let stopping = null;
  const settle = () => {
    if (open.size > 0) return;
    for (const resolve of waiters) resolve(true);
    waiters = [];
  };
  server.prependListener('request', (req, res) => {
    open.set(res, `${req.method} ${(req.url ?? '/').split('?')[0].slice(0, 120)}`);
    if (stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      open.delete(res);
      settle();
    });
  });
  const drained = (ms) =>
    open.size === 0
      ? Promise.resolve(true)
      : Promise.race([new Promise((resolve) => waiters.push(resolve)), sleep(Math.max(0, ms)).then(() => false)]);

  function stop(signal) {
    if (stopping) {
      log.info({ signal }, 'already stopping');
      return stopping;
    }
    globalThis[STOPPING] = true;
    const started = Date.now();
    const running = new Set();
    let failed = false;
    let done = false;
    const finish = (code) => {
      if (done) return;
      done = true;
      exit(code);
    };
    const force = setTimeout(() => {
      log.error(
        { signal, requests: [...open.values()].slice(0, 20), steps: [...running] },
        `not stopped within ${deadlineMs / 1000} s: exiting anyway`,
      );
      finish(1);
    }, deadlineMs);
    const runHooks = (phase) =>
      Promise.all(
        (globalThis[STOP_HOOKS] ?? [])
          .filter((hook) => hook.phase === phase)
          .map(async (hook) => {
            running.add(hook.name);
            try {
              await hook.run();
            } catch (error) {
              failed = true;
              log.error({ err: error, step: hook.name }, 'a stop step failed');
            } finally {
              running.delete(hook.name);
            }
          }),
      );
    log.info({ signal, requests: open.size, drainSeconds: drainMs / 1000 }, 'stopping');
    stopping = (async () => {
      const jobs = runHooks('jobs');
      if (drainMs > 0) await sleep(drainMs);
      server.close();
      for (const res of open.keys()) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.closeIdleConnections?.();
      running.add('requests');
      const allDone = await drained(deadlineMs - closeMarginMs - (Date.now() - started));
      running.delete('requests');
      if (!allDone) {
        failed = true;
        log.warn({ requests: [...open.values()].slice(0, 20) }, 'requests still running: closing the database under them');
      }
      // What the requests left running (a lock's notice): it writes to the database too.
      running.add('background');
      const backgroundDone = await backgroundDrained(deadlineMs - closeMarginMs - (Date.now() - started));
      running.delete('background');
      if (!backgroundDone) {
        failed = true;
        log.warn({ background: globalThis[BACKGROUND]?.size ?? 0 }, 'background work still running: closing the database under it');
      }
      server.closeIdleConnections?.();
      await jobs;
      await runHooks('database');
      clearTimeout(force);
      if (!done) log.info({ ms: Date.now() - started, clean: !failed }, 'stopped');
      finish(failed ? 1 : 0);
    })();
    return stopping;
  }

  return { stop, inFlight: () => open.size };
}

/** gracefulStop on SIGTERM and SIGINT. */
export function stopOnSignals(server, options) {
  const { stop } = gracefulStop(server, options);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(signal));
  return stop;
}
