/**
 * 和暦 for certificates and letters: 令和 8年 4月 1日, 令和 5年 3月31日 (the flyer's spacing: year,
 * month and day right-aligned to two places with a space), 令和元年 5月 1日 for the first year. Calendar dates are ISO strings
 * of Asia/Tokyo days, formatted at noon UTC so that no zone moves them to another day.
 */
const ERA = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});

const pad2 = (s: string) => (s.length < 2 ? ` ${s}` : s);

export function formatJapaneseDate(iso: string): string {
  const parts = ERA.formatToParts(new Date(`${iso}T03:00:00Z`));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const era = get('era');
  const year = get('year');
  const yearText = year === '1' || year === '元' ? '元' : pad2(year);
  return `${era}${yearText}年${pad2(get('month'))}月${pad2(get('day'))}日`;
}

/** The eras a typed date may be written in, newest first: first and last day (null: still running). */
export interface Era {
  name: '令和' | '平成' | '昭和';
  /** The Latin initial written for it (R8.4.1). */
  letter: 'R' | 'H' | 'S';
  start: string;
  end: string | null;
  /** The Western year of 元年. */
  startYear: number;
}

export const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: '2019-05-01', end: null, startYear: 2019 },
  { name: '平成', letter: 'H', start: '1989-01-08', end: '2019-04-30', startYear: 1989 },
  { name: '昭和', letter: 'S', start: '1926-12-25', end: '1989-01-07', startYear: 1926 },
];

/** The era of an ISO date (undefined before 昭和). */
export function eraOf(iso: string): Era | undefined {
  return ERAS.find((era) => iso >= era.start && (era.end === null || iso <= era.end));
}

/** 令和8年 → 2026: the Western year of year `eraYear` (1 = 元年) of `era`, whether or not the era lasted that long. */
export function westernYear(era: Era, eraYear: number): number {
  return era.startYear + eraYear - 1;
}

/** '2026-04-01' → 令和8年4月1日, '2019-05-01' → 令和元年5月1日: 和暦 as typed, without the certificates' padding. */
export function formatJapaneseDateShort(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const era = eraOf(iso);
  if (!era) return `${y}年${m}月${d}日`;
  const eraYear = y - era.startYear + 1;
  return `${era.name}${eraYear === 1 ? '元' : eraYear}年${m}月${d}日`;
}
