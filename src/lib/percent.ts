import { toHalfWidth } from './normalize';

/**
 * Percentages held as whole basis points of 0.01 % (4850 = 48.5 %): progress of works (予定工程,
 * 実施工程) and shares are typed with at most two decimals, so integers hold them exactly and compare
 * without floating point.
 */

/** 100.00 % in basis points. */
export const WHOLE_BASIS_POINTS = 10_000;

/**
 * 「４８．５％」, 「48.5」, 「48.50 %」 → 4850; null unless a number of at most three whole digits and two
 * decimals (the range is the caller's rule: 0–100 % for progress).
 */
export function parseBasisPoints(input: string): number | null {
  const s = toHalfWidth(input).replace(/\s/g, '').replace(/%$/, '');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 4850 → 「48.5」, 5000 → 「50」, 3334 → 「33.34」: percent as people write it, trailing zeros dropped. */
export function formatBasisPoints(bp: number): string {
  const negative = bp < 0;
  const abs = Math.abs(Math.trunc(bp));
  const fraction = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${Math.trunc(abs / 100)}${fraction ? `.${fraction}` : ''}`;
}

/**
 * `part` as a share of `whole` in basis points, rounded down (49.996 % → 4999): a share printed beside
 * a rule of 「2分の1以上」 never reads 50 % when the amount falls short of it. null when `whole` ≤ 0.
 */
export function basisPointsOf(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null;
  const scaled = part * BigInt(WHOLE_BASIS_POINTS);
  const q = scaled / whole;
  // BigInt division truncates toward zero: step down for a negative part with a remainder.
  return Number(scaled < 0n && scaled % whole !== 0n ? q - 1n : q);
}
