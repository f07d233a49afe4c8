/** Calendar dates as 'YYYY-MM-DD' strings at the edges, UTC-midnight Date objects in @db.Date columns. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function isoDateToDb(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

export function dbDateToIso(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** The calendar date `days` after (or before, negative) an ISO date: '2026-03-31' + 1 → '2026-04-01'. */
export function addDaysIso(iso: string, days: number): string {
  const date = isoDateToDb(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return dbDateToIso(date);
}

/**
 * The fiscal year (年度, April–March) that contains an ISO date, named by the year it starts in:
 * 2027-03-31 → 2026, 2027-04-01 → 2027.
 */
export function fiscalYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 4 ? year : year - 1;
}

/**
 * Japan Standard Time is UTC+9 all year: Japan has had no summer time since 1951, and the IANA zone
 * Asia/Tokyo has no rule after it. So today's date there is the UTC date nine hours on — plain
 * arithmetic, where Intl.DateTimeFormat's zone conversion cost about 0.07 ms a call (the lookup's
 * profile, decision 064, addendum 2). `tests/unit/normalize.test.ts` checks it against Intl.
 */
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Today's calendar date in Asia/Tokyo, whatever the machine's zone. */
export function todayInTokyo(now = new Date()): string {
  return new Date(now.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

const LIST_DATE = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const LIST_DATE_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** 2026/04/01 for a calendar date column (stored at UTC midnight). */
export function formatListDate(value: Date): string {
  return dbDateToIso(value).replaceAll('-', '/');
}

/** 2026/04/01 09:30 for a moment, in Asia/Tokyo. */
export function formatDateTime(value: Date): string {
  return LIST_DATE_TIME.format(value);
}

export function formatMomentDate(value: Date): string {
  return LIST_DATE.format(value);
}

/** '2026-04-01' → 2026/04/01, the lists' form of a calendar date. */
export function formatIsoDate(iso: string): string {
  return iso.replaceAll('-', '/');
}
