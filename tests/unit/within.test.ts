import { afterEach, expect, it, vi } from 'vitest';
import { TIMED_OUT, within } from '@/lib/within';

afterEach(() => vi.useRealTimers());

it("gives the work's value, or its rejection, when it settles in time, and clears its timer", async () => {
  vi.useFakeTimers();
  await expect(within(Promise.resolve(7), 1_000)).resolves.toBe(7);
  await expect(within(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  expect(vi.getTimerCount()).toBe(0);
});

it('gives TIMED_OUT when the work does not settle within the bound (a hung database)', async () => {
  vi.useFakeTimers();
  const answer = within(new Promise(() => {}), 50);
  await vi.advanceTimersByTimeAsync(49);
  let settled = false;
  void answer.then(() => (settled = true));
  await Promise.resolve();
  expect(settled).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await expect(answer).resolves.toBe(TIMED_OUT);
});
