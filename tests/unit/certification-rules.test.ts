import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountBounds, ordererLimit, type OrdererRuleSet } from '@/domain/applications/rules';
import { CERTIFICATION_FIELD_LABEL, CERTIFICATION_MESSAGES as M } from '@/domain/certifications/labels';
import {
  boundYen,
  certificationNumberLabel,
  checkRequest,
  halfOfContract,
  halfPeriodDate,
  periodDays,
  progressWarning,
  requestableAmount,
  type CertificationRequestFacts,
} from '@/domain/certifications/rules';
import { addDaysIso, fiscalYearOf } from '@/lib/dates';

describe('工期の2分の1 (halfPeriodDate)', () => {
  it('つるぎ町の記載例: 6月16日から翌年2月28日までの258日間 → 129日を経過した日は130日目の10月23日', () => {
    expect(periodDays('2026-06-16', '2027-02-28')).toBe(258);
    expect(halfPeriodDate('2026-06-16', '2027-02-28')).toBe('2026-10-23');
    // Day 130 counted from 6月16日 as day 1.
    expect(periodDays('2026-06-16', '2026-10-23')).toBe(130);
  });

  it('the same 工期 ending on a leap day has 259 days: half (129.5 days) has passed only once day 130 has ended', () => {
    expect(periodDays('2027-06-16', '2028-02-29')).toBe(259);
    expect(halfPeriodDate('2027-06-16', '2028-02-29')).toBe('2027-10-24');
  });

  it('counts a 2月29日 inside the first half', () => {
    expect(periodDays('2027-12-01', '2028-05-31')).toBe(183);
    expect(halfPeriodDate('2027-12-01', '2028-05-31')).toBe('2028-03-02');
    expect(periodDays('2026-12-01', '2027-05-31')).toBe(182);
    expect(halfPeriodDate('2026-12-01', '2027-05-31')).toBe('2027-03-02');
  });

  it('odd and even lengths: 2 days → the 2nd day, 3 days → the 3rd, 4 days → the 3rd', () => {
    expect(halfPeriodDate('2026-07-01', '2026-07-02')).toBe('2026-07-02');
    expect(halfPeriodDate('2026-07-01', '2026-07-03')).toBe('2026-07-03');
    expect(halfPeriodDate('2026-07-01', '2026-07-04')).toBe('2026-07-03');
  });

  it('across the year end and the 年度 end', () => {
    expect(periodDays('2026-10-01', '2027-03-31')).toBe(182);
    expect(halfPeriodDate('2026-10-01', '2027-03-31')).toBe('2026-12-31');
    expect(halfPeriodDate('2026-10-02', '2027-03-31')).toBe('2027-01-01');
    // A 工期 of two 年度: the half falls on 3月31日 or 4月1日.
    expect(halfPeriodDate('2026-10-01', '2027-09-27')).toBe('2027-03-31'); // 362 days
    expect(halfPeriodDate('2026-10-01', '2027-09-28')).toBe('2027-04-01'); // 363 days
  });

  it('for any 工期 of 2 to 2,000 days: on the half day at least half has passed, the day before less than half', () => {
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDaysIso('2019-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 2, max: 2000 }), (start, days) => {
        const end = addDaysIso(start, days - 1);
        expect(periodDays(start, end)).toBe(days);
        const half = halfPeriodDate(start, end);
        const passedBy = (d: string) => periodDays(start, addDaysIso(d, -1)); // days ended before day d begins
        expect(passedBy(half) * 2).toBeGreaterThanOrEqual(days);
        expect(passedBy(addDaysIso(half, -1)) * 2).toBeLessThan(days);
        expect(half <= end).toBe(true);
      }),
    );
  });
});

