import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountTierLabel, computePremium, formatRatePercent, periodBandLabel, periodDays, roundMicroYen, roundingLabel, validateRateTable, type RateBracketInput, type RateTableInput, type RoundingRule } from '@/domain/premium/calculate';
import { formatMicroYen, formatYen } from '@/lib/money';
import { DEMO_RATE_TABLES } from '@/demo/rate-tables';
import { parsePercentToPpm, parseYenText, ppmToPercentText, premiumPreviewSchema, rateTableFormSchema, rateTableFormValues } from '@/domain/premium/schemas';
import { toFieldErrors } from '@/domain/zod-errors';
import { DATE_INPUT_MESSAGES } from '@/lib/date-input-messages';

const OKU = 100_000_000n;

/** A grid from upper bounds: amounts exclusive on the continuous scale, days inclusive. */
function grid(tierTops: (bigint | null)[], bandTops: (number | null)[], rates: number[][]): RateBracketInput[] {
  const out: RateBracketInput[] = [];
  let amountFrom = 0n;
  tierTops.forEach((amountTo, i) => {
    let periodFromDays = 1;
    bandTops.forEach((top, j) => {
      const periodToDays = top === null ? null : top + 1;
      out.push({ amountFrom, amountTo, periodFromDays, periodToDays, ratePpm: rates[i]![j]! });
      periodFromDays = periodToDays ?? periodFromDays;
    });
    amountFrom = amountTo ?? amountFrom;
  });
  return out;
}

function table(overrides: Partial<RateTableInput> = {}): RateTableInput {
  return {
    guaranteeKind: 'ADVANCE',
    effectiveFrom: '2026-04-01',
    minimumPremium: 0n,
    roundingUnit: 1,
    rounding: 'FLOOR',
    isDemo: false,
    brackets: grid(
      [OKU, null],
      [90, 180, 365, null],
      [
        [1_100, 1_600, 2_300, 3_000],
        [900, 1_300, 1_900, 2_500],
      ],
    ),
    ...overrides,
  };
}

/** One rate for every amount and period. */
const flat = (ratePpm: number, rest: Partial<RateTableInput> = {}) =>
  table({ brackets: [{ amountFrom: 0n, amountTo: null, periodFromDays: 1, periodToDays: null, ratePpm }], ...rest });

const premium = (t: RateTableInput, guaranteeAmount: bigint, days: number) => computePremium(t, { guaranteeAmount, periodDays: days }).premiumYen;
const labels = (t: RateTableInput, guaranteeAmount: bigint, days: number) =>
  computePremium(t, { guaranteeAmount, periodDays: days }).lines.map((l) => l.label);

describe('computePremium: lines', () => {
  it('shows each tier, the subtotal, the rounding and the total', () => {
    const result = computePremium({ ...table(), id: 'table-1' }, { guaranteeAmount: 40_000_000n, periodDays: 180 });
    expect(result).toEqual({
      premiumYen: 64_000n,
      tableId: 'table-1',
      isDemo: false,
      lines: [
        { label: '1円〜100,000,000円の部分', detail: '40,000,000円 × 0.1600%（保証期間 180日: 91日〜180日）', amount: '64,000' },
        { label: '小計', amount: '64,000' },
        { label: '端数処理', detail: '円未満切り捨て', amount: '64,000' },
        { label: '保証料', amount: '64,000' },
      ],
    });
    expect(JSON.parse(JSON.stringify(result.lines))).toEqual(result.lines);
  });

  it('is tiered: each part of the amount at its own rate', () => {
    const result = computePremium(table(), { guaranteeAmount: 150_000_000n, periodDays: 200 });
    expect(result.lines.slice(0, 2)).toEqual([
      { label: '1円〜100,000,000円の部分', detail: '100,000,000円 × 0.2300%（保証期間 200日: 181日〜365日）', amount: '230,000' },
      { label: '100,000,000円超の部分', detail: '50,000,000円 × 0.1900%（保証期間 200日: 181日〜365日）', amount: '95,000' },
    ]);
    expect(result.premiumYen).toBe(325_000n);
  });

  it('keeps fractions exact until the one rounding step', () => {
    // 1,234,567 × 0.23% = 2,839.5041
    const result = computePremium(flat(2_300), { guaranteeAmount: 1_234_567n, periodDays: 30 });
    expect(result.lines.map((l) => l.amount)).toEqual(['2,839.5041', '2,839.5041', '2,839', '2,839']);
    expect(result.lines[0]!.label).toBe('全額の部分');
    expect(result.lines[0]!.detail).toBe('1,234,567円 × 0.2300%（保証期間 30日: 全期間）');
  });

  it('marks demo tables and leaves tableId out when the table has none', () => {
    const result = computePremium(flat(1_000, { isDemo: true }), { guaranteeAmount: 1_000_000n, periodDays: 10 });
    expect(result.isDemo).toBe(true);
    expect('tableId' in result).toBe(false);
  });
});

