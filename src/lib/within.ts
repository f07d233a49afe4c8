/** What `within` gives when the work did not settle in time. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * `work`'s outcome if it settles within `ms`, else TIMED_OUT (a rejection within the bound is passed
 * on). The work left behind is not awaited or cancelled; the timer does not keep the process alive and
 * is cleared as soon as the race is decided. Used where a hung database must not hold an answer
 * (/api/ready, /api/metrics).
 */
export function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
