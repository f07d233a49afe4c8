import { z } from 'zod';
import { dateInputSchema } from '@/lib/date-input';
import { toHalfWidth } from '@/lib/normalize';
import { GUARANTEE_KINDS, ROUNDING_RULES, ROUNDING_UNITS, rateGrid, type GuaranteeKind, type RateBracketInput, type RateTableInput, type RoundingRule } from './calculate';
import { formatYen } from '@/lib/money';

/**
 * The rate-table form, one schema for the page (client validation) and the server action. The officer
 * types text the way it is written on paper: 全角 or 半角 digits, 「４０，０００，０００」 or 「40,000,000円」
 * for yen, 「0.23」 or 「０．２３％」 for a rate in percent (0.23% = 2,300 ppm), 「90」 or 「90日」 for days.
 *
 * The grid is entered as upper bounds: each amount tier row has its 上限 (this amount and below; the
 * next row starts above it) and each period band column its 上限 (this many days and below). Rows and
 * columns left entirely blank are ignored; the last row and the last column that are used have no
 * upper bound. So gaps and overlaps cannot be typed; the lower bounds follow from the row above.
 */

/** The largest amount the form accepts: 999,999,999,999 yen (1兆円 − 1). */
export const MAX_FORM_YEN = 999_999_999_999n;
export const MAX_FORM_DAYS = 36_500;
/** Rows and columns rendered without JavaScript, and the most a table may have. */
export const FORM_ROWS = 6;
export const MAX_TIERS = 12;
export const MAX_BANDS = 12;

/** 「４０，０００，０００円」 → 40000000n; null when it is not a whole number of yen. */
export function parseYenText(input: string): bigint | null {
  const s = toHalfWidth(input).replace(/[,、\s]/g, '').replace(/円$/, '');
  if (!/^\d{1,15}$/.test(s)) return null;
  return BigInt(s);
}

