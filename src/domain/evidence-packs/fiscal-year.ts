/**
 * 年度 (April–March) in Asia/Tokyo, named by the calendar year it starts in (2026 = 令和8年度): the
 * moments a confirmation's 確認日 falls between. Pure. Japan keeps no daylight saving time: midnight in
 * Tokyo is 15:00 UTC of the day before.
 */

const TOKYO_OFFSET_MS = 9 * 60 * 60_000;

/** [from, to) of the 年度 starting in April of `year`: its 確認日 are 4月1日 to 翌年3月31日 in Tokyo. */
export function fiscalYearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 3, 1) - TOKYO_OFFSET_MS), to: new Date(Date.UTC(year + 1, 3, 1) - TOKYO_OFFSET_MS) };
}

/** 令和8年度 (2026), 令和元年度 (2019, as most bodies name the 年度 that 令和 began in); before: 平成30年度. */
export function fiscalYearLabel(year: number): string {
  if (year >= 2019) {
    const n = year - 2018;
    return `令和${n === 1 ? '元' : n}年度`;
  }
  return `平成${year - 1988}年度`;
}

/** The 年度 a clerk may choose today: the current one first, then the five before it. */
export function fiscalYearChoices(todayIso: string, count = 6): number[] {
  const year = Number(todayIso.slice(0, 4));
  const current = Number(todayIso.slice(5, 7)) >= 4 ? year : year - 1;
  return Array.from({ length: count }, (_, i) => current - i);
}
