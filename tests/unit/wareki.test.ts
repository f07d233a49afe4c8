import { describe, expect, it } from 'vitest';
import { formatJapaneseDate } from '@/lib/wareki';

describe('和暦', () => {
  it.each([
    ['2026-04-01', '令和 8年 4月 1日'],
    ['2022-05-10', '令和 4年 5月10日'],
    ['2023-03-31', '令和 5年 3月31日'],
    ['2019-05-01', '令和元年 5月 1日'],
    ['2019-04-30', '平成31年 4月30日'],
    ['2026-12-31', '令和 8年12月31日'],
  ])('%s → %s', (iso, expected) => {
    expect(formatJapaneseDate(iso)).toBe(expected);
  });
});
