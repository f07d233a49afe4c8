/**
 * Every Japanese text of a typed date field (src/lib/date-input.ts): the messages at the field, the
 * example under it and the calendar button. Dates in them are written as the screens write them
 * (2026/04/01, 令和8年4月1日).
 */
export const DATE_INPUT_MESSAGES = {
  /** Under every date field: the forms it takes. */
  example: '例: 2026/04/01 または 令和8年4月1日',
  /** Under a date field typed otherwise than 2026/04/01, once it reads as a date: that date in both calendars. */
  reading: (slash: string, japanese: string) => `${slash}（${japanese}）として受け付けます。`,
  /** The button beside a date field that opens the calendar (its field's label is read with it). */
  calendar: 'カレンダーから選ぶ',
  empty: (label: string) => `${label}を入力してください。`,
  format: (label: string) => `${label}は 2026/04/01 や 令和8年4月1日 のように、年・月・日を入力してください。`,
  month: (label: string, month: number) => `${label}の月が正しくありません（${month}月はありません）。`,
  day: (label: string, year: number, month: number, lastDay: number) =>
    `${label}の日が正しくありません（${year}年${month}月は${lastDay}日までです）。`,
  afterEra: (label: string, typed: string, era: string, eraEnd: string, slash: string, inItsEra: string) =>
    `${label}の「${typed}」はありません。${era}は${eraEnd}までです（${slash} は${inItsEra}）。`,
  beforeEra: (label: string, typed: string, era: string, eraStart: string, slash: string, inItsEra: string) =>
    `${label}の「${typed}」はありません。${era}は${eraStart}からです（${slash} は${inItsEra}）。`,
  weekday: (label: string, typedWeekday: string, slash: string, weekday: string) =>
    `${label}の曜日が日付と合いません（${slash} は${weekday}曜日です。${typedWeekday}曜日ではありません）。`,
  range: (label: string, min: string, max: string) =>
    min.endsWith('/01/01') && max.endsWith('/12/31')
      ? `${label}は${min.slice(0, 4)}年から${max.slice(0, 4)}年までの日付を入力してください。`
      : `${label}は ${min} から ${max} までの日付を入力してください。`,
} as const;