/** つるぎ町's 工期 with 大村市's bounds: a request on the first day it may be made, every figure in order. */
const base: CertificationRequestFacts = {
  periodStart: '2026-06-16',
  periodEnd: '2027-02-28',
  contractAmount: 100_000_000n,
  advanceAmount: 40_000_000n,
  reportedOn: '2026-10-23',
  plannedProgressBp: 4800,
  actualProgressBp: 5150,
  workDoneAmount: 56_000_000n,
  requestedAmount: 20_000_000n,
  noPartialPayment: true,
  ordererName: '大村市',
  intermediateLimit: { numerator: 2, denominator: 10 },
  combinedLimit: { numerator: 6, denominator: 10 },
};
const check = (patch: Partial<CertificationRequestFacts>, today = '2026-10-23') => checkRequest({ ...base, ...patch }, today);
const PERIOD = { start: base.periodStart, end: base.periodEnd, days: 258 };

describe('checkRequest: condition 1 and the report date', () => {
  it('a request on the half day itself passes', () => {
    expect(check({})).toEqual({});
  });

  it('the day before the half day is refused at 報告日, naming the day, the 工期 and its days', () => {
    const errors = check({ reportedOn: '2026-10-22' }, '2026-10-22');
    expect(errors).toEqual({ reportedOn: [M.beforeHalf('2026-10-23', PERIOD)] });
    expect(errors.reportedOn![0]).toBe('工期の2分の1を経過する令和8年10月23日から請求できます（工期 令和8年6月16日〜令和9年2月28日、258日）。');
  });

  it('the last day of the 工期 passes; the day after it is refused', () => {
    expect(check({ reportedOn: '2027-02-28' }, '2027-02-28')).toEqual({});
    expect(check({ reportedOn: '2027-02-28' }, '2027-03-01')).toEqual({ reportedOn: [M.periodEnded('2027-02-28')] });
    expect(M.periodEnded('2027-02-28')).toBe('工期（至）令和9年2月28日を過ぎているため、中間前払金の認定は請求できません。');
  });

  it('a report date after today, or before the half day, is refused', () => {
    expect(check({ reportedOn: '2026-10-24' })).toEqual({ reportedOn: [M.reportedAfterToday('2026-10-23')] });
    expect(check({ reportedOn: '2026-10-22' }, '2026-11-02')).toEqual({ reportedOn: [M.reportedBeforeHalf('2026-10-23')] });
    expect(check({ reportedOn: '2026-10-23' }, '2026-11-02')).toEqual({});
    expect(check({ reportedOn: '2026-11-02' }, '2026-11-02')).toEqual({});
  });

  it('a leap-year 工期: 2月29日 ends it, the half is a day later than in a common year', () => {
    const leap = { periodStart: '2027-06-16', periodEnd: '2028-02-29', reportedOn: '2027-10-23' };
    expect(check(leap, '2027-10-23').reportedOn).toEqual([M.beforeHalf('2027-10-24', { start: '2027-06-16', end: '2028-02-29', days: 259 })]);
    expect(check({ ...leap, reportedOn: '2027-10-24' }, '2027-10-24')).toEqual({});
    expect(check({ ...leap, reportedOn: '2028-02-29' }, '2028-02-29')).toEqual({});
    expect(check({ ...leap, reportedOn: '2028-02-29' }, '2028-03-01').reportedOn).toEqual([M.periodEnded('2028-02-29')]);
  });
});

