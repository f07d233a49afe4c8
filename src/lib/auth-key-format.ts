import { toHalfWidth } from './normalize';

/**
 * The 認証キー's form, pure (the page checks what is typed with it before anything is sent; the
 * secrets — generation, hashing, sealing — are in domain/guarantees/auth-key.ts): 10 characters from
 * an alphabet without the look-alikes 0/O and 1/I/L (31 symbols), accepted in any case, 全角 or 半角,
 * with spaces and hyphens ignored, printed in groups of 4-4-2 (`7KQ4-XM9P-WA`).
 */
export const KEY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const KEY_LENGTH = 10;
/** The letters and digits never used in a key, look-alikes side by side: every other one of 0–9 and A–Z is in KEY_ALPHABET. */
export const KEY_UNUSED = '0O1IL';

/** Printed groups: 4-4-2. */
const GROUPS = [4, 4, 2];

/** `7KQ4XM9PWA` → `7KQ4-XM9P-WA`. */
export function formatAuthKey(key: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(key.slice(at, at + size));
    at += size;
  }
  return parts.filter(Boolean).join('-');
}

/** Folds what people type (全角, lower case, spaces, hyphens of any width) to the stored form. */
export function normalizeAuthKey(input: string): string {
  return toHalfWidth(input)
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―－ー_]/g, '');
}

export function isWellFormedAuthKey(normalized: string): boolean {
  if (normalized.length !== KEY_LENGTH) return false;
  for (const ch of normalized) if (!KEY_ALPHABET.includes(ch)) return false;
  return true;
}

/**
 * What is wrong with a typed key, in the order a person fixes it:
 *   - UNUSED: a character of KEY_UNUSED (0, O, 1, I, L in any case or width) — a misreading of the print;
 *   - OTHER: any other character that is not in the alphabet (a symbol, a kana…);
 *   - LENGTH: only characters of the alphabet, but not 10 of them (`length`, separators not counted).
 * `typed` lists each offending character once (`0` and `０` are one), as first typed (`ｌ` stays `ｌ`).
 */
export type AuthKeyCheck =
  | { ok: true; key: string }
  | { ok: false; reason: 'EMPTY' }
  | { ok: false; reason: 'UNUSED' | 'OTHER'; typed: string[] }
  | { ok: false; reason: 'LENGTH'; length: number };

export function checkAuthKey(input: string): AuthKeyCheck {
  const key = normalizeAuthKey(input);
  if (key === '') return { ok: false, reason: 'EMPTY' };
  const unused: string[] = [];
  const other: string[] = [];
  const seen = new Set<string>();
  for (const typed of input) {
    const folded = normalizeAuthKey(typed);
    if (folded === '' || (folded.length === 1 && KEY_ALPHABET.includes(folded)) || seen.has(folded)) continue;
    seen.add(folded);
    ([...folded].every((ch) => KEY_UNUSED.includes(ch)) ? unused : other).push(typed);
  }
  if (unused.length > 0) return { ok: false, reason: 'UNUSED', typed: unused };
  if (other.length > 0) return { ok: false, reason: 'OTHER', typed: other };
  if (key.length !== KEY_LENGTH) return { ok: false, reason: 'LENGTH', length: [...key].length };
  return { ok: true, key };
}
