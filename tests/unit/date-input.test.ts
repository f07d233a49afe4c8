import { describe, expect, it } from 'vitest';
import { DATE_INPUT_MESSAGES as M } from '@/lib/date-input-messages';
import { dateInputMessage, dateInputSchema, formatSlashDate, parseDateInput, type DateInputProblem } from '@/lib/date-input';
import { formatJapaneseDateShort } from '@/lib/wareki';

const iso = (input: string) => {
  const read = parseDateInput(input);
  return read.ok ? read.iso : read.problem;
};
const problem = (input: string): DateInputProblem => {
  const read = parseDateInput(input);
  if (read.ok) throw new Error(`${input} was read as ${read.iso}`);
  return read.problem;
};

describe('parseDateInput: 西暦 as people write it', () => {
  it.each([
    ['2026-04-01', '2026-04-01'],
    ['2026/4/1', '2026-04-01'],
    ['2026/04/01', '2026-04-01'],
    ['2026.4.1', '2026-04-01'],
    ['2026年4月1日', '2026-04-01'],
    ['2026年4月1', '2026-04-01'],
    ['2026年 4月 1日', '2026-04-01'],
    [' 2026/4/1 ', '2026-04-01'],
    ['20260401', '2026-04-01'],
    ['２０２６／４／１', '2026-04-01'],
    ['２０２６－０４－０１', '2026-04-01'],
    ['２０２６年４月１日', '2026-04-01'],
    ['２０２６．４．１', '2026-04-01'],
    ['2026ー4ー1', '2026-04-01'], // the IME's long mark for a dash
    ['2026−4−1', '2026-04-01'], // U+2212 minus
    ['二〇二六年四月一日', '2026-04-01'],
    ['二〇二六年十二月三十一日', '2026-12-31'],
    ['2026/12/05', '2026-12-05'],
    ['2028/2/29', '2028-02-29'], // a leap year
    ['2026/4/1(水)', '2026-04-01'],
    ['2026年4月1日（水曜日）', '2026-04-01'],
    ['2026/4/1 (水曜)', '2026-04-01'],
  ])('%s → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });
});

describe('parseDateInput: 和暦', () => {
  it.each([
    ['令和8年4月1日', '2026-04-01'],
    ['令和８年４月１日', '2026-04-01'],
    ['令和 8年 4月 1日', '2026-04-01'], // as the certificates print it
    ['令和八年四月一日', '2026-04-01'],
    ['令和8/4/1', '2026-04-01'],
    ['令和8.4.1', '2026-04-01'],
    ['R8.4.1', '2026-04-01'],
    ['r8.4.1', '2026-04-01'],
    ['Ｒ８．４．１', '2026-04-01'],
    ['R08.04.01', '2026-04-01'],
    ['R8-4-1', '2026-04-01'],
    ['㋿8年4月1日', '2026-04-01'], // the era's one-character form
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['R元.5.1', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['㍻31年4月30日', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['S64.1.7', '1989-01-07'],
    ['平成12年2月29日', '2000-02-29'],
    ['令和8年4月1日（水）', '2026-04-01'],
  ])('%s → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });
});

describe('parseDateInput: what is not a date, with the reason', () => {
  it.each(['', '   ', '　'])('%j is empty', (input) => {
    expect(problem(input)).toEqual({ kind: 'empty' });
  });

  it.each(['26/4/1', '2026/4', '2026年4月', '令和8年4月', '4/1', 'abc', '2026/4/1/1', '2026-4-1x', '令和0年4月1日', 'R0.4.1', '大正8年4月1日', 'X8.4.1', '2026年十十月1日', '202641', '2026/04/001'])(
    '%j is no date',
    (input) => {
      expect(problem(input)).toEqual({ kind: 'format' });
    },
  );

  it('a month outside 1–12', () => {
    expect(problem('令和8年13月1日')).toEqual({ kind: 'month', month: 13 });
    expect(problem('2026/0/1')).toEqual({ kind: 'month', month: 0 });
    expect(problem('20261301')).toEqual({ kind: 'month', month: 13 });
  });

  it('a day the month does not have', () => {
    expect(problem('2026/2/30')).toEqual({ kind: 'day', year: 2026, month: 2, day: 30, lastDay: 28 });
    expect(problem('2026/2/29')).toEqual({ kind: 'day', year: 2026, month: 2, day: 29, lastDay: 28 });
    expect(problem('令和8年4月31日')).toEqual({ kind: 'day', year: 2026, month: 4, day: 31, lastDay: 30 });
    expect(problem('2026/4/0')).toMatchObject({ kind: 'day', day: 0 });
  });

  it('平成 ended on 31年4月30日: 平成31年5月1日 and 平成32年 are days of 令和', () => {
    expect(problem('平成31年5月1日')).toMatchObject({ kind: 'after-era', typed: '平成31年5月1日', iso: '2019-05-01', era: { name: '平成' } });
    expect(problem('平成32年4月1日')).toMatchObject({ kind: 'after-era', typed: '平成32年4月1日', iso: '2020-04-01' });
    expect(problem('H38.4.1')).toMatchObject({ kind: 'after-era', iso: '2026-04-01' });
    expect(problem('昭和64年1月8日')).toMatchObject({ kind: 'after-era', iso: '1989-01-08', era: { name: '昭和' } });
  });

  it('令和 began on 元年5月1日: 令和元年4月30日 is a day of 平成', () => {
    expect(problem('令和元年4月30日')).toMatchObject({ kind: 'before-era', typed: '令和元年4月30日', iso: '2019-04-30', era: { name: '令和' } });
    expect(problem('R1.1.1')).toMatchObject({ kind: 'before-era', iso: '2019-01-01' });
    expect(problem('平成元年1月7日')).toMatchObject({ kind: 'before-era', iso: '1989-01-07' });
  });

  it('a weekday that is not the date’s', () => {
    expect(problem('2026/4/1(木)')).toEqual({ kind: 'weekday', iso: '2026-04-01', typedWeekday: '木' });
  });
});

describe('the message at the field', () => {
  const message = (input: string) => dateInputMessage('契約日', problem(input));

  it('says what is wrong, in Japanese, writing dates as the screens do', () => {
    expect(message('')).toBe(M.empty('契約日'));
    expect(message('26/4/1')).toBe(M.format('契約日'));
    expect(message('令和8年13月1日')).toBe(M.month('契約日', 13));
    expect(message('2026/2/30')).toBe(M.day('契約日', 2026, 2, 28));
    expect(message('平成32年4月1日')).toBe(M.afterEra('契約日', '平成32年4月1日', '平成', '平成31年4月30日', '2020/04/01', '令和2年4月1日'));
    expect(message('令和元年4月30日')).toBe(M.beforeEra('契約日', '令和元年4月30日', '令和', '令和元年5月1日', '2019/04/30', '平成31年4月30日'));
    expect(message('2026/4/1(木)')).toBe(M.weekday('契約日', '木', '2026/04/01', '水'));
    // Written the way the screens write dates: never 2026-04-01.
    for (const input of ['26/4/1', '令和8年13月1日', '2026/2/30', '平成32年4月1日', '令和元年4月30日', '2026/4/1(木)']) expect(message(input)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('names the range in years when it is whole years, else in days', () => {
    expect(dateInputMessage('入金日', { kind: 'range', min: '2000-01-01', max: '2099-12-31' })).toContain('2000年から2099年まで');
    expect(dateInputMessage('入金日', { kind: 'range', min: '2026-04-08', max: '2026-12-05' })).toContain('2026/04/08 から 2026/12/05 まで');
  });
});

describe('dateInputSchema: what the forms and the server read', () => {
  const schema = dateInputSchema('工期（自）');

  it('reads every accepted form to the ISO date', () => {
    for (const input of ['2026/4/1', '令和8年4月1日', 'R8.4.1', '２０２６／４／１', '2026年4月1日', '2026-04-01']) {
      expect(schema.parse(input)).toBe('2026-04-01');
    }
  });

  it('refuses with the message at the field', () => {
    const issues = (input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message);
    expect(issues('2026/2/30')).toEqual([M.day('工期（自）', 2026, 2, 28)]);
    expect(issues('令和8年13月')).toEqual([M.format('工期（自）')]);
    expect(issues('1999/12/31')).toEqual([M.range('工期（自）', '2000/01/01', '2099/12/31')]);
    expect(issues('2100/1/1')).toEqual([M.range('工期（自）', '2000/01/01', '2099/12/31')]);
    expect(issues('2026/4/1'.padEnd(41, ' '))).toEqual([M.format('工期（自）')]);
    expect(issues(undefined)).toEqual([M.empty('工期（自）')]);
  });

  it('takes its own range', () => {
    const bounded = dateInputSchema('入金日', { min: '2026-04-08', max: '2026-12-05' });
    expect(bounded.parse('2026/12/05')).toBe('2026-12-05');
    expect(bounded.safeParse('2026/12/06').error?.issues[0]?.message).toBe(M.range('入金日', '2026/04/08', '2026/12/05'));
    expect(() => dateInputSchema('x', { min: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('the forms a date is written back in', () => {
  it('2026/04/01 on the screens; 和暦 as typed, 元年 for the first year', () => {
    expect(formatSlashDate('2026-04-01')).toBe('2026/04/01');
    expect(formatJapaneseDateShort('2026-04-01')).toBe('令和8年4月1日');
    expect(formatJapaneseDateShort('2019-05-01')).toBe('令和元年5月1日');
    expect(formatJapaneseDateShort('2019-04-30')).toBe('平成31年4月30日');
    expect(formatJapaneseDateShort('1989-01-08')).toBe('平成元年1月8日');
    expect(formatJapaneseDateShort('1989-01-07')).toBe('昭和64年1月7日');
  });

  it('every day read back from its 和暦 is the same day (2019 and 1989, both era changes)', () => {
    for (const start of ['1989-01-01', '2019-01-01']) {
      for (let d = new Date(`${start}T00:00:00Z`), i = 0; i < 366; i++, d.setUTCDate(d.getUTCDate() + 1)) {
        const day = d.toISOString().slice(0, 10);
        expect(iso(formatJapaneseDateShort(day))).toBe(day);
        expect(iso(formatSlashDate(day))).toBe(day);
      }
    }
  });
});

describe('parseDateInput: a year below 1000', () => {
  it('is read with four digits (then refused by the range), never as a short ISO string', () => {
    expect(iso('0024/2/29')).toBe('0024-02-29');
    expect(dateInputSchema('契約日').safeParse('0024/2/29').success).toBe(false);
  });
});