describe('checkRequest: progress (condition 2 is shown, never refused)', () => {
  it('0 % and 100 % pass; below 0, above 100 % and fractions of a basis point are refused at their field', () => {
    expect(check({ plannedProgressBp: 0, actualProgressBp: 10_000 })).toEqual({});
    expect(check({ plannedProgressBp: -1 })).toEqual({ plannedProgress: [M.progressRange('plannedProgress')] });
    expect(check({ actualProgressBp: 10_001 })).toEqual({ actualProgress: [M.progressRange('actualProgress')] });
    expect(check({ actualProgressBp: 48.5 })).toEqual({ actualProgress: [M.progressRange('actualProgress')] });
    expect(M.progressRange('plannedProgress')).toBe('予定工程は0から100までの数で、小数第2位まで入力してください。');
  });

  it('実施 below 予定 is not a refusal: the clerk is warned instead', () => {
    expect(check({ plannedProgressBp: 4800, actualProgressBp: 4500 })).toEqual({});
    expect(progressWarning(4800, 4500)).toBe(
      '実施工程（45％）が予定工程（48％）を下回っています。工程表で、工期の2分の1を経過するまでに実施すべき作業が行われているか確認してください。',
    );
    expect(progressWarning(4800, 4799)).toContain('実施工程（47.99％）');
    expect(progressWarning(4800, 4800)).toBeNull();
    expect(progressWarning(4800, 5150)).toBeNull();
  });
});

describe('checkRequest: condition 3 (出来高 ≥ 請負金額の2分の1)', () => {
  it('exactly half passes, a yen less is refused naming the half', () => {
    expect(check({ workDoneAmount: 50_000_000n })).toEqual({});
    expect(check({ workDoneAmount: 49_999_999n })).toEqual({ workDoneAmount: ['既に行われた作業に要する経費が請負金額の2分の1（50,000,000円）以上の場合に請求できます。'] });
  });

  it('an odd 請負金額: the half is rounded up to the yen that meets it', () => {
    expect(halfOfContract(100_000_001n)).toBe(50_000_001n);
    expect(check({ contractAmount: 100_000_001n, workDoneAmount: 50_000_000n })).toEqual({ workDoneAmount: [M.workDoneBelowHalf(50_000_001n)] });
    expect(check({ contractAmount: 100_000_001n, workDoneAmount: 50_000_001n })).toEqual({});
  });

  it('the whole 請負金額 passes; more than it, or below 0, is refused', () => {
    expect(check({ workDoneAmount: 100_000_000n })).toEqual({});
    expect(check({ workDoneAmount: 100_000_001n })).toEqual({ workDoneAmount: [M.workDoneAboveContract(100_000_000n)] });
    expect(check({ workDoneAmount: -1n })).toEqual({ workDoneAmount: [M.workDoneNegative] });
  });
});

