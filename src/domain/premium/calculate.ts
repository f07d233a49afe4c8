import { formatMicroYen, formatYen } from '@/lib/money';
import type { GuaranteeKind, RoundingRule } from '@/generated/prisma/enums';
import { isValidIsoDate } from '@/lib/dates';
import type { FieldErrors } from '../result';

/**
 * 保証料 (the guarantee premium): the rules, pure (no database, no Next).
 *
 * A rate table belongs to one kind of guarantee and is in force from its 適用開始日 until the next
 * table of that kind. It is a grid: amount tiers × period bands, one rate per cell, in ppm (parts per
 * million of the amount: 2,300 ppm = 0.2300%).
 *
 * - Period band: the guarantee period in days (the first and the last day both count, see
 *   periodDays) selects the one band with periodFromDays ≤ days < periodToDays (periodToDays is
 *   exclusive; null = no upper bound). Bands start at 1 day. A band [91, 181) reads 「91日〜180日」.
 * - Amount tiers are TIERED, like a progressive tax: the part of the guarantee amount that falls in
 *   the tier [amountFrom, amountTo) — max(0, min(amount, amountTo) − amountFrom) yen — is multiplied
 *   by that tier's rate in the selected period band, and the parts are added. amountTo is exclusive
 *   on this continuous scale (null = no upper bound) and tiers start at 0: the tier [0, 100,000,000)
 *   takes the first 100,000,000 yen of any amount (「1円〜100,000,000円の部分」) and the tier
 *   [100,000,000, null) the rest (「100,000,000円超の部分」).
 * - Exact arithmetic: each part × rate is an exact number of millionths of a yen (BigInt; there is no
 *   floating point anywhere), so fractions are kept exactly until the one explicit rounding step:
 *   the sum (小計) is rounded to a multiple of roundingUnit yen (1, 10, 100 or 1,000) by the table's
 *   rule — FLOOR 切り捨て, CEIL 切り上げ, HALF_UP 四捨五入 (an exact half goes up).
 * - Minimum: the rounded amount is raised to minimumPremium when it is below it (the larger of the two;
 *   the minimum itself is not rounded again).
 * - Lines: every step is a line kept with the 保証料計算書 and shown to users, in this order: one line
 *   per tier that the amount reaches, 小計 (exact, with decimals when fractional), 端数処理 (the rounded
 *   amount), 最低保証料 (only when it applied) and 保証料 (the total).
 */

export type { GuaranteeKind, RoundingRule };

export interface RateBracketInput {
  amountFrom: bigint;
  /** Exclusive; null: no upper bound. */
  amountTo: bigint | null;
  periodFromDays: number;
  /** Exclusive; null: no upper bound. */
  periodToDays: number | null;
  /** Parts per million of the amount: 2,300 = 0.2300%. */
  ratePpm: number;
}

export interface RateTableInput {
  id?: string;
  guaranteeKind: GuaranteeKind;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  minimumPremium: bigint;
  roundingUnit: number;
  rounding: RoundingRule;
  isDemo: boolean;
  brackets: RateBracketInput[];
}

/** One line of the computation, as JSON for the document: amount in yen as display text ("92,000", "91,999.77"). */
export interface PremiumLine {
  label: string;
  detail?: string;
  amount: string;
}

export interface PremiumComputation {
  premiumYen: bigint;
  lines: PremiumLine[];
  tableId?: string;
  isDemo: boolean;
}

export const ROUNDING_RULES = ['FLOOR', 'CEIL', 'HALF_UP'] as const satisfies readonly RoundingRule[];
export const ROUNDING_UNITS = [1, 10, 100, 1000] as const;
export const GUARANTEE_KINDS = ['ADVANCE', 'INTERMEDIATE', 'CONTRACT'] as const satisfies readonly GuaranteeKind[];

export const ROUNDING_LABEL: Record<RoundingRule, string> = { FLOOR: '切り捨て', CEIL: '切り上げ', HALF_UP: '四捨五入' };


const PPM = 1_000_000n;
const MAX_PPM = 1_000_000;

// ───────────────────────────── display ─────────────────────────────


/** 2300 → "0.2300" (percent, four decimals: exactly one ppm). */
export function formatRatePercent(ppm: number): string {
  const whole = Math.trunc(ppm / 10_000);
  const fraction = String(ppm % 10_000).padStart(4, '0');
  return `${whole}.${fraction}`;
}

