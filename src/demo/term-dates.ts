import { halfPeriodDate } from '@/domain/certifications/rules';
import { addDaysIso, fiscalYearOf, todayInTokyo } from '@/lib/dates';

/**
 * The dates of the demo data's and the tests' guarantees, from today's date in Asia/Tokyo (pure apart
 * from the default `today`; no server-only imports: the demo seed, the test factories and the browser
 * tests all read it). Fixed dates would run out: a guarantee is 期間満了 from the day after its
 * 保証期間（至）, and then reissue, 発注者へ送信, 解除, 変更契約 and payments are refused.
 */

/** 大村市 takes electronic certificates for contracts from this date: no demo or test contract is earlier. */
export const ELECTRONIC_FROM = '2026-04-01';

/** The 保証期間 of a current contract ends at least this many days after today. */
export const END_MARGIN_DAYS = 60;

export interface ContractTerm {
  /** 契約日 */
  contractDate: string;
  /** 工期（自） */
  periodStart: string;
  /** 工期（至） */
  periodEnd: string;
  /** 保証期間（自） */
  guaranteeStart: string;
  /** 保証期間（至） */
  guaranteeEnd: string;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const monthOf = (iso: string) => Number(iso.slice(5, 7));
const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);
const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the month `months` after (negative: before) the date's month. */
function firstOfMonth(iso: string, months: number): string {
  const index = yearOf(iso) * 12 + monthOf(iso) - 1 + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/**
 * A public-works contract of the fiscal year that contains today: 契約日 FY-04-10 (today, if that is
 * still ahead; never before ELECTRONIC_FROM), 工期 and 保証期間 from the next day to (FY+1)-03-31. When
 * today is within END_MARGIN_DAYS of that end, the works run on to the next fiscal year's end
 * ((FY+2)-03-31, a two-year contract), so the guarantee is always in force today and for at least
 * END_MARGIN_DAYS more. 2026-11-24 → 2026-04-10, 2026-04-11 … 2027-03-31.
 */
export function currentTerm(today: string = todayInTokyo()): ContractTerm {
  const fy = Math.max(fiscalYearOf(today), yearOf(ELECTRONIC_FROM));
  const contractDate = max(ELECTRONIC_FROM, min(`${fy}-04-10`, today));
  const start = addDaysIso(contractDate, 1);
  let end = `${fy + 1}-03-31`;
  if (addDaysIso(today, END_MARGIN_DAYS) > end) end = `${fy + 2}-03-31`;
  return { contractDate, periodStart: start, periodEnd: end, guaranteeStart: start, guaranteeEnd: end };
}

/**
 * A contract whose 保証期間 has already ended (期間満了 today): it ends on the last day of the month
 * two months before today's month and began on the first of the month five months before that
 * (契約日; never before ELECTRONIC_FROM), 工期 and 保証期間 from the next day; it was concluded a week
 * after its 契約日, at 10:00 in Tokyo (`concludedAt`, passed as the conclusion's `now`).
 * 2026-11-24 → 2026-04-01, 2026-04-02 … 2026-09-30, concluded 2026-04-08.
 * Defined from 2026-06-01 on (earlier there is no ended contract after ELECTRONIC_FROM): RangeError.
 */
export function endedTerm(today: string = todayInTokyo()): ContractTerm & { concludedAt: Date } {
  const end = addDaysIso(firstOfMonth(today, -1), -1);
  const contractDate = max(ELECTRONIC_FROM, firstOfMonth(end, -5));
  const start = addDaysIso(contractDate, 1);
  if (end < addDaysIso(start, 28)) throw new RangeError(`endedTerm: no ended contract after ${ELECTRONIC_FROM} on ${today}`);
  return {
    contractDate,
    periodStart: start,
    periodEnd: end,
    guaranteeStart: start,
    guaranteeEnd: end,
    concludedAt: tokyoMoment(addDaysIso(contractDate, 7), '10:00'),
  };
}

/**
 * A contract signed `daysAgo` days before today (the demo's 契約台帳: how long a certificate has been
 * awaited), its 工期 from the next day to currentTerm's end, so it runs today and for END_MARGIN_DAYS
 * more at least. Not bound to ELECTRONIC_FROM: the register holds any contract of the orderer.
 * (30, 2026-12-06) → 契約日 2026-11-06, 工期 2026-11-07 … 2027-03-31.
 */
export function signedDaysAgo(daysAgo: number, today: string = todayInTokyo()): Pick<ContractTerm, 'contractDate' | 'periodStart' | 'periodEnd'> {
  const contractDate = addDaysIso(today, -daysAgo);
  return { contractDate, periodStart: addDaysIso(contractDate, 1), periodEnd: currentTerm(today).periodEnd };
}

/** The first day on which halfPassedTerm has a contract (one from ELECTRONIC_FROM, its 工期 to 2026-08-31). */
export const HALF_PASSED_FROM = '2026-06-17';

/**
 * A contract still running today whose 工期 has passed its half (halfPeriodDate) on or before today, so
 * that a 中間前払金 認定 can be requested on it today: 契約日 the first of the month six months before
 * today's month (never before ELECTRONIC_FROM), 工期 and 保証期間 from the next day to the last day of the
 * month in which today + END_MARGIN_DAYS falls (in force today and END_MARGIN_DAYS more at least);
 * concluded a week after its 契約日 at 10:00 in Tokyo (`concludedAt`, passed as the conclusion's `now`).
 * 2026-12-06 → 2026-06-01, 2026-06-02 … 2027-02-28, half passed on 2026-10-16, concluded 2026-06-08.
 * Early in 大村市's first year the 工期 from ELECTRONIC_FROM has not yet passed its half: defined from
 * HALF_PASSED_FROM on (RangeError before).
 */
export function halfPassedTerm(today: string = todayInTokyo()): ContractTerm & { concludedAt: Date } {
  const contractDate = max(ELECTRONIC_FROM, firstOfMonth(today, -6));
  const start = addDaysIso(contractDate, 1);
  const end = addDaysIso(firstOfMonth(addDaysIso(today, END_MARGIN_DAYS), 1), -1);
  if (halfPeriodDate(start, end) > today || addDaysIso(contractDate, 7) > today) {
    throw new RangeError(`halfPassedTerm: no contract after ${ELECTRONIC_FROM} has passed its half on ${today}`);
  }
  return {
    contractDate,
    periodStart: start,
    periodEnd: end,
    guaranteeStart: start,
    guaranteeEnd: end,
    concludedAt: tokyoMoment(addDaysIso(contractDate, 7), '10:00'),
  };
}

/** The moment of a Tokyo wall-clock time on a calendar date: ('2027-03-31', '23:59:59') → 2027-03-31T14:59:59Z. */
export function tokyoMoment(iso: string, time = '00:00:00'): Date {
  return new Date(`${iso}T${time}+09:00`);
}