/** 「０．２３％」 → 2300 (ppm); null unless a percentage with at most four decimals. */
export function parsePercentToPpm(input: string): number | null {
  const s = toHalfWidth(input).replace(/\s/g, '').replace(/%$/, '');
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** 2300 → 「0.23」: the rate as the officer would type it (percent, trailing zeros dropped). */
export function ppmToPercentText(ppm: number): string {
  const whole = Math.trunc(ppm / 10_000);
  const fraction = String(ppm % 10_000).padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** 「９０日」 → 90; null unless a whole number of days. */
export function parseDaysText(input: string): number | null {
  const s = toHalfWidth(input).replace(/\s/g, '').replace(/日$/, '');
  if (!/^\d{1,6}$/.test(s)) return null;
  return Number(s);
}

/** The rounding units as the form's select sends them. */
export const ROUNDING_UNIT_VALUES = ROUNDING_UNITS.map(String) as ['1', '10', '100', '1000'];

const isBlank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

/** Optional text parsed by `parse`: blank → undefined, unreadable → the message at this field. */
function optionalParsed<T>(parse: (text: string) => T | null, check: (value: T) => string | null, message: string) {
  return z
    .string()
    .max(40, message)
    .optional()
    .transform((value, ctx): T | undefined => {
      if (isBlank(value)) return undefined;
      const parsed = parse(value);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      const problem = check(parsed);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return parsed;
    });
}

const yenBound = optionalParsed(
  parseYenText,
  (n) => (n < 1n ? '上限は1円以上で入力してください。' : n > MAX_FORM_YEN ? '上限は999,999,999,999円以下で入力してください。' : null),
  '上限は円単位の数字で入力してください（例: 100,000,000）。',
);
const dayBound = optionalParsed(
  parseDaysText,
  (n) => (n < 1 ? '上限は1日以上で入力してください。' : n >= MAX_FORM_DAYS ? `上限は${(MAX_FORM_DAYS - 1).toLocaleString('ja-JP')}日以下で入力してください。` : null),
  '上限は日数（整数）で入力してください（例: 90）。',
);
const rate = optionalParsed(
  parsePercentToPpm,
  (ppm) => (ppm > 1_000_000 ? '料率は100%以下で入力してください。' : null),
  '料率は 0.23 のように%で入力してください（小数第4位まで）。',
);

const tierRow = z
  .object({ upTo: yenBound, rates: z.array(rate).max(MAX_BANDS).optional() })
  .optional();
const bandColumn = z.object({ upTo: dayBound }).optional();

export const rateTableFormSchema = z
  .object({
    guaranteeKind: z.enum(GUARANTEE_KINDS, { error: '保証の種類を選択してください。' }),
    effectiveFrom: dateInputSchema('適用開始日'),
    minimumPremium: z
      .string({ error: '最低保証料を入力してください（ない場合は 0）。' })
      .max(40, '最低保証料は円単位の数字で入力してください。')
      .transform((value, ctx) => {
        const n = parseYenText(value);
        if (n === null) {
          ctx.addIssue({ code: 'custom', message: '最低保証料は円単位の数字で入力してください（例: 10,000）。' });
          return z.NEVER;
        }
        if (n > MAX_FORM_YEN) {
          ctx.addIssue({ code: 'custom', message: '最低保証料が大きすぎます。' });
          return z.NEVER;
        }
        return n;
      }),
    roundingUnit: z
      .enum(ROUNDING_UNIT_VALUES, { error: '端数処理の単位を選択してください。' })
      .transform(Number),
    rounding: z.enum(ROUNDING_RULES, { error: '端数処理の方法を選択してください。' }),
    grid: z
      .object({
        tiers: z.array(tierRow).max(MAX_TIERS, `金額区分は${MAX_TIERS}行までです。`).optional(),
        bands: z.array(bandColumn).max(MAX_BANDS, `期間区分は${MAX_BANDS}列までです。`).optional(),
      })
      .optional(),
    note: z
      .string()
      .trim()
      .max(500, '備考は500文字以内で入力してください。')
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['grid', ...path], message });
    const g = gridShape(v.grid);
    if (g.usedTiers.length === 0 || g.usedBands.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: '金額区分・期間区分と料率を入力してください。' });
      return;
    }
    checkBounds(g.usedTiers, (i) => g.tiers[i]?.upTo, (i, m) => issue(['tiers', i, 'upTo'], m), '金額区分');
    checkBounds(g.usedBands, (j) => g.bands[j]?.upTo, (j, m) => issue(['bands', j, 'upTo'], m), '期間区分');
    for (const i of g.usedTiers) {
      for (const j of g.usedBands) {
        if (g.rateAt(i, j) === undefined) issue(['tiers', i, 'rates', j], '料率を入力してください。');
      }
    }
  })
  .transform((v): RateTableDraft => {
    const g = gridShape(v.grid);
    const brackets: RateBracketInput[] = [];
    let amountFrom = 0n;
    for (const i of g.usedTiers) {
      const amountTo = g.tiers[i]?.upTo ?? null;
      let periodFromDays = 1;
      for (const j of g.usedBands) {
        const upTo = g.bands[j]?.upTo;
        const periodToDays = upTo === undefined ? null : upTo + 1; // 上限 90日 (inclusive) → exclusive 91
        brackets.push({ amountFrom, amountTo, periodFromDays, periodToDays, ratePpm: g.rateAt(i, j) ?? 0 });
        periodFromDays = periodToDays ?? periodFromDays;
      }
      amountFrom = amountTo ?? amountFrom;
    }
    return {
      guaranteeKind: v.guaranteeKind,
      effectiveFrom: v.effectiveFrom,
      minimumPremium: v.minimumPremium,
      roundingUnit: v.roundingUnit,
      rounding: v.rounding,
      note: v.note ?? null,
      brackets,
    };
  });

interface ParsedGrid {
  tiers?: ({ upTo?: bigint; rates?: (number | undefined)[] } | undefined)[];
  bands?: ({ upTo?: number } | undefined)[];
}

/** The rows and columns in use: a row (column) is used when its 上限 or any of its rates is filled in. */
function gridShape(grid: ParsedGrid | undefined) {
  const tiers = grid?.tiers ?? [];
  const bands = grid?.bands ?? [];
  const rateAt = (i: number, j: number) => tiers[i]?.rates?.[j];
  const columns = Math.max(bands.length, ...tiers.map((t) => t?.rates?.length ?? 0));
  const usedTiers = tiers.flatMap((t, i) => (t?.upTo !== undefined || t?.rates?.some((r) => r !== undefined) ? [i] : []));
  const usedBands = Array.from({ length: columns }, (_, j) => j).filter(
    (j) => bands[j]?.upTo !== undefined || tiers.some((_, i) => rateAt(i, j) !== undefined),
  );
  return { tiers, bands, rateAt, usedTiers, usedBands };
}