describe('computePremium: tier boundaries (amountTo − 1, amountTo, amountTo + 1)', () => {
  const t = table();
  it('below and at the bound, the whole amount is in the first tier', () => {
    expect(labels(t, OKU - 1n, 30)).toEqual(['1円〜100,000,000円の部分', '小計', '端数処理', '保証料']);
    expect(labels(t, OKU, 30)).toEqual(['1円〜100,000,000円の部分', '小計', '端数処理', '保証料']);
    // 99,999,999 × 0.11% = 109,999.9989 → 109,999
    expect(premium(t, OKU - 1n, 30)).toBe(109_999n);
    expect(premium(t, OKU, 30)).toBe(110_000n);
  });
  it('one yen above, that yen is charged at the second tier', () => {
    const result = computePremium(t, { guaranteeAmount: OKU + 1n, periodDays: 30 });
    expect(result.lines[1]).toEqual({ label: '100,000,000円超の部分', detail: '1円 × 0.0900%（保証期間 30日: 〜90日）', amount: '0.0009' });
    expect(result.lines[2]).toEqual({ label: '小計', amount: '110,000.0009' });
    expect(result.premiumYen).toBe(110_000n);
  });
  it('a middle tier is labelled with both ends', () => {
    const three = table({ brackets: grid([OKU, 5n * OKU, null], [null], [[1_000], [800], [600]]) });
    expect(labels(three, 6n * OKU, 100).slice(0, 3)).toEqual([
      '1円〜100,000,000円の部分',
      '100,000,001円〜500,000,000円の部分',
      '500,000,000円超の部分',
    ]);
    // 1億 × 0.1% + 4億 × 0.08% + 1億 × 0.06%
    expect(premium(three, 6n * OKU, 100)).toBe(100_000n + 320_000n + 60_000n);
  });
});

describe('computePremium: period boundaries', () => {
  const t = table();
  const rateOf = (days: number) => computePremium(t, { guaranteeAmount: 1_000_000n, periodDays: days }).lines[0]!.detail;
  it('selects the band that contains the period', () => {
    expect(rateOf(1)).toBe('1,000,000円 × 0.1100%（保証期間 1日: 〜90日）');
    expect(rateOf(90)).toBe('1,000,000円 × 0.1100%（保証期間 90日: 〜90日）');
    expect(rateOf(91)).toBe('1,000,000円 × 0.1600%（保証期間 91日: 91日〜180日）');
    expect(rateOf(180)).toMatch(/0\.1600%/);
    expect(rateOf(181)).toMatch(/0\.2300%（保証期間 181日: 181日〜365日）/);
    expect(rateOf(365)).toMatch(/0\.2300%/);
    expect(rateOf(366)).toBe('1,000,000円 × 0.3000%（保証期間 366日: 366日以上）');
    expect(rateOf(36_500)).toBe('1,000,000円 × 0.3000%（保証期間 36,500日: 366日以上）');
  });
  it('refuses a period under one day or not whole', () => {
    expect(() => premium(t, 1_000n, 0)).toThrow(RangeError);
    expect(() => premium(t, 1_000n, 1.5)).toThrow(RangeError);
    expect(() => premium(t, -1n, 10)).toThrow(RangeError);
  });
  it('refuses a table that does not cover the amount or the period', () => {
    const bounded = table({ brackets: grid([OKU], [90], [[1_000]]) });
    expect(() => premium(bounded, OKU + 1n, 10)).toThrow(RangeError);
    expect(() => premium(bounded, 1_000n, 91)).toThrow(RangeError);
  });
});

