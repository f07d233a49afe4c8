import { afterEach, expect, it, vi } from 'vitest';
import { logger } from '@/lib/log';

afterEach(() => vi.restoreAllMocks());

it('writes one JSON line: info to stdout; errors to stderr once, with name, message, cause and stack', () => {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = logger('period-ending');
  log.info('period-ending notices', { sent: 2, mails: 3, failed: 0 });
  log.error('notice failed', new Error('outer', { cause: new Error('inner') }), { guaranteeId: 'g1' });
  expect(out).toHaveBeenCalledTimes(1);
  expect(err).toHaveBeenCalledTimes(1);
  const info = JSON.parse(String(out.mock.calls[0]![0]));
  expect(info).toMatchObject({ level: 'info', module: 'period-ending', msg: 'period-ending notices', sent: 2, mails: 3, failed: 0 });
  expect(String(out.mock.calls[0]![0]).endsWith('}\n')).toBe(true);
  const error = JSON.parse(String(err.mock.calls[0]![0]));
  expect(error).toMatchObject({ level: 'error', msg: 'notice failed', guaranteeId: 'g1', error: 'Error', errorMessage: 'outer', cause: 'inner' });
  expect(error.stack).toContain('outer');
  expect(Date.parse(error.time)).not.toBeNaN();
});
