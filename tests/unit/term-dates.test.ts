import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkApplicationRules, type OrdererRuleSet } from '@/domain/applications/rules';
import { effectiveStatus } from '@/domain/guarantees/status';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { currentTerm, ELECTRONIC_FROM, END_MARGIN_DAYS, endedTerm, HALF_PASSED_FROM, halfPassedTerm, tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, fiscalYearOf, isValidIsoDate, todayInTokyo } from '@/lib/dates';

/** 大村市's rules, as the demo seed and makeOrderer set them. */
const omura: OrdererRuleSet = {
  name: '大村市',
  electronicFrom: ELECTRONIC_FROM,
  electronicWorkTypes: ['WORKS', 'CONSULTING'],
  limits: [{ guaranteeKind: 'ADVANCE', workType: null, bound: 'MAX', numerator: 4, denominator: 10 }],
};
const rulesOf = (term: ReturnType<typeof currentTerm>) =>
  checkApplicationRules(
    { guaranteeKind: 'ADVANCE', workType: 'WORKS', contractAmount: 100_000_000n, guaranteeAmount: 40_000_000n, deliveryMethod: 'ELECTRONIC', depositBank: '〇〇銀行', depositBranch: '▲▲支店', ...term },
    omura,
  );

const YEARS = 40;
/** The days from `from` for 40 years, `from` included. */
const within = (from: string) => (day: string) => day >= from && day < addDaysIso(from, 365 * YEARS);
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first and last day of every month of the 40 years from `from` (02-29 of every leap year among
 * them). endedTerm answers by today's month alone, and the bounds it must keep are tightest on a
 * month's first day: these days prove what every day would.
 */
function monthEdges(from: string): string[] {
  const days: string[] = [];
  const first = Number(from.slice(0, 4));
  for (let year = first; year <= first + YEARS; year++) {
    for (let month = 1; month <= 12; month++) {
      const start = `${year}-${pad(month)}-01`;
      days.push(start, addDaysIso(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1));
    }
  }
  return days.filter(within(from));
}

/**
 * The days of 40 years from `from` on which currentTerm's answer changes or its bounds are tightest —
 * the same days on every run: every month's first and last day (monthEdges), and each year's
 *   - 02-28, 02-29 (in a leap year) and 03-01;
 *   - 03-25 … 04-12: the fiscal year's turn, and the days before 04-10, when 契約日 is today itself;
 *   - the three days either side of END_MARGIN_DAYS before the fiscal year's end, where a contract
 *     starts running to the next one's (01-30 or 01-31, by the length of February).
 * Between these days every answer is constant or moves with today, so they prove what every day
 * would; the property tests below add any other day at random.
 */
function edgeDays(from: string): string[] {
  const days = new Set(monthEdges(from));
  const first = Number(from.slice(0, 4));
  for (let year = first; year <= first + YEARS; year++) {
    for (let day = `${year}-02-28`; day <= `${year}-03-01`; day = addDaysIso(day, 1)) days.add(day);
    for (let day = `${year}-03-25`; day <= `${year}-04-12`; day = addDaysIso(day, 1)) days.add(day);
    const switchDay = addDaysIso(`${year}-03-31`, -END_MARGIN_DAYS);
    for (let k = -3; k <= 3; k++) days.add(addDaysIso(switchDay, k));
  }
  return [...days].filter(within(from)).sort();
}

/** Any day of the 40 years from `from`. */
const anyDay = (from: string) => fc.integer({ min: 0, max: 365 * YEARS - 1 }).map((n) => addDaysIso(from, n));