describe('rounding', () => {
  const rules: RoundingRule[] = ['FLOOR', 'CEIL', 'HALF_UP'];
  const cases: { micro: bigint; unit: number; expected: Record<RoundingRule, bigint> }[] = [
    { micro: 2_839_504_100n, unit: 1, expected: { FLOOR: 2_839n, CEIL: 2_840n, HALF_UP: 2_840n } },
    { micro: 1_500_000n, unit: 1, expected: { FLOOR: 1n, CEIL: 2n, HALF_UP: 2n } }, // exact half goes up
    { micro: 1_499_999n, unit: 1, expected: { FLOOR: 1n, CEIL: 2n, HALF_UP: 1n } },
    { micro: 2_000_000n, unit: 1, expected: { FLOOR: 2n, CEIL: 2n, HALF_UP: 2n } },
    { micro: 15_000_000n, unit: 10, expected: { FLOOR: 10n, CEIL: 20n, HALF_UP: 20n } },
    { micro: 14_999_999n, unit: 10, expected: { FLOOR: 10n, CEIL: 20n, HALF_UP: 10n } },
    { micro: 250_000_000n, unit: 100, expected: { FLOOR: 200n, CEIL: 300n, HALF_UP: 300n } },
    { micro: 2_500_000_000n, unit: 1000, expected: { FLOOR: 2_000n, CEIL: 3_000n, HALF_UP: 3_000n } },
    { micro: 2_499_999_999n, unit: 1000, expected: { FLOOR: 2_000n, CEIL: 3_000n, HALF_UP: 2_000n } },
    { micro: 3_000_000_000n, unit: 1000, expected: { FLOOR: 3_000n, CEIL: 3_000n, HALF_UP: 3_000n } },
    { micro: 1n, unit: 1000, expected: { FLOOR: 0n, CEIL: 1_000n, HALF_UP: 0n } },
    { micro: 0n, unit: 10, expected: { FLOOR: 0n, CEIL: 0n, HALF_UP: 0n } },
  ];
  for (const c of cases) {
    for (const rule of rules) {
      it(`${formatMicroYen(c.micro)}円 to ${c.unit}円 by ${rule} → ${c.expected[rule]}`, () => {
        expect(roundMicroYen(c.micro, c.unit, rule)).toBe(c.expected[rule]);
      });
    }
  }

  it('applies the table rule and names it in the line', () => {
    // 15,000,000 × 0.0001% = 15円 exactly: a half of the 10円 unit.
    const at = (rounding: RoundingRule, roundingUnit: number) =>
      computePremium(flat(1, { rounding, roundingUnit }), { guaranteeAmount: 15_000_000n, periodDays: 10 });
    expect(at('FLOOR', 10).lines[2]).toEqual({ label: '端数処理', detail: '10円未満切り捨て', amount: '10' });
    expect(at('CEIL', 10).lines[2]).toEqual({ label: '端数処理', detail: '10円未満切り上げ', amount: '20' });
    expect(at('HALF_UP', 10).lines[2]).toEqual({ label: '端数処理', detail: '10円未満四捨五入', amount: '20' });
    expect(at('HALF_UP', 1).premiumYen).toBe(15n);
    expect(roundingLabel(1000, 'FLOOR')).toBe('1,000円未満切り捨て');
    expect(roundingLabel(1, 'HALF_UP')).toBe('円未満四捨五入');
  });
});