describe('checkRequest: the amount requested (2/10, and 6/10 with the 前払金)', () => {
  it('exactly 2/10 passes, a yen more is refused naming the bound', () => {
    expect(check({ requestedAmount: 20_000_000n })).toEqual({});
    expect(check({ requestedAmount: 20_000_001n })).toEqual({ requestedAmount: ['大村市の中間前払金は、請負金額の2/10（20,000,000円）以下にしてください。'] });
  });

  it('the bound is the applications\' own: the limit for 工事 over the one for every kind of work, a non-positive denominator none, and the same yen as amountBounds', () => {
    const limits = (l: OrdererRuleSet['limits']): OrdererRuleSet => ({ name: '大村市', electronicFrom: null, electronicWorkTypes: [], limits: l });
    const every = { guaranteeKind: 'INTERMEDIATE', workType: null, bound: 'MAX', numerator: 2, denominator: 10 } as const;
    const works = { ...every, workType: 'WORKS', numerator: 3 } as const;
    expect(ordererLimit(limits([every]), 'INTERMEDIATE', 'MAX', 'WORKS')).toEqual({ numerator: 2, denominator: 10 });
    expect(ordererLimit(limits([every, works]), 'INTERMEDIATE', 'MAX', 'WORKS')).toEqual({ numerator: 3, denominator: 10 });
    expect(ordererLimit(limits([{ ...every, workType: 'CONSULTING' }]), 'INTERMEDIATE', 'MAX', 'WORKS')).toBeNull();
    expect(ordererLimit(limits([{ ...works, denominator: 0 }, every]), 'INTERMEDIATE', 'MAX', 'WORKS')).toBeNull();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 }), (amount, numerator, denominator) => {
        const ruleSet = limits([{ ...every, numerator, denominator }]);
        expect(boundYen(amount, { numerator, denominator })).toBe(amountBounds(ruleSet, 'INTERMEDIATE', 'WORKS', amount)[0]!.yen);
      }),
    );
  });

  it('2/10 of a 請負金額 not divisible by 10 is rounded down', () => {
    expect(boundYen(100_000_005n, { numerator: 2, denominator: 10 })).toBe(20_000_001n);
    expect(check({ contractAmount: 100_000_005n, requestedAmount: 20_000_001n })).toEqual({});
    expect(check({ contractAmount: 100_000_005n, requestedAmount: 20_000_002n }).requestedAmount).toEqual([
      M.requestedAboveLimit('大村市', { numerator: 2, denominator: 10 }, 20_000_001n),
    ]);
  });

  it('前払金 + 中間前払金 exactly 6/10 passes, a yen more is refused naming what is left', () => {
    expect(check({ advanceAmount: 45_000_000n, requestedAmount: 15_000_000n })).toEqual({});
    expect(check({ advanceAmount: 45_000_000n, requestedAmount: 15_000_001n })).toEqual({
      requestedAmount: ['大村市の前払金と中間前払金の合計は、請負金額の6/10（60,000,000円）以下にしてください（前払金保証 45,000,000円のため、中間前払金は15,000,000円まで請求できます）。'],
    });
  });

  it('one message, of the bound that binds', () => {
    // Over both: the combined bound is the lower one and is named.
    expect(check({ advanceAmount: 45_000_000n, requestedAmount: 25_000_000n }).requestedAmount).toEqual([
      M.requestedAboveCombined('大村市', { numerator: 6, denominator: 10 }, 60_000_000n, 45_000_000n),
    ]);
    // Over both, the 2/10 bound lower: it is named.
    expect(check({ advanceAmount: 30_000_000n, requestedAmount: 35_000_000n }).requestedAmount).toEqual([
      M.requestedAboveLimit('大村市', { numerator: 2, denominator: 10 }, 20_000_000n),
    ]);
    // Over 2/10 only.
    expect(check({ advanceAmount: 30_000_000n, requestedAmount: 25_000_000n }).requestedAmount).toEqual([
      M.requestedAboveLimit('大村市', { numerator: 2, denominator: 10 }, 20_000_000n),
    ]);
  });

  it('a 前払金 that already reaches 6/10 leaves nothing to request', () => {
    expect(check({ advanceAmount: 60_000_000n, requestedAmount: 1n }).requestedAmount).toEqual([
      '大村市の前払金と中間前払金の合計は、請負金額の6/10（60,000,000円）以下にしてください（前払金保証 60,000,000円のため、中間前払金を請求する余地がありません）。',
    ]);
    expect(requestableAmount({ ...base, advanceAmount: 60_000_000n })).toBe(0n);
    expect(requestableAmount({ ...base, advanceAmount: 70_000_000n })).toBe(0n);
  });

  it('nothing or less is refused; an orderer with no bounds takes any positive amount', () => {
    expect(check({ requestedAmount: 0n })).toEqual({ requestedAmount: [M.requestedNotPositive] });
    expect(check({ requestedAmount: -5n })).toEqual({ requestedAmount: [M.requestedNotPositive] });
    expect(check({ requestedAmount: 90_000_000n, intermediateLimit: null, combinedLimit: null })).toEqual({});
    expect(check({ requestedAmount: 30_000_000n, advanceAmount: 30_000_000n, intermediateLimit: null })).toEqual({});
    expect(check({ requestedAmount: 30_000_001n, advanceAmount: 30_000_000n, intermediateLimit: null }).requestedAmount).toEqual([
      M.requestedAboveCombined('大村市', { numerator: 6, denominator: 10 }, 60_000_000n, 30_000_000n),
    ]);
    expect(check({ requestedAmount: 20_000_001n, combinedLimit: null }).requestedAmount).toHaveLength(1);
  });

  it('requestableAmount: the lower of the two bounds, null without any', () => {
    expect(requestableAmount(base)).toBe(20_000_000n);
    expect(requestableAmount({ ...base, advanceAmount: 45_000_000n })).toBe(15_000_000n);
    expect(requestableAmount({ ...base, combinedLimit: null })).toBe(20_000_000n);
    expect(requestableAmount({ ...base, intermediateLimit: null })).toBe(20_000_000n);
    expect(requestableAmount({ ...base, intermediateLimit: null, combinedLimit: null })).toBeNull();
  });

  it('at requestableAmount a request passes, a yen above it is refused', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1_000_000n, max: 10_000_000_000n }), fc.integer({ min: 0, max: 70 }), (contract, advancePct) => {
        const facts = { ...base, contractAmount: contract, advanceAmount: (contract * BigInt(advancePct)) / 100n, workDoneAmount: contract };
        const max = requestableAmount(facts)!;
        if (max > 0n) expect(checkRequest({ ...facts, requestedAmount: max }, '2026-10-23')).toEqual({});
        expect(checkRequest({ ...facts, requestedAmount: max + 1n }, '2026-10-23').requestedAmount).toHaveLength(1);
      }),
    );
  });
});

