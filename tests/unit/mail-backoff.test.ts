import { describe, expect, it } from 'vitest';
import { afterFailure, BACKOFF_CAP_MS, backoffMs, MAX_MAIL_ATTEMPTS } from '@/mail/backoff';

const MIN = 60_000;

describe('mail retry backoff', () => {
  it('doubles from one minute after the first failure and stops growing at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([1, 2, 4, 8, 16, 32, 60].map((m) => m * MIN));
    expect(backoffMs(30)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(10_000)).toBe(BACKOFF_CAP_MS); // 2^10000 is Infinity: still the cap
    expect(backoffMs(0)).toBe(backoffMs(1));
  });

  it('schedules the next attempt from now, and gives up after the last attempt', () => {
    const now = new Date('2026-04-01T09:00:00.000Z');
    expect(afterFailure(1, now)).toEqual({ status: 'PENDING', nextAttemptAt: new Date('2026-04-01T09:01:00.000Z') });
    expect(afterFailure(MAX_MAIL_ATTEMPTS - 1, now)).toEqual({ status: 'PENDING', nextAttemptAt: new Date(now.getTime() + 60 * MIN) });
    expect(afterFailure(MAX_MAIL_ATTEMPTS, now)).toEqual({ status: 'FAILED' });
    expect(afterFailure(MAX_MAIL_ATTEMPTS + 3, now)).toEqual({ status: 'FAILED' });
  });

  it('spreads the attempts over about two hours before a mail is FAILED', () => {
    let waited = 0;
    for (let n = 1; n < MAX_MAIL_ATTEMPTS; n++) waited += backoffMs(n);
    expect(waited).toBe(123 * MIN);
  });
});