describe('minimum premium', () => {
  it('raises a small premium to the minimum, with a line saying so', () => {
    const t = table({ minimumPremium: 10_000n, roundingUnit: 10 });
    const result = computePremium(t, { guaranteeAmount: 1_234_567n, periodDays: 30 });
    // 1,234,567 × 0.11% = 1,358.0237 → 1,350 → 10,000
    expect(result.lines.slice(2)).toEqual([
      { label: '端数処理', detail: '10円未満切り捨て', amount: '1,350' },
      { label: '最低保証料', detail: '計算額 1,350円が最低保証料 10,000円に満たないため、最低保証料を適用', amount: '10,000' },
      { label: '保証料', amount: '10,000' },
    ]);
    expect(result.premiumYen).toBe(10_000n);
  });
  it('adds no line when the premium reaches the minimum', () => {
    const t = flat(1_000, { minimumPremium: 1_000n });
    expect(labels(t, 1_000_000n, 10)).not.toContain('最低保証料');
    expect(premium(t, 1_000_000n, 10)).toBe(1_000n);
    expect(labels(t, 999_999n, 10)).toContain('最低保証料');
  });
});

describe('huge amounts', () => {
  it('computes 999,999,999,999 yen exactly', () => {
    const t = table({ roundingUnit: 10 });
    const result = computePremium(t, { guaranteeAmount: 999_999_999_999n, periodDays: 200 });
    expect(result.lines.map((l) => l.amount)).toEqual([
      '230,000',
      '1,899,809,999.9981', // 999,899,999,999 × 0.19%
      '1,900,039,999.9981',
      '1,900,039,990',
      '1,900,039,990',
    ]);
    expect(result.lines[1]!.detail).toBe('999,899,999,999円 × 0.1900%（保証期間 200日: 181日〜365日）');
    expect(result.premiumYen).toBe(1_900_039_990n);
  });
  it('stays exact far beyond Number precision', () => {
    const amount = 123_456_789_012_345_678n;
    expect(premium(flat(999_999), amount, 10)).toBe((amount * 999_999n) / 1_000_000n);
    expect(premium(flat(1_000_000), amount, 10)).toBe(amount);
  });
});

describe('display helpers', () => {
  it('formats yen, exact amounts, rates and ranges', () => {
    expect(formatYen(0n)).toBe('0');
    expect(formatYen(999_999_999_999n)).toBe('999,999,999,999');
    expect(formatMicroYen(1_500_000n)).toBe('1.5');
    expect(formatMicroYen(1n)).toBe('0.000001');
    expect(formatRatePercent(2_300)).toBe('0.2300');
    expect(formatRatePercent(1_000_000)).toBe('100.0000');
    expect(formatRatePercent(1)).toBe('0.0001');
    expect(amountTierLabel(0n, OKU)).toBe('1円〜100,000,000円');
    expect(amountTierLabel(OKU, null)).toBe('100,000,000円超');
    expect(periodBandLabel(1, 91)).toBe('〜90日');
    expect(periodBandLabel(91, 181)).toBe('91日〜180日');
    expect(periodBandLabel(366, null)).toBe('366日以上');
  });
});

describe('periodDays', () => {
  it('counts both the first and the last day', () => {
    expect(periodDays('2026-04-01', '2026-04-01')).toBe(1);
    expect(periodDays('2026-04-01', '2026-06-29')).toBe(90);
    expect(periodDays('2026-04-01', '2027-03-31')).toBe(365);
    expect(periodDays('2028-02-28', '2028-03-01')).toBe(3); // leap year
    expect(periodDays('2026-12-31', '2027-01-01')).toBe(2);
  });
  it('refuses an end before the start and impossible dates', () => {
    expect(() => periodDays('2026-04-02', '2026-04-01')).toThrow(RangeError);
    expect(() => periodDays('2026-02-30', '2026-04-01')).toThrow(RangeError);
    expect(() => periodDays('2026/04/01', '2026-04-02')).toThrow(RangeError);
  });
});