describe('the edge days', () => {
  it('hold every fiscal-year turn, every switch to the next fiscal year\'s end, every leap day, every month\'s first and last day', () => {
    const days = new Set(edgeDays(ELECTRONIC_FROM));
    for (let year = 2026; year < 2066; year++) {
      for (const day of [`${year}-03-31`, `${year}-04-01`, `${year}-04-10`, `${year}-04-11`, `${year}-01-30`, `${year}-01-31`, `${year}-02-28`, `${year}-03-01`]) {
        if (within(ELECTRONIC_FROM)(day)) expect(days.has(day), day).toBe(true);
      }
      if (isValidIsoDate(`${year}-02-29`)) expect(days.has(`${year}-02-29`)).toBe(true);
      for (let month = 1; month <= 12; month++) {
        const firstOfMonth = `${year}-${pad(month)}-01`;
        if (within(ELECTRONIC_FROM)(firstOfMonth)) expect(days.has(firstOfMonth)).toBe(true);
      }
    }
    expect(days.has('2028-02-29') && days.has('2064-02-29')).toBe(true);
    const months = monthEdges('2026-06-01');
    expect(months.slice(0, 3)).toEqual(['2026-06-01', '2026-06-30', '2026-07-01']);
    expect(months).toContain('2028-02-29');
    expect(months.length).toBeGreaterThanOrEqual(2 * 12 * YEARS - 2); // 365 × 40 days end a few days before the 40th anniversary
  });
});

describe('currentTerm: a contract of the fiscal year that contains today (Asia/Tokyo)', () => {
  it.each([
    // today, 契約日, 工期/保証期間（自）, （至）
    ['2026-11-24', '2026-04-10', '2026-04-11', '2027-03-31'],
    ['2027-01-30', '2026-04-10', '2026-04-11', '2027-03-31'], // 60 days before the end: still this year's end
    ['2027-01-31', '2026-04-10', '2026-04-11', '2028-03-31'], // 59 days: the works run on to the next year's end
    ['2027-03-15', '2026-04-10', '2026-04-11', '2028-03-31'],
    ['2027-03-31', '2026-04-10', '2026-04-11', '2028-03-31'],
    ['2027-04-01', '2027-04-01', '2027-04-02', '2028-03-31'], // 04-10 is still ahead: today
    ['2027-04-09', '2027-04-09', '2027-04-10', '2028-03-31'],
    ['2027-04-10', '2027-04-10', '2027-04-11', '2028-03-31'],
    ['2029-12-31', '2029-04-10', '2029-04-11', '2030-03-31'],
    ['2030-02-10', '2029-04-10', '2029-04-11', '2031-03-31'],
    ['2026-04-05', '2026-04-05', '2026-04-06', '2027-03-31'],
    ['2026-03-20', '2026-04-01', '2026-04-02', '2027-03-31'], // before 大村市's first day: never earlier than it
  ])('on %s: 契約日 %s, %s … %s', (today, contractDate, start, end) => {
    expect(currentTerm(today)).toEqual({ contractDate, periodStart: start, periodEnd: end, guaranteeStart: start, guaranteeEnd: end });
  });

  it('fiscal years run April to March', () => {
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
    expect(fiscalYearOf('2026-12-31')).toBe(2026);
  });

  const expectCurrentTerm = (today: string) => {
    const t = currentTerm(today);
    expect(t.contractDate >= ELECTRONIC_FROM).toBe(true);
    expect(t.contractDate <= today).toBe(true);
    expect(t.periodStart).toBe(addDaysIso(t.contractDate, 1));
    expect(t.guaranteeStart).toBe(t.periodStart);
    expect(t.guaranteeEnd).toBe(t.periodEnd);
    expect(t.guaranteeEnd >= addDaysIso(today, END_MARGIN_DAYS)).toBe(true);
    expect(t.guaranteeEnd.slice(5)).toBe('03-31');
    expect(t.guaranteeEnd <= `${fiscalYearOf(today) + 2}-03-31`).toBe(true);
    expect(effectiveStatus('ACTIVE', t.guaranteeEnd, today)).toBe('ACTIVE');
    expect(rulesOf(t)).toEqual({});
  };

  it('on the edge days of 40 years from 2026-04-01: 契約日 from 2026-04-01, not in the future; in force today and 60 days on; 大村市 accepts it electronically', () => {
    for (const today of edgeDays(ELECTRONIC_FROM)) expectCurrentTerm(today);
  });

  it('property: the same on any day of those 40 years', () => {
    fc.assert(fc.property(anyDay(ELECTRONIC_FROM), (today) => expectCurrentTerm(today)), { numRuns: 500 });
  });

  it('defaults to today in Tokyo', () => {
    expect(currentTerm()).toEqual(currentTerm(todayInTokyo()));
  });
});

