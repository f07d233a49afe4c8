import { describe, expect, it } from 'vitest';
import { checkApplicationRules, type OrdererRuleSet } from '@/domain/applications/rules';
import { effectiveStatus } from '@/domain/guarantees/status';
import { currentTerm, ELECTRONIC_FROM, END_MARGIN_DAYS, endedTerm, fiscalYearOf, tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, todayInTokyo } from '@/lib/dates';

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

/** Every calendar day of 40 years from the date (exhaustive: the same assertions on every run). */
function* everyDay(from: string) {
  for (let day = from; day < addDaysIso(from, 365 * 40); day = addDaysIso(day, 1)) yield day;
}

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

  it('on every day of 40 years from 2026-04-01: 契約日 from 2026-04-01, not in the future; in force today and 60 days on; 大村市 accepts it electronically', () => {
    for (const today of everyDay(ELECTRONIC_FROM)) {
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
    }
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

  it('on every day of 40 years from 2026-06-01: 期間満了 today, concluded within it, 契約日 from 2026-04-01, 大村市 accepts it', () => {
    for (const today of everyDay('2026-06-01')) {
      const t = endedTerm(today);
      expect(t.contractDate >= ELECTRONIC_FROM).toBe(true);
      expect(effectiveStatus('ACTIVE', t.guaranteeEnd, today)).toBe('EXPIRED');
      // A whole month at least (February: 28 days) has passed since its last day.
      expect(t.guaranteeEnd <= addDaysIso(today, -29)).toBe(true);
      const concluded = todayInTokyo(t.concludedAt);
      expect(concluded > t.contractDate && concluded < t.guaranteeEnd).toBe(true);
      expect(rulesOf(t)).toEqual({});
    }
  });

  it('is refused before there can be one', () => {
    expect(() => endedTerm('2026-05-31')).toThrow(RangeError);
  });
});

describe('tokyoMoment', () => {
  it('is the wall-clock time in Asia/Tokyo', () => {
    expect(tokyoMoment('2027-03-31', '23:59:59').toISOString()).toBe('2027-03-31T14:59:59.000Z');
    expect(tokyoMoment('2027-04-01').toISOString()).toBe('2027-03-31T15:00:00.000Z');
    expect(todayInTokyo(tokyoMoment('2027-04-01'))).toBe('2027-04-01');
  });
});