/** Upper bounds of the used rows (or columns): each but the last given and increasing, the last blank. */
function checkBounds<T extends bigint | number>(
  used: number[],
  bound: (index: number) => T | undefined,
  report: (index: number, message: string) => void,
  what: string,
) {
  let previous: T | undefined;
  used.forEach((index, k) => {
    const value = bound(index);
    const last = k === used.length - 1;
    if (last) {
      if (value !== undefined) report(index, `最後の${what}は上限を空欄（上限なし）にしてください。`);
      return;
    }
    if (value === undefined) {
      report(index, `上限を入力してください（空欄にできるのは最後の${what}だけです）。`);
      return;
    }
    if (previous !== undefined && value <= previous) report(index, '上限は前の区分の上限より大きくしてください。');
    previous = value;
  });
}

/** What the form sends (text) and what a new table is made of (checked again by the domain). */
export type RateTableFormInput = z.input<typeof rateTableFormSchema>;

/** A new rate table before it is stored: the form's result, or built in code (demo data, tests). */
export interface RateTableDraft {
  guaranteeKind: GuaranteeKind;
  effectiveFrom: string;
  minimumPremium: bigint;
  roundingUnit: number;
  rounding: RoundingRule;
  note?: string | null;
  brackets: RateBracketInput[];
}

/** A stored table as the form's values, to start a new table from it (「この料率表をもとに作成」). */
export function rateTableFormValues(table: Pick<RateTableInput, 'guaranteeKind' | 'minimumPremium' | 'roundingUnit' | 'rounding' | 'brackets'> & {
  note?: string | null;
}): Partial<RateTableFormInput> {
  const grid = rateGrid(table.brackets);
  return {
    guaranteeKind: table.guaranteeKind,
    minimumPremium: formatYen(table.minimumPremium),
    roundingUnit: String(table.roundingUnit) as (typeof ROUNDING_UNIT_VALUES)[number],
    rounding: table.rounding,
    grid: {
      tiers: grid.tiers.map((tier) => ({
        upTo: tier.amountTo === null ? '' : formatYen(tier.amountTo),
        rates: grid.bands.map((band) => {
          const ppm = grid.rate(tier, band);
          return ppm === undefined ? '' : ppmToPercentText(ppm);
        }),
      })),
      bands: grid.bands.map((band) => ({ upTo: band.periodToDays === null ? '' : String(band.periodToDays - 1) })),
    },
    note: table.note ?? '',
  };
}

/** The preview calculator on a table's page (a GET form): 保証金額 and 保証期間 in days. */
export const premiumPreviewSchema = z.object({
  amount: z
    .string({ error: '保証金額を入力してください。' })
    .max(40, '保証金額は円単位の数字で入力してください。')
    .transform((value, ctx) => {
      const n = parseYenText(value);
      if (n === null || n < 1n) {
        ctx.addIssue({ code: 'custom', message: '保証金額は1円以上の円単位の数字で入力してください（例: 40,000,000）。' });
        return z.NEVER;
      }
      if (n > MAX_FORM_YEN) {
        ctx.addIssue({ code: 'custom', message: '保証金額は999,999,999,999円以下で入力してください。' });
        return z.NEVER;
      }
      return n;
    }),
  days: z
    .string({ error: '保証期間の日数を入力してください。' })
    .max(20, '保証期間は日数（整数）で入力してください。')
    .transform((value, ctx) => {
      const n = parseDaysText(value);
      if (n === null || n < 1 || n > MAX_FORM_DAYS) {
        ctx.addIssue({ code: 'custom', message: `保証期間は1日から${MAX_FORM_DAYS.toLocaleString('ja-JP')}日までの日数（整数）で入力してください。` });
        return z.NEVER;
      }
      return n;
    }),
});
