import { z } from 'zod';
import { isValidIsoDate } from './dates';
import { DATE_INPUT_MESSAGES as M } from './date-input-messages';
import { ERAS, type Era, formatJapaneseDateShort as japaneseDate, westernYear } from './wareki';

/**
 * A calendar date typed the way people write it, read into 'YYYY-MM-DD'. Pure: the same function runs
 * in the browser (a quick answer at the field) and in the schemas on the server (the answer).
 *
 * Accepted (全角 or 半角, spaces anywhere, a weekday such as （水） after it checked against the date):
 *   - 西暦: 2026/4/1, 2026-04-01, 2026.4.1, 2026年4月1日, 20260401, 二〇二六年四月一日;
 *   - 和暦: 令和8年4月1日, 令和元年5月1日, 令和8/4/1, R8.4.1, r8-4-1, ㋿8年4月1日, 令和八年四月一日,
 *     and likewise 平成 (H) and 昭和 (S).
 * Refused, each with its own reason: a month outside 1–12 (令和8年13月1日), a day the month does not
 * have (2026/2/30), an era year the era never reached or a day before it began (平成32年4月1日 —
 * 平成 ended on 31年4月30日; 令和元年4月30日 — still 平成), a weekday that is not the date's, and
 * anything else that is not a year, a month and a day (26/4/1, 2026/4).
 */

export type DateInputProblem =
  | { kind: 'empty' }
  | { kind: 'format' }
  | { kind: 'month'; month: number }
  | { kind: 'day'; year: number; month: number; day: number; lastDay: number }
  /** An era date after the era ended (平成32年…): the same day in the era of that day. */
  | { kind: 'after-era'; typed: string; era: Era; iso: string }
  /** An era date before the era began (令和元年4月30日): the same day in the era of that day. */
  | { kind: 'before-era'; typed: string; era: Era; iso: string }
  | { kind: 'weekday'; iso: string; typedWeekday: string }
  | { kind: 'range'; min: string; max: string };

export type DateInputResult = { ok: true; iso: string } | { ok: false; problem: DateInputProblem };