describe('validateRateTable', () => {
  const messages = (t: RateTableInput) => validateRateTable(t).brackets ?? [];
  it('accepts the demo tables and the test table', () => {
    expect(validateRateTable(table())).toEqual({});
    for (const demo of Object.values(DEMO_RATE_TABLES)) expect(validateRateTable({ ...demo, isDemo: true })).toEqual({});
  });
  it('checks the scalar fields', () => {
    const errors = validateRateTable(table({ minimumPremium: -1n, roundingUnit: 5, effectiveFrom: '2026-02-30' }));
    expect(errors.minimumPremium).toEqual(['最低保証料は0円以上で入力してください。']);
    expect(errors.roundingUnit?.[0]).toMatch(/1円・10円・100円・1,000円/);
    expect(errors.effectiveFrom).toBeDefined();
    expect(validateRateTable(table({ brackets: [] })).brackets).toEqual(['料率を1つ以上入力してください。']);
  });
  it('wants amount tiers from 0 without gaps or overlaps, open at the end', () => {
    const b = (amountFrom: bigint, amountTo: bigint | null): RateBracketInput => ({ amountFrom, amountTo, periodFromDays: 1, periodToDays: null, ratePpm: 100 });
    expect(messages(table({ brackets: [b(1n, null)] }))).toEqual(['金額区分は0円から始めてください。']);
    expect(messages(table({ brackets: [b(0n, OKU), b(OKU + 1n, null)] }))).toEqual(['金額区分に隙間があります（100,000,001円〜100,000,001円）。']);
    expect(messages(table({ brackets: [b(0n, OKU), b(OKU - 1n, null)] }))[0]).toMatch(/金額区分が重なっています/);
    expect(messages(table({ brackets: [b(0n, OKU), b(0n, null)] }))[0]).toMatch(/金額区分が重なっています/);
    expect(messages(table({ brackets: [b(0n, OKU)] }))).toEqual(['最後の金額区分は上限なしにしてください。']);
    expect(messages(table({ brackets: [b(0n, 0n)] }))[0]).toMatch(/上限は下限より大きく/);
  });
  it('wants period bands from 1 day without gaps or overlaps, open at the end', () => {
    const b = (periodFromDays: number, periodToDays: number | null): RateBracketInput => ({ amountFrom: 0n, amountTo: null, periodFromDays, periodToDays, ratePpm: 100 });
    expect(messages(table({ brackets: [b(2, null)] }))).toEqual(['期間区分は1日から始めてください。']);
    expect(messages(table({ brackets: [b(1, 91), b(92, null)] }))).toEqual(['期間区分に隙間があります（91日〜91日）。']);
    expect(messages(table({ brackets: [b(1, 91), b(90, null)] }))[0]).toMatch(/期間区分が重なっています/);
    expect(messages(table({ brackets: [b(1, 91)] }))).toEqual(['最後の期間区分は上限なしにしてください。']);
    expect(messages(table({ brackets: [b(0, null)] }))[0]).toMatch(/期間区分/);
    expect(messages(table({ brackets: [b(1, 1.5)] }))[0]).toMatch(/期間区分/);
  });
  it('wants exactly one rate per cell, between 0% and 100%', () => {
    const full = table().brackets;
    expect(messages(table({ brackets: full.slice(1) }))).toEqual(['1円〜100,000,000円・〜90日の料率がありません。']);
    expect(messages(table({ brackets: [...full, full[0]!] }))).toEqual(['1円〜100,000,000円・〜90日の料率が重複しています。']);
    expect(messages(table({ brackets: full.map((b, i) => (i === 0 ? { ...b, ratePpm: 1_000_001 } : b)) }))[0]).toMatch(/100%以下/);
    expect(messages(table({ brackets: full.map((b, i) => (i === 0 ? { ...b, ratePpm: -1 } : b)) }))[0]).toMatch(/0%以上/);
    expect(messages(table({ brackets: full.map((b, i) => (i === 0 ? { ...b, ratePpm: 0.5 } : b)) }))[0]).toMatch(/小数第4位/);
    expect(validateRateTable(table({ brackets: full.map((b) => ({ ...b, ratePpm: 0 })) }))).toEqual({});
    expect(validateRateTable(table({ brackets: full.map((b) => ({ ...b, ratePpm: 1_000_000 })) }))).toEqual({});
  });
});