/** The amount range of a tier: 「1円〜100,000,000円」, 「100,000,001円〜500,000,000円」, 「100,000,000円超」. */
export function amountTierLabel(amountFrom: bigint, amountTo: bigint | null): string {
  if (amountTo === null) return amountFrom === 0n ? '全額' : `${formatYen(amountFrom)}円超`;
  return `${formatYen(amountFrom + 1n)}円〜${formatYen(amountTo)}円`;
}

/** A period band: 「〜90日」, 「91日〜180日」, 「366日以上」 (periodToDays is exclusive). */
export function periodBandLabel(periodFromDays: number, periodToDays: number | null): string {
  if (periodToDays === null) return periodFromDays <= 1 ? '全期間' : `${periodFromDays}日以上`;
  const last = periodToDays - 1;
  return periodFromDays <= 1 ? `〜${last}日` : `${periodFromDays}日〜${last}日`;
}

/** 「円未満切り捨て」, 「10円未満四捨五入」, 「1,000円未満切り上げ」. */
export function roundingLabel(roundingUnit: number, rounding: RoundingRule): string {
  const unit = roundingUnit === 1 ? '' : formatYen(BigInt(roundingUnit));
  return `${unit}円未満${ROUNDING_LABEL[rounding]}`;
}

// ───────────────────────────── structure ─────────────────────────────

export interface AmountTier {
  amountFrom: bigint;
  amountTo: bigint | null;
}
export interface PeriodBand {
  periodFromDays: number;
  periodToDays: number | null;
}

const tierKey = (b: AmountTier) => `${b.amountFrom}:${b.amountTo ?? ''}`;
const bandKey = (b: PeriodBand) => `${b.periodFromDays}:${b.periodToDays ?? ''}`;

/** The distinct amount tiers and period bands of a table, in order, and the rate of each cell. */
export function rateGrid(brackets: readonly RateBracketInput[]): {
  tiers: AmountTier[];
  bands: PeriodBand[];
  rate(tier: AmountTier, band: PeriodBand): number | undefined;
} {
  const tiers = new Map<string, AmountTier>();
  const bands = new Map<string, PeriodBand>();
  const cells = new Map<string, number>();
  for (const b of brackets) {
    tiers.set(tierKey(b), { amountFrom: b.amountFrom, amountTo: b.amountTo });
    bands.set(bandKey(b), { periodFromDays: b.periodFromDays, periodToDays: b.periodToDays });
    cells.set(`${tierKey(b)}|${bandKey(b)}`, b.ratePpm);
  }
  const upper = (x: bigint | number | null) => (x === null ? Infinity : Number(x));
  return {
    tiers: [...tiers.values()].sort((a, b) =>
      a.amountFrom === b.amountFrom ? upper(a.amountTo) - upper(b.amountTo) : a.amountFrom < b.amountFrom ? -1 : 1,
    ),
    bands: [...bands.values()].sort((a, b) => a.periodFromDays - b.periodFromDays || upper(a.periodToDays) - upper(b.periodToDays)),
    rate: (tier, band) => cells.get(`${tierKey(tier)}|${bandKey(band)}`),
  };
}

// ───────────────────────────── computation ─────────────────────────────

const inBand = (b: PeriodBand, days: number) => b.periodFromDays <= days && (b.periodToDays === null || days < b.periodToDays);

/** Rounds an exact amount (millionths of a yen, ≥ 0) to a multiple of `unit` yen. */
export function roundMicroYen(micro: bigint, unit: number, rule: RoundingRule): bigint {
  if (micro < 0n) throw new RangeError('roundMicroYen: negative amount');
  const step = BigInt(unit) * PPM;
  let units: bigint;
  if (rule === 'FLOOR') units = micro / step;
  else if (rule === 'CEIL') units = (micro + step - 1n) / step;
  else units = (2n * micro + step) / (2n * step); // HALF_UP: floor(x + ½)
  return units * BigInt(unit);
}

/**
 * The premium of a guarantee under `table`. The table must be valid (validateRateTable); an amount or
 * period the table does not cover, a negative amount or a period under one day throws a RangeError.
 */
