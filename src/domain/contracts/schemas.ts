import { z } from 'zod';
import { parseDateInput } from '@/lib/date-input';
import { hasControlCharacters } from '@/lib/text';
import { CONTRACT_FIELD_MESSAGES as M } from './labels';

/**
 * The register's fields read as people write them (pure: the hand-entry form checks them in the
 * browser, its action and use case again, and every row of an imported file goes through the same
 * parsers, so a value the form takes the file takes too, with the same message).
 *
 *   契約番号   NFKC (全角 → 半角), trimmed, runs of spaces made one: the key a re-import updates by;
 *   工事名・受注者  trimmed, kept as written, one line, ≤ 200 characters;
 *   請負金額   全角 or 半角 digits, commas, a leading ¥ and a trailing 円: 「４０，０００，０００円」 → 40000000n;
 *   dates      src/lib/date-input.ts: 2026/4/1, 2026-04-01, 令和8年4月1日, R8.4.1, 全角 too;
 *   割合       10分の4, 4/10, 40%, 4割, 0.4 → basis points of 0.01 % (4000); empty, なし, 不要, − → not required.
 *
 * A text cell that starts with = + - @ (or their 全角 forms) is refused: it is what a spreadsheet runs as
 * a formula (CSV injection), and no 契約番号, 工事名 or company name starts so.
 */

export const MAX_CONTRACT_NUMBER = 50;
export const MAX_NAME = 200;
export const MAX_AMOUNT = 999_999_999_999n;

const FORMULA_LEAD = /^[=+\-@＝＋－＠]/;

/** A field's reading: its value, or the message (without the field's name). */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const good = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (message: string): Read<never> => ({ ok: false, message });

/** A single-line text: trimmed, not empty, not too long, no control character, no formula lead. */
export function readText(input: string, max: number): Read<string> {
  const value = input.trim();
  if (value === '') return bad(M.required);
  if (hasControlCharacters(value)) return bad(M.control);
  if (value.length > max) return bad(M.tooLong(max));
  if (FORMULA_LEAD.test(value)) return bad(M.formula);
  return good(value);
}

/** 契約番号: NFKC, trimmed, spaces made one. */
export function readContractNumber(input: string): Read<string> {
  const text = readText(input.normalize('NFKC').replace(/\s+/g, ' '), MAX_CONTRACT_NUMBER);
  return text;
}

/** 請負金額 in yen. */
export function readAmount(input: string): Read<bigint> {
  const s = input
    .normalize('NFKC')
    .replace(/[,、\s]/g, '')
    .replace(/^[¥\\]/, '')
    .replace(/円$/, '');
  if (s === '') return bad(M.required);
  if (!/^-?\d{1,16}$/.test(s)) return bad(M.amount);
  const n = BigInt(s);
  if (n < 1n) return bad(M.amountMin);
  if (n > MAX_AMOUNT) return bad(M.amountMax);
  return good(n);
}

const NO_SHARE = new Set(['', 'なし', '無し', '不要', '-', '‐', '−', 'ー', '―', '—', '0']);

/** A decimal written with up to `scale` decimals, times 10^scale; null when it is none. */
function scaled(text: string, scale: number): bigint | null {
  const m = /^(\d{1,6})(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) return -1n;
  return BigInt(m[1]!) * 10n ** BigInt(scale) + BigInt(fraction.slice(0, scale).padEnd(scale, '0') || '0');
}

/**
 * 前払金・契約保証の割合 → basis points (0.01 %), or null when the contract does not require it. A
 * share that is not a whole number of basis points (1/3) is refused rather than rounded.
 */