describe('the rate-table form schema', () => {
  const base = {
    guaranteeKind: 'ADVANCE',
    effectiveFrom: '2026-04-01',
    minimumPremium: '10,000',
    roundingUnit: '10',
    rounding: 'FLOOR',
  } as const;
  const errorsOf = (input: unknown) => {
    const parsed = rateTableFormSchema.safeParse(input);
    return parsed.success ? {} : toFieldErrors(parsed.error);
  };

  it('reads 全角 digits, separators, 円, ％ and 日, and ignores blank rows and columns', () => {
    const parsed = rateTableFormSchema.parse({
      ...base,
      minimumPremium: '１０，０００円',
      grid: {
        tiers: [
          { upTo: '１００，０００，０００', rates: ['０．１１％', '0.16', ''] },
          { upTo: '', rates: ['', '', ''] },
          { upTo: '  ', rates: ['0.09', '０．１３'] },
          {},
        ],
        bands: [{ upTo: '９０日' }, { upTo: '' }, { upTo: '' }],
      },
      note: '  ',
    });
    expect(parsed.minimumPremium).toBe(10_000n);
    expect(parsed.roundingUnit).toBe(10);
    expect(parsed.note).toBeNull();
    expect(parsed.brackets).toEqual(
      grid(
        [OKU, null],
        [90, null],
        [
          [1_100, 1_600],
          [900, 1_300],
        ],
      ),
    );
    expect(validateRateTable({ ...parsed, isDemo: false })).toEqual({});
  });

  it('puts each problem at its field', () => {
    const errors = errorsOf({
      ...base,
      effectiveFrom: '2026-02-30',
      minimumPremium: '1万',
      roundingUnit: '5',
      grid: {
        tiers: [
          { upTo: '1,000', rates: ['0.1', '0.2.3'] },
          { upTo: '', rates: ['101', '0.2'] },
        ],
        bands: [{ upTo: '90' }, { upTo: '' }],
      },
    });
    expect(errors.effectiveFrom).toEqual([DATE_INPUT_MESSAGES.day('適用開始日', 2026, 2, 28)]);
    expect(errors.minimumPremium?.[0]).toMatch(/円単位/);
    expect(errors.roundingUnit).toEqual(['端数処理の単位を選択してください。']);
    expect(errors['grid.tiers.0.rates.1']?.[0]).toMatch(/0\.23 のように/);
    expect(errors['grid.tiers.1.rates.0']).toEqual(['料率は100%以下で入力してください。']);
  });

  it('checks the grid: increasing bounds, an open last row and column, every rate', () => {
    const errors = errorsOf({
      ...base,
      grid: {
        tiers: [
          { upTo: '200,000,000', rates: ['0.1', '0.1', '0.1'] },
          { upTo: '100,000,000', rates: ['0.1', '', '0.1'] },
          { upTo: '', rates: ['0.1', '0.1', '0.1'] },
          { upTo: '300,000,000' },
        ],
        bands: [{ upTo: '' }, { upTo: '180' }, { upTo: '90' }],
      },
    });
    expect(errors['grid.tiers.1.upTo']).toEqual(['上限は前の区分の上限より大きくしてください。']);
    expect(errors['grid.tiers.2.upTo']?.[0]).toMatch(/空欄にできるのは最後の金額区分だけ/);
    expect(errors['grid.tiers.3.upTo']).toEqual(['最後の金額区分は上限を空欄（上限なし）にしてください。']);
    expect(errors['grid.bands.0.upTo']?.[0]).toMatch(/空欄にできるのは最後の期間区分だけ/);
    expect(errors['grid.bands.2.upTo']).toEqual(['最後の期間区分は上限を空欄（上限なし）にしてください。']);
    expect(errors['grid.tiers.1.rates.1']).toEqual(['料率を入力してください。']);
    expect(errors['grid.tiers.3.rates.0']).toEqual(['料率を入力してください。']);
  });

  it('wants a grid and the scalar fields', () => {
    const errors = errorsOf({ guaranteeKind: 'OTHER', grid: { tiers: [{}], bands: [{}] } });
    expect(errors.guaranteeKind).toEqual(['保証の種類を選択してください。']);
    expect(errors.effectiveFrom).toEqual(['適用開始日を入力してください。']);
    expect(errors.minimumPremium?.[0]).toMatch(/最低保証料を入力/);
    expect(errors.rounding).toEqual(['端数処理の方法を選択してください。']);
    expect(errorsOf({ ...base, grid: { tiers: [{}], bands: [{}] } })['']).toEqual(['金額区分・期間区分と料率を入力してください。']);
  });

  it('gives back a stored table as form values, and they parse to the same table', () => {
    for (const demo of Object.values(DEMO_RATE_TABLES)) {
      const values = rateTableFormValues(demo);
      const parsed = rateTableFormSchema.parse({ ...values, effectiveFrom: demo.effectiveFrom });
      expect(parsed.brackets).toEqual(demo.brackets);
      expect(parsed.minimumPremium).toBe(demo.minimumPremium);
      expect(parsed.roundingUnit).toBe(demo.roundingUnit);
    }
    expect(rateTableFormValues(DEMO_RATE_TABLES.ADVANCE).grid?.bands).toEqual([{ upTo: '90' }, { upTo: '180' }, { upTo: '365' }, { upTo: '' }]);
  });

  it('parses yen and percent text exactly', () => {
    expect(parseYenText('４０，０００，０００')).toBe(40_000_000n);
    expect(parseYenText('40,000,000円')).toBe(40_000_000n);
    expect(parseYenText('40.5')).toBeNull();
    expect(parseYenText('-1')).toBeNull();
    expect(parsePercentToPpm('0.23')).toBe(2_300);
    expect(parsePercentToPpm('０．２３％')).toBe(2_300);
    expect(parsePercentToPpm('100')).toBe(1_000_000);
    expect(parsePercentToPpm('0.0001')).toBe(1);
    expect(parsePercentToPpm('0.00001')).toBeNull();
    expect(parsePercentToPpm('.5')).toBeNull();
    expect(ppmToPercentText(2_300)).toBe('0.23');
    expect(ppmToPercentText(10_000)).toBe('1');
    expect(ppmToPercentText(1)).toBe('0.0001');
  });

  it('reads the preview calculator', () => {
    expect(premiumPreviewSchema.parse({ amount: '４０，０００，０００円', days: '１８０日' })).toEqual({ amount: 40_000_000n, days: 180 });
    const bad = premiumPreviewSchema.safeParse({ amount: '0', days: '0' });
    expect(bad.success).toBe(false);
  });
});