export function computePremium(table: RateTableInput, input: { guaranteeAmount: bigint; periodDays: number }): PremiumComputation {
  const { guaranteeAmount, periodDays } = input;
  if (guaranteeAmount < 0n) throw new RangeError('computePremium: negative guarantee amount');
  if (!Number.isSafeInteger(periodDays) || periodDays < 1) throw new RangeError(`computePremium: period ${periodDays} days`);
  if (!ROUNDING_UNITS.some((u) => u === table.roundingUnit)) throw new RangeError(`computePremium: rounding unit ${table.roundingUnit}`);

  const inThisBand = table.brackets.filter((b) => inBand(b, periodDays));
  if (inThisBand.length === 0) throw new RangeError(`computePremium: no period band for ${periodDays} days`);
  const band = inThisBand[0] as RateBracketInput;
  const bandText = `保証期間 ${periodDays.toLocaleString('ja-JP')}日: ${periodBandLabel(band.periodFromDays, band.periodToDays)}`;
  const tiers = inThisBand
    .filter((b) => b.periodFromDays === band.periodFromDays && b.periodToDays === band.periodToDays)
    .sort((a, b) => (a.amountFrom < b.amountFrom ? -1 : a.amountFrom > b.amountFrom ? 1 : 0));

  const lines: PremiumLine[] = [];
  let exact = 0n; // millionths of a yen
  let covered = 0n;
  for (const tier of tiers) {
    const top = tier.amountTo === null || guaranteeAmount < tier.amountTo ? guaranteeAmount : tier.amountTo;
    const part = top - tier.amountFrom;
    if (part <= 0n) continue;
    const micro = part * BigInt(tier.ratePpm);
    exact += micro;
    covered += part;
    lines.push({
      label: `${amountTierLabel(tier.amountFrom, tier.amountTo)}の部分`,
      detail: `${formatYen(part)}円 × ${formatRatePercent(tier.ratePpm)}%（${bandText}）`,
      amount: formatMicroYen(micro),
    });
  }
  if (covered !== guaranteeAmount) {
    throw new RangeError(`computePremium: the tiers cover ${covered} of ${guaranteeAmount} yen`);
  }

  lines.push({ label: '小計', amount: formatMicroYen(exact) });
  const rounded = roundMicroYen(exact, table.roundingUnit, table.rounding);
  lines.push({ label: '端数処理', detail: roundingLabel(table.roundingUnit, table.rounding), amount: formatYen(rounded) });
  let premiumYen = rounded;
  if (rounded < table.minimumPremium) {
    premiumYen = table.minimumPremium;
    lines.push({
      label: '最低保証料',
      detail: `計算額 ${formatYen(rounded)}円が最低保証料 ${formatYen(table.minimumPremium)}円に満たないため、最低保証料を適用`,
      amount: formatYen(premiumYen),
    });
  }
  lines.push({ label: '保証料', amount: formatYen(premiumYen) });
  return { premiumYen, lines, ...(table.id ? { tableId: table.id } : {}), isDemo: table.isDemo };
}

const DAY_MS = 86_400_000;

/**
 * The guarantee period in days, both ends counted: 2026-04-01 → 2026-04-01 is 1 day, → 2026-06-29 is
 * 90 days. The arguments are calendar dates (YYYY-MM-DD) as in Asia/Tokyo; the count is pure calendar
 * arithmetic, so no time zone or daylight-saving change can move it. An end before the start throws.
 */