describe('checkRequest: the 部分払 declaration, and every error at its own field', () => {
  it('an unticked declaration is refused', () => {
    expect(check({ noPartialPayment: false })).toEqual({ noPartialPayment: [M.noPartialPayment] });
  });

  it('each field that is wrong has its one message, keyed by the form field', () => {
    const errors = check(
      { reportedOn: '2026-10-24', plannedProgressBp: 10_001, actualProgressBp: -1, workDoneAmount: 1n, requestedAmount: 0n, noPartialPayment: false },
      '2026-10-23',
    );
    expect(Object.keys(errors).sort()).toEqual(Object.keys(CERTIFICATION_FIELD_LABEL).sort());
    for (const messages of Object.values(errors)) expect(messages).toHaveLength(1);
  });

  it('messages are Japanese sentences: no code, id or English word', () => {
    const errors = check({ reportedOn: '2026-10-24', plannedProgressBp: 10_001, actualProgressBp: -1, workDoneAmount: 1n, requestedAmount: 0n, noPartialPayment: false });
    const all = [...Object.values(errors).flat(), M.beforeHalf('2026-10-23', PERIOD), M.requestedAboveCombined('大村市', { numerator: 6, denominator: 10 }, 60n, 61n), progressWarning(5000, 100)!];
    for (const message of all) {
      expect(message).toMatch(/。$/);
      expect(message).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe('認定番号 and the 年度', () => {
  it('令和8年度第12号', () => {
    expect(certificationNumberLabel(2026, 12)).toBe('令和8年度第12号');
    expect(certificationNumberLabel(2027, 1)).toBe('令和9年度第1号');
  });

  it('令和 first year: the 年度 begun under 平成 on 2019-04-01 is 令和元年度; the year before is 平成30年度', () => {
    expect(certificationNumberLabel(2019, 1)).toBe('令和元年度第1号');
    expect(certificationNumberLabel(2020, 3)).toBe('令和2年度第3号');
    expect(certificationNumberLabel(2018, 5)).toBe('平成30年度第5号');
    expect(certificationNumberLabel(1989, 1)).toBe('平成元年度第1号');
    expect(certificationNumberLabel(1988, 7)).toBe('昭和63年度第7号');
  });

  it('refuses a serial that is no positive whole number', () => {
    expect(() => certificationNumberLabel(2026, 0)).toThrow(RangeError);
    expect(() => certificationNumberLabel(2026, 1.5)).toThrow(RangeError);
  });

  it('the 年度 turns on 4月1日', () => {
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
    expect(fiscalYearOf('2020-01-15')).toBe(2019);
  });
});