// ───────────────────────────── properties ─────────────────────────────

const ruleArb = fc.constantFrom<RoundingRule>('FLOOR', 'CEIL', 'HALF_UP');

/** Any valid table: up to 5 amount tiers and 5 period bands, any rates, units and minimum. */
const tableArb = (sortRates = false) =>
  fc
    .record({
      cuts: fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 12n }), { maxLength: 4 }),
      bandCuts: fc.uniqueArray(fc.integer({ min: 1, max: 4_000 }), { maxLength: 4 }),
      rates: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 25, maxLength: 25 }),
      minimumPremium: fc.bigInt({ min: 0n, max: 10_000_000n }),
      roundingUnit: fc.constantFrom(1, 10, 100, 1000),
      rounding: ruleArb,
    })
    .map(({ cuts, bandCuts, rates, ...rest }): RateTableInput => {
      const tierTops = [...cuts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), null];
      const bandTops = [...bandCuts.sort((a, b) => a - b), null];
      const matrix = tierTops.map((_, i) => {
        const row = bandTops.map((__, j) => rates[i * 5 + j]!);
        return sortRates ? row.sort((a, b) => a - b) : row;
      });
      return { ...table(), ...rest, brackets: grid(tierTops, bandTops, matrix) };
    });

const amountArb = fc.bigInt({ min: 0n, max: 999_999_999_999n });
const daysArb = fc.integer({ min: 1, max: 36_500 });