export function periodDays(startIso: string, endIso: string): number {
  if (!isValidIsoDate(startIso) || !isValidIsoDate(endIso)) throw new RangeError(`periodDays: ${startIso} – ${endIso}`);
  const days = (Date.parse(`${endIso}T00:00:00Z`) - Date.parse(`${startIso}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw new RangeError(`periodDays: ${endIso} is before ${startIso}`);
  return days;
}

// ───────────────────────────── validation ─────────────────────────────

/**
 * Checks a table before it is stored: the amount tiers run from 0 yen and the period bands from
 * 1 day without gaps or overlaps up to one open-ended tier and band, every (tier × band) cell has
 * exactly one rate, rates are 0%–100%, the rounding unit is 1, 10, 100 or 1,000 yen and the minimum
 * premium is not negative. Returns Japanese messages per field ({} when valid); structural problems
 * are under 'brackets'.
 */
export function validateRateTable(input: RateTableInput): FieldErrors {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    const list = (errors[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };

  if (!GUARANTEE_KINDS.some((k) => k === input.guaranteeKind)) add('guaranteeKind', '保証の種類を選択してください。');
  if (!isValidIsoDate(input.effectiveFrom)) add('effectiveFrom', '適用開始日は 2026-04-01 の形で入力してください。');
  if (typeof input.minimumPremium !== 'bigint' || input.minimumPremium < 0n) add('minimumPremium', '最低保証料は0円以上で入力してください。');
  if (!ROUNDING_UNITS.some((u) => u === input.roundingUnit)) add('roundingUnit', '端数処理の単位は 1円・10円・100円・1,000円 のいずれかを選択してください。');
  if (!ROUNDING_RULES.some((r) => r === input.rounding)) add('rounding', '端数処理の方法を選択してください。');

  const brackets = input.brackets;
  if (brackets.length === 0) {
    add('brackets', '料率を1つ以上入力してください。');
    return errors;
  }
  let malformed = false;
  for (const b of brackets) {
    if (!Number.isInteger(b.ratePpm) || b.ratePpm < 0 || b.ratePpm > MAX_PPM) {
      add('brackets', '料率は0%以上100%以下（小数第4位まで）で入力してください。');
      malformed = true;
    }
    if (b.amountFrom < 0n || (b.amountTo !== null && b.amountTo <= b.amountFrom)) {
      add('brackets', '金額区分の上限は下限より大きくしてください。');
      malformed = true;
    }
    if (
      !Number.isSafeInteger(b.periodFromDays) ||
      b.periodFromDays < 1 ||
      (b.periodToDays !== null && (!Number.isSafeInteger(b.periodToDays) || b.periodToDays <= b.periodFromDays))
    ) {
      add('brackets', '期間区分の上限は下限より大きくしてください（日数は1日以上の整数）。');
      malformed = true;
    }
  }
  if (malformed) return errors;

  const grid = rateGrid(brackets);

  // Amount tiers: 0 … open end, each starting where the previous one ends.
  grid.tiers.forEach((tier, i) => {
    const previous = grid.tiers[i - 1];
    if (!previous) {
      if (tier.amountFrom !== 0n) add('brackets', '金額区分は0円から始めてください。');
    } else if (previous.amountTo === null || tier.amountFrom < previous.amountTo) {
      add('brackets', `金額区分が重なっています（${amountTierLabel(tier.amountFrom, tier.amountTo)}）。`);
    } else if (tier.amountFrom > previous.amountTo) {
      add('brackets', `金額区分に隙間があります（${amountTierLabel(previous.amountTo, tier.amountFrom)}）。`);
    }
  });
  const lastTier = grid.tiers.at(-1);
  if (lastTier && lastTier.amountTo !== null) add('brackets', '最後の金額区分は上限なしにしてください。');

  grid.bands.forEach((band, i) => {
    const previous = grid.bands[i - 1];
    if (!previous) {
      if (band.periodFromDays !== 1) add('brackets', '期間区分は1日から始めてください。');
    } else if (previous.periodToDays === null || band.periodFromDays < previous.periodToDays) {
      add('brackets', `期間区分が重なっています（${periodBandLabel(band.periodFromDays, band.periodToDays)}）。`);
    } else if (band.periodFromDays > previous.periodToDays) {
      add('brackets', `期間区分に隙間があります（${periodBandLabel(previous.periodToDays, band.periodFromDays)}）。`);
    }
  });
  const lastBand = grid.bands.at(-1);
  if (lastBand && lastBand.periodToDays !== null) add('brackets', '最後の期間区分は上限なしにしてください。');

  const counts = new Map<string, number>();
  for (const b of brackets) {
    const key = `${tierKey(b)}|${bandKey(b)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const tier of grid.tiers) {
    for (const band of grid.bands) {
      const n = counts.get(`${tierKey(tier)}|${bandKey(band)}`) ?? 0;
      const cell = `${amountTierLabel(tier.amountFrom, tier.amountTo)}・${periodBandLabel(band.periodFromDays, band.periodToDays)}`;
      if (n === 0) add('brackets', `${cell}の料率がありません。`);
      if (n > 1) add('brackets', `${cell}の料率が重複しています。`);
    }
  }
  return errors;
}
