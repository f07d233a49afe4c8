import { toHalfWidth } from '@/lib/normalize';

/**
 * 保証契約番号: a 9-digit serial (PostgreSQL sequence `guarantee_number_seq`, 100000000–999999999)
 * followed by a Damm check digit. The Damm algorithm catches every single-digit error and every
 * adjacent transposition, so a mistyped number is refused before it costs a lookup attempt.
 */

// The totally anti-symmetric quasigroup of order 10 given by H. Michael Damm (2004).
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const SERIAL_MIN = 100_000_000n;
export const SERIAL_MAX = 999_999_999n;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![ch.charCodeAt(0) - 48]!;
  return interim;
}

/** The check digit that makes `digits` + it a valid Damm string. */
export function dammCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error('dammCheckDigit: digits only');
  return dammInterim(digits);
}

/** The 10-digit 保証契約番号 for a serial from the sequence. */
export function contractNumberFromSerial(serial: bigint | number): string {
  const s = BigInt(serial);
  if (s < SERIAL_MIN || s > SERIAL_MAX) throw new Error(`serial out of range: ${s}`);
  const body = s.toString();
  return body + String(dammCheckDigit(body));
}

/** Strips what people type around a number (全角 digits, spaces, hyphens). */
export function normalizeContractNumber(input: string): string {
  return toHalfWidth(input).replace(/[\s\-‐－ー―]/g, '');
}

export type ContractNumberCheck = { ok: true; number: string } | { ok: false; reason: 'FORMAT' | 'CHECK_DIGIT' };

/** Validates a typed 保証契約番号: 10 digits whose Damm check passes. */
export function checkContractNumber(input: string): ContractNumberCheck {
  const n = normalizeContractNumber(input);
  if (!/^[1-9]\d{9}$/.test(n)) return { ok: false, reason: 'FORMAT' };
  return dammInterim(n) === 0 ? { ok: true, number: n } : { ok: false, reason: 'CHECK_DIGIT' };
}

export function isValidContractNumber(input: string): boolean {
  return checkContractNumber(input).ok;
}