/** Independent reference: the exact premium in millionths of a yen, yen by tier, straight from the brackets. */
function referenceMicro(t: RateTableInput, amount: bigint, days: number): bigint {
  let sum = 0n;
  for (const b of t.brackets) {
    if (days < b.periodFromDays || (b.periodToDays !== null && days >= b.periodToDays)) continue;
    const lo = b.amountFrom;
    const hi = b.amountTo === null ? amount : b.amountTo < amount ? b.amountTo : amount;
    if (hi > lo) sum += (hi - lo) * BigInt(b.ratePpm);
  }
  return sum;
}

/** "1,234.5" → 1234500000n (millionths of a yen). */
function parseAmount(text: string): bigint {
  const [whole, fraction = ''] = text.replaceAll(',', '').split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

describe('properties', () => {
  it('every generated table is valid', () => {
    fc.assert(
      fc.property(tableArb(), (t) => {
        expect(validateRateTable(t)).toEqual({});
      }),
    );
  });

  it('the premium is never below the minimum, and is a whole number of units or the minimum', () => {
    fc.assert(
      fc.property(tableArb(), amountArb, daysArb, (t, amount, days) => {
        const p = premium(t, amount, days);
        expect(p >= t.minimumPremium).toBe(true);
        if (p !== t.minimumPremium) expect(p % BigInt(t.roundingUnit)).toBe(0n);
      }),
    );
  });

  it('is monotone in the amount', () => {
    fc.assert(
      fc.property(tableArb(), amountArb, amountArb, daysArb, (t, a, b, days) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(premium(t, lo, days) <= premium(t, hi, days)).toBe(true);
      }),
    );
  });

  it('is monotone in the period when rates do not decrease with the period', () => {
    fc.assert(
      fc.property(tableArb(true), amountArb, daysArb, daysArb, (t, amount, d1, d2) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(premium(t, amount, lo) <= premium(t, amount, hi)).toBe(true);
      }),
    );
  });

  it('rounds within one unit of the exact value, in the direction of the rule', () => {
    fc.assert(
      fc.property(tableArb(), amountArb, daysArb, (t, amount, days) => {
        const exact = referenceMicro({ ...t }, amount, days);
        const rounded = computePremium({ ...t, minimumPremium: 0n }, { guaranteeAmount: amount, periodDays: days }).premiumYen * 1_000_000n;
        const unit = BigInt(t.roundingUnit) * 1_000_000n;
        const diff = rounded - exact;
        expect(diff < unit && diff > -unit).toBe(true);
        if (t.rounding === 'FLOOR') expect(diff <= 0n).toBe(true);
        if (t.rounding === 'CEIL') expect(diff >= 0n).toBe(true);
        if (t.rounding === 'HALF_UP') expect(2n * diff > -unit && 2n * diff <= unit).toBe(true);
      }),
    );
  });

  it('the lines add up: tier parts to the subtotal, the subtotal is the exact value', () => {
    fc.assert(
      fc.property(tableArb(), amountArb, daysArb, (t, amount, days) => {
        const { lines, premiumYen } = computePremium(t, { guaranteeAmount: amount, periodDays: days });
        const subtotalAt = lines.findIndex((l) => l.label === '小計');
        const parts = lines.slice(0, subtotalAt).reduce((sum, l) => sum + parseAmount(l.amount), 0n);
        expect(parts).toBe(parseAmount(lines[subtotalAt]!.amount));
        expect(parts).toBe(referenceMicro(t, amount, days));
        expect(lines.at(-1)).toEqual({ label: '保証料', amount: formatYen(premiumYen) });
      }),
    );
  });
});