export function readShare(input: string): Read<number | null> {
  const s = input.normalize('NFKC').replace(/\s+/g, '');
  if (NO_SHARE.has(s)) return good(null);
  let bp: bigint | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,3})分の(\d+(?:\.\d+)?)$/.exec(s)) || (m = /^(\d+(?:\.\d+)?)\/(\d{1,3})$/.exec(s))) {
    const [numText, denText] = s.includes('分の') ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    const num = scaled(numText, 4);
    const den = BigInt(denText);
    if (num === null || den === 0n) return bad(M.share);
    if (num < 0n) return bad(M.shareFine);
    // num is ×10^4, so num / den is basis points exactly when it divides.
    if (num % den !== 0n) return bad(M.shareFine);
    bp = num / den;
  } else if ((m = /^(\d+(?:\.\d+)?)%$/.exec(s))) {
    bp = scaled(m[1]!, 2);
  } else if ((m = /^(\d+(?:\.\d+)?)割$/.exec(s))) {
    bp = scaled(m[1]!, 3);
  } else if ((m = /^0?\.\d+$/.exec(s))) {
    // 0.4: a fraction as a spreadsheet keeps a percentage cell.
    bp = scaled(s.startsWith('.') ? `0${s}` : s, 4);
  } else if (/^\d+(?:\.\d+)?$/.test(s)) {
    // A bare number is a percentage (40 → 40 %).
    bp = scaled(s, 2);
  } else {
    return bad(M.share);
  }
  if (bp === null) return bad(M.share);
  if (bp < 0n) return bad(M.shareFine);
  if (bp < 1n || bp > 10_000n) return bad(M.shareRange);
  return good(Number(bp));
}

/** A date as people write it → 'YYYY-MM-DD' (2000–2099). */
export function readDate(input: string): Read<string> {
  const read = parseDateInput(input);
  if (!read.ok) {
    const p = read.problem;
    switch (p.kind) {
      case 'empty':
        return bad(M.required);
      case 'month':
        return bad(M.dateMonth(p.month));
      case 'day':
        return bad(M.dateDay(p.year, p.month, p.lastDay));
      case 'after-era':
      case 'before-era':
        return bad(M.dateEra(p.typed));
      case 'weekday':
        return bad(M.dateWeekday);
      default:
        return bad(M.date);
    }
  }
  if (read.iso < '2000-01-01' || read.iso > '2099-12-31') return bad(M.dateRange);
  return good(read.iso);
}

/** A zod field from a reader: the text (a missing field reads as empty) → the value, or the reader's message. */
function field<T>(reader: (input: string) => Read<T>, maxInput = 400) {
  return z
    .string()
    .max(maxInput, M.tooLong(maxInput))
    .optional()
    .transform((value, ctx) => {
      const read = reader(value ?? '');
      if (read.ok) return read.value;
      ctx.addIssue({ code: 'custom', message: read.message });
      return z.NEVER;
    });
}

/** The fields every contract has, whether typed in the form or read from a row. */
export const contractFieldsShape = {
  contractNumber: field(readContractNumber),
  projectName: field((v) => readText(v, MAX_NAME)),
  contractorName: field((v) => readText(v, MAX_NAME)),
  contractAmount: field(readAmount, 60),
  contractDate: field(readDate, 60),
  periodStart: field(readDate, 60),
  periodEnd: field(readDate, 60),
  advanceShare: field(readShare, 60),
  performanceShare: field(readShare, 60),
};

/** What the fields read as together: 工期（至） not before 工期（自）, 契約日 not after 工期（至）. */
export function crossFieldIssues(v: { contractDate: string; periodStart: string; periodEnd: string }): { path: 'periodEnd' | 'contractDate'; message: string }[] {
  const issues: { path: 'periodEnd' | 'contractDate'; message: string }[] = [];
  if (v.periodEnd < v.periodStart) issues.push({ path: 'periodEnd', message: M.periodOrder });
  else if (v.contractDate > v.periodEnd) issues.push({ path: 'contractDate', message: M.contractAfterPeriod });
  return issues;
}

/**
 * The hand-entry form: the fields, the 工事担当課 chosen from the orderer's (optional), and the
 * revision the form was loaded at (read by the action from its hidden field).
 */
export const contractFormSchema = z
  .object({
    ...contractFieldsShape,
    // 「（指定しない）」 sends ''. (conform turns an empty text into undefined, but not for z.uuid().)
    departmentId: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.uuid(M.departmentChoice).optional()),
  })
  .superRefine((v, ctx) => {
    for (const issue of crossFieldIssues(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });

export type ContractFormInput = z.input<typeof contractFormSchema>;
export type ContractFormValues = z.output<typeof contractFormSchema>;

/** The import's upload form: the encoding chosen (the file itself is read apart). */
export const contractImportFormSchema = z.object({
  encoding: z.enum(['auto', 'utf-8', 'shift_jis'], { error: '文字コードを選び直してください。' }).default('auto'),
});