describe('endedTerm: a contract whose 保証期間 has already ended', () => {
  it.each([
    // today, 契約日, （自）, （至）, concluded (Tokyo)
    ['2026-11-24', '2026-04-01', '2026-04-02', '2026-09-30', '2026-04-08'],
    ['2027-03-15', '2026-08-01', '2026-08-02', '2027-01-31', '2026-08-08'],
    ['2027-04-01', '2026-09-01', '2026-09-02', '2027-02-28', '2026-09-08'],
    ['2030-02-10', '2029-07-01', '2029-07-02', '2029-12-31', '2029-07-08'],
    ['2028-04-30', '2027-09-01', '2027-09-02', '2028-02-29', '2027-09-08'],
    ['2026-06-01', '2026-04-01', '2026-04-02', '2026-04-30', '2026-04-08'],
    ['2037-03-01', '2036-08-01', '2036-08-02', '2037-01-31', '2036-08-08'], // 29 days after its end, the shortest gap
  ])('on %s: 契約日 %s, %s … %s, concluded %s', (today, contractDate, start, end, concluded) => {
    expect(endedTerm(today)).toEqual({
      contractDate,
      periodStart: start,
      periodEnd: end,
      guaranteeStart: start,
      guaranteeEnd: end,
      concludedAt: new Date(`${concluded}T10:00:00+09:00`),
    });
  });

  const expectEndedTerm = (today: string) => {
    const t = endedTerm(today);
    expect(t.contractDate >= ELECTRONIC_FROM).toBe(true);
    expect(effectiveStatus('ACTIVE', t.guaranteeEnd, today)).toBe('EXPIRED');
    // A whole month at least (February: 28 days) has passed since its last day.
    expect(t.guaranteeEnd <= addDaysIso(today, -29)).toBe(true);
    const concluded = todayInTokyo(t.concludedAt);
    expect(concluded > t.contractDate && concluded < t.guaranteeEnd).toBe(true);
    expect(rulesOf(t)).toEqual({});
  };

  it('on the first and last day of every month of 40 years from 2026-06-01: 期間満了 today, concluded within it, 契約日 from 2026-04-01, 大村市 accepts it', () => {
    for (const today of monthEdges('2026-06-01')) expectEndedTerm(today);
  });

  it('property: the same on any day of those 40 years', () => {
    fc.assert(fc.property(anyDay('2026-06-01'), (today) => expectEndedTerm(today)), { numRuns: 500 });
  });

  it('is refused before there can be one', () => {
    expect(() => endedTerm('2026-05-31')).toThrow(RangeError);
  });
});

