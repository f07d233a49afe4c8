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
