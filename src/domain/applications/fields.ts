import { z } from 'zod';
import { dateInputSchema } from '@/lib/date-input';
import { toHalfWidth } from '@/lib/normalize';
import { hasControlCharacters } from '@/lib/text';

/** Field parsers of the application form: 全角 digits and separators accepted, Japanese messages. */

export const MAX_YEN = 999_999_999_999n; // 1 兆円 − 1

/** `４０，０００，０００円` → 40000000n. */
export function parseYen(input: string): bigint | null {
  const s = toHalfWidth(input).replace(/[,，、\s]/g, '').replace(/円$/, '');
  if (!/^\d{1,15}$/.test(s)) return null;
  return BigInt(s);
}

const str = (label: string) => z.string({ error: `${label}の入力形式が正しくありません。` });

export const yen = (label: string) =>
  str(label)
    .max(40, `${label}は数字で入力してください。`)
    .transform((value, ctx) => {
      const n = parseYen(value);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: `${label}は円単位の数字で入力してください（例: 40,000,000）。` });
        return z.NEVER;
      }
      if (n < 1n) {
        ctx.addIssue({ code: 'custom', message: `${label}は1円以上で入力してください。` });
        return z.NEVER;
      }
      if (n > MAX_YEN) {
        ctx.addIssue({ code: 'custom', message: `${label}が大きすぎます。` });
        return z.NEVER;
      }
      return n;
    });

/** A date typed as people write it (2026/4/1, 令和8年4月1日, R8.4.1, 全角 too: src/lib/date-input.ts) → 'YYYY-MM-DD', 2000–2099. */
export const date = (label: string) => dateInputSchema(label);

/** Free text; single-line unless `multiline` (a line break in 工事名 would end up on the certificate). */
export const text = (label: string, max: number, { multiline = false } = {}) =>
  str(label)
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください。`)
    // The one rule for control characters (src/lib/text.ts): a line break only where `multiline`.
    .refine((v) => !hasControlCharacters(v, { multiline: true }), `${label}に使用できない文字が含まれています。`)
    .refine((v) => multiline || !hasControlCharacters(v), `${label}は改行せずに1行で入力してください。`);