describe('halfPassedTerm: a contract in force whose 工期 has passed its half (a 中間前払金 認定 can be requested)', () => {
  it.each([
    // today, 契約日, 工期/保証期間（自）, （至）, the half day, concluded (Tokyo)
    ['2026-12-06', '2026-06-01', '2026-06-02', '2027-02-28', '2026-10-16', '2026-06-08'],
    ['2027-01-15', '2026-07-01', '2026-07-02', '2027-03-31', '2026-11-16', '2026-07-08'],
    ['2027-02-28', '2026-08-01', '2026-08-02', '2027-04-30', '2026-12-16', '2026-08-08'],
    ['2027-03-31', '2026-09-01', '2026-09-02', '2027-05-31', '2027-01-16', '2026-09-08'],
    ['2027-04-01', '2026-10-01', '2026-10-02', '2027-05-31', '2027-01-31', '2026-10-08'], // a new fiscal year: the term runs across it
    ['2027-05-10', '2026-11-01', '2026-11-02', '2027-07-31', '2027-03-18', '2026-11-08'],
    ['2027-06-30', '2026-12-01', '2026-12-02', '2027-08-31', '2027-04-18', '2026-12-08'],
    ['2027-07-01', '2027-01-01', '2027-01-02', '2027-08-31', '2027-05-03', '2027-01-08'],
    ['2027-08-20', '2027-02-01', '2027-02-02', '2027-10-31', '2027-06-18', '2027-02-08'],
    ['2027-09-01', '2027-03-01', '2027-03-02', '2027-10-31', '2027-07-02', '2027-03-08'],
    ['2027-10-31', '2027-04-01', '2027-04-02', '2027-12-31', '2027-08-17', '2027-04-08'],
    ['2027-11-30', '2027-05-01', '2027-05-02', '2028-01-31', '2027-09-17', '2027-05-08'],
    ['2028-12-31', '2028-06-01', '2028-06-02', '2029-03-31', '2028-11-01', '2028-06-08'],
    ['2026-06-17', '2026-04-01', '2026-04-02', '2026-08-31', '2026-06-17', '2026-04-08'], // HALF_PASSED_FROM, the first day there is one: the half is today
    ['2026-10-01', '2026-04-01', '2026-04-02', '2026-11-30', '2026-08-02', '2026-04-08'],
  ])('on %s: 契約日 %s, %s … %s, half passed on %s, concluded %s', (today, contractDate, start, end, half, concluded) => {
    const t = halfPassedTerm(today);
    expect(t).toEqual({ contractDate, periodStart: start, periodEnd: end, guaranteeStart: start, guaranteeEnd: end, concludedAt: new Date(`${concluded}T10:00:00+09:00`) });
    expect(halfPeriodDate(t.periodStart, t.periodEnd)).toBe(half);
  });

  const expectHalfPassedTerm = (today: string) => {
    const t = halfPassedTerm(today);
    expect(t.contractDate >= ELECTRONIC_FROM).toBe(true);
    expect(t.periodStart).toBe(addDaysIso(t.contractDate, 1));
    expect(t.guaranteeStart).toBe(t.periodStart);
    expect(t.guaranteeEnd).toBe(t.periodEnd);
    expect(halfPeriodDate(t.periodStart, t.periodEnd) <= today).toBe(true);
    expect(t.guaranteeEnd >= addDaysIso(today, END_MARGIN_DAYS)).toBe(true);
    expect(effectiveStatus('ACTIVE', t.guaranteeEnd, today)).toBe('ACTIVE');
    const concluded = todayInTokyo(t.concludedAt);
    expect(concluded > t.contractDate && concluded <= today).toBe(true);
    expect(rulesOf(t)).toEqual({});
  };

  it('on the edge days of 40 years from HALF_PASSED_FROM: half passed today, in force today and 60 days on, concluded before today, 契約日 from 2026-04-01, 大村市 accepts it', () => {
    for (const today of edgeDays(HALF_PASSED_FROM)) expectHalfPassedTerm(today);
  });

  it('every day of the 12 months from 2026-10-01 (B12: the 認定 can be requested whatever the month)', () => {
    for (let today = '2026-10-01'; today < '2027-10-01'; today = addDaysIso(today, 1)) expectHalfPassedTerm(today);
  });

  it('property: the same on any day of those 40 years', () => {
    fc.assert(fc.property(anyDay(HALF_PASSED_FROM), (today) => expectHalfPassedTerm(today)), { numRuns: 500 });
  });

  it('is refused before there can be one: on ELECTRONIC_FROM and the days after it, up to HALF_PASSED_FROM', () => {
    for (let today = ELECTRONIC_FROM; today < HALF_PASSED_FROM; today = addDaysIso(today, 1)) expect(() => halfPassedTerm(today), today).toThrow(RangeError);
    expect(() => halfPassedTerm(addDaysIso(ELECTRONIC_FROM, 3))).toThrow(RangeError);
    expect(() => halfPassedTerm(HALF_PASSED_FROM)).not.toThrow();
  });
});

describe('tokyoMoment', () => {
  it('is the wall-clock time in Asia/Tokyo', () => {
    expect(tokyoMoment('2027-03-31', '23:59:59').toISOString()).toBe('2027-03-31T14:59:59.000Z');
    expect(tokyoMoment('2027-04-01').toISOString()).toBe('2027-03-31T15:00:00.000Z');
    expect(todayInTokyo(tokyoMoment('2027-04-01'))).toBe('2027-04-01');
  });
});