const KANJI_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二六 → 2026 (digit by digit), 十二 → 12, 二十一 → 21, 三十 → 30; null when it is no such number. */
function kanjiNumber(run: string): number | null {
  const ten = run.indexOf('十');
  if (ten < 0) return Number([...run].map((c) => KANJI_DIGIT[c]).join(''));
  if (run.indexOf('十', ten + 1) >= 0 || ten > 1 || run.length - ten > 2) return null;
  const tens = ten === 0 ? 1 : KANJI_DIGIT[run[0]!]!;
  const ones = ten === run.length - 1 ? 0 : KANJI_DIGIT[run[ten + 1]!]!;
  return tens === 0 ? null : tens * 10 + ones;
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const DASHES = /[‐‑‒–—―−ーｰ]/g;
const SEPARATOR = String.raw`[-/.年]`;
const SEPARATOR_2 = String.raw`[-/.月]`;
const WEEKDAY = String.raw`(?:\(([日月火水木金土])(?:曜日?)?\))?`;
const ERA_NAMES = ERAS.map((e) => `${e.name}|${e.letter}`).join('|');
const WESTERN = new RegExp(String.raw`^(\d{4})${SEPARATOR}(\d{1,2})${SEPARATOR_2}(\d{1,2})日?${WEEKDAY}$`);
const COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${WEEKDAY}$`);
const JAPANESE = new RegExp(String.raw`^(${ERA_NAMES})(\d{1,2}|元)${SEPARATOR}(\d{1,2})${SEPARATOR_2}(\d{1,2})日?${WEEKDAY}$`, 'i');

/** What was typed, folded: 半角 (NFKC, which also opens ㋿ ㍻ ㍼), no spaces, dashes as '-', kanji numbers as digits. */
function fold(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(DASHES, '-')
    .replace(/[〇零一二三四五六七八九十]+/g, (run) => {
      const n = kanjiNumber(run);
      return n === null ? run : String(n);
    });
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

/** A typed date, read: the ISO date, or why it is none. */
export function parseDateInput(input: string): DateInputResult {
  const s = fold(input);
  if (s === '') return { ok: false, problem: { kind: 'empty' } };

  let year: number;
  let month: number;
  let day: number;
  let weekday: string | undefined;
  let era: Era | undefined;
  let eraYear = 0;
  const japanese = JAPANESE.exec(s);
  const western = japanese ? null : (WESTERN.exec(s) ?? COMPACT.exec(s));
  if (japanese) {
    const name = japanese[1]!;
    era = ERAS.find((e) => e.name === name || e.letter === name.toUpperCase())!;
    eraYear = japanese[2] === '元' ? 1 : Number(japanese[2]);
    if (eraYear < 1) return { ok: false, problem: { kind: 'format' } };
    year = westernYear(era, eraYear);
    month = Number(japanese[3]);
    day = Number(japanese[4]);
    weekday = japanese[5];
  } else if (western) {
    year = Number(western[1]);
    month = Number(western[2]);
    day = Number(western[3]);
    weekday = western[4];
  } else {
    return { ok: false, problem: { kind: 'format' } };
  }

  if (month < 1 || month > 12) return { ok: false, problem: { kind: 'month', month } };
  const lastDay = lastDayOf(year, month);
  if (day < 1 || day > lastDay) return { ok: false, problem: { kind: 'day', year, month, day, lastDay } };
  const iso = isoOf(year, month, day);
  if (era) {
    const typed = `${era.name}${eraYear === 1 ? '元' : eraYear}年${month}月${day}日`;
    if (era.end && iso > era.end) return { ok: false, problem: { kind: 'after-era', typed, era, iso } };
    if (iso < era.start) return { ok: false, problem: { kind: 'before-era', typed, era, iso } };
  }
  if (weekday && weekday !== weekdayOf(iso)) return { ok: false, problem: { kind: 'weekday', iso, typedWeekday: weekday } };
  return { ok: true, iso };
}

/** The Japanese message at the field for a problem of the date labelled `label`. */
export function dateInputMessage(label: string, problem: DateInputProblem): string {
  switch (problem.kind) {
    case 'empty':
      return M.empty(label);
    case 'format':
      return M.format(label);
    case 'month':
      return M.month(label, problem.month);
    case 'day':
      return M.day(label, problem.year, problem.month, problem.lastDay);
    case 'after-era':
      return M.afterEra(label, problem.typed, problem.era.name, japaneseDate(problem.era.end!), formatSlashDate(problem.iso), japaneseDate(problem.iso));
    case 'before-era':
      return M.beforeEra(label, problem.typed, problem.era.name, japaneseDate(problem.era.start), formatSlashDate(problem.iso), japaneseDate(problem.iso));
    case 'weekday':
      return M.weekday(label, problem.typedWeekday, formatSlashDate(problem.iso), weekdayOf(problem.iso));
    case 'range':
      return M.range(label, formatSlashDate(problem.min), formatSlashDate(problem.max));
  }
}

/** '2026-04-01' → '2026/04/01': how the screens write a date, and what the calendar button fills in. */
export function formatSlashDate(iso: string): string {
  return iso.replaceAll('-', '/');
}

/** The longest text a date field takes (a date with its weekday, in 全角 with spaces, fits). */
export const DATE_INPUT_MAX_LENGTH = 40;

export interface DateSchemaOptions {
  /** Earliest and latest date accepted, 'YYYY-MM-DD' (default 2000-01-01 … 2099-12-31). */
  min?: string;
  max?: string;
}

/**
 * A zod schema of a typed date labelled `label`: a string in any accepted form → 'YYYY-MM-DD', or the
 * field's Japanese message. Used by the forms' schemas, so the browser and the server read the same.
 */
export function dateInputSchema(label: string, { min = '2000-01-01', max = '2099-12-31' }: DateSchemaOptions = {}) {
  if (!isValidIsoDate(min) || !isValidIsoDate(max)) throw new RangeError(`dateInputSchema: ${min} – ${max}`);
  return z
    .string({ error: M.empty(label) })
    .max(DATE_INPUT_MAX_LENGTH, M.format(label))
    .transform((value, ctx) => {
      const read = parseDateInput(value);
      if (!read.ok) {
        ctx.addIssue({ code: 'custom', message: dateInputMessage(label, read.problem) });
        return z.NEVER;
      }
      if (read.iso < min || read.iso > max) {
        ctx.addIssue({ code: 'custom', message: dateInputMessage(label, { kind: 'range', min, max }) });
        return z.NEVER;
      }
      return read.iso;
    });
}
