import { limitYen } from '@/domain/applications/rules';
import type { FieldErrors } from '@/domain/result';
import { addDaysIso, isoDateToDb } from '@/lib/dates';
import { WHOLE_BASIS_POINTS } from '@/lib/percent';
import { eraOf } from '@/lib/wareki';
import { CERTIFICATION_MESSAGES as M, type CertificationField, type Ratio } from './labels';

/**
 * The 中間前払金 認定's rules (pure: no database, no clock — `today` is passed in). The conditions are
 * those every municipal rule restates from 地方自治法施行規則附則第3条 (大村市's page: 「1. 工期の2分の1を
 * 経過していること。2. 工程表により工期の2分の1を経過するまでに実施すべきものとされている当該工事に係る
 * 作業が行われていること。3. 既に行われた当該工事に係る作業に要する経費が請負金額の2分の1以上の額に
 * 相当するものであること。」); the amounts are bounded by the orderer's rules as data (2/10, and 6/10
 * with the 前払金). Condition 2 is the clerk's judgement of the 工程表: shown, never refused here.
 * docs/research/issue-16.md A4 and D11–D12; decision 066.
 */

export type { Ratio } from './labels';

/** The 工期's length in days, both ends counted: 2026-06-16 … 2027-02-28 → 258. */
export function periodDays(periodStart: string, periodEnd: string): number {
  return Math.round((isoDateToDb(periodEnd).getTime() - isoDateToDb(periodStart).getTime()) / 86_400_000) + 1;
}

/**
 * The first day on which half of the 工期 has passed: for a 工期 of D days (both ends counted),
 * periodStart + ⌈D/2⌉ days — day ⌈D/2⌉ + 1 of the 工期. つるぎ町's example: 「工期が6月16日から翌年2月28日
 * までの258日間であり、工期の2分の1である129日を経過した日は、6月16日から130日目の10月23日となるので、
 * 認定請求はこの日以後にしかできません。」 For an odd D the half (129.5 days of 259) has passed only when
 * day 130 has ended, so the day is again ⌈D/2⌉ + 1.
 */
export function halfPeriodDate(periodStart: string, periodEnd: string): string {
  return addDaysIso(periodStart, Math.ceil(periodDays(periodStart, periodEnd) / 2));
}

/** `ratio` of `amount`, rounded down to the yen: the largest amount within an upper bound (the applications' rule). */
export function boundYen(amount: bigint, ratio: Ratio): bigint {
  return limitYen(amount, ratio, 'MAX');
}

/** Half the 請負金額, rounded up: the smallest 出来高 that meets condition 3 (workDone × 2 ≥ 請負金額). */
export const halfOfContract = (contractAmount: bigint) => (contractAmount + 1n) / 2n;

/** A request for a 認定 as the rules see it: dates ISO (Asia/Tokyo), money in yen, progress in 0.01 %. */
export interface CertificationRequestFacts {
  /** The contract as it stands at the request (the 前払金保証's current values: 請負金額 as changed). */
  periodStart: string;
  periodEnd: string;
  contractAmount: bigint;
  /** The 前払金保証's 保証金額: the 前払金 the combined limit counts. */
  advanceAmount: bigint;
  /** 報告日: the day the 工事履行報告書's progress is reported at. */
  reportedOn: string;
  /** 予定工程 and 実施工程 at the report date, in basis points (4850 = 48.5 %). */
  plannedProgressBp: number;
  actualProgressBp: number;
  /** 既に行われた当該工事に係る作業に要する経費 (出来高; inspected materials on site may count). */
  workDoneAmount: bigint;
  /** 中間前払金の請求予定額. */
  requestedAmount: bigint;
  /** 部分払を請求していない旨（and that none will be asked once the 中間前払金 is）の申出. */
  noPartialPayment: boolean;
  /** The orderer as users know it (大村市), named in messages. */
  ordererName: string;
  /** The orderer's bound on the 中間前払金 (2/10); null: none. */
  intermediateLimit: Ratio | null;
  /** The orderer's bound on 前払金 + 中間前払金 (6/10); null: none. */
  combinedLimit: Ratio | null;
}

/**
 * The largest 請求予定額 the orderer's bounds allow: the 中間前払金 bound, and the combined bound less
 * the 前払金 (never below 0); null when the orderer sets neither. For the form's hint and the message.
 */
export function requestableAmount(facts: Pick<CertificationRequestFacts, 'contractAmount' | 'advanceAmount' | 'intermediateLimit' | 'combinedLimit'>): bigint | null {
  const bounds: bigint[] = [];
  if (facts.intermediateLimit) bounds.push(boundYen(facts.contractAmount, facts.intermediateLimit));
  if (facts.combinedLimit) {
    const rest = boundYen(facts.contractAmount, facts.combinedLimit) - facts.advanceAmount;
    bounds.push(rest > 0n ? rest : 0n);
  }
  return bounds.length === 0 ? null : bounds.reduce((a, b) => (b < a ? b : a));
}

const inProgressRange = (bp: number) => Number.isInteger(bp) && bp >= 0 && bp <= WHOLE_BASIS_POINTS;

/**
 * Every rule of a request for a 認定 on `today`; errors keyed by the form field a user must change
 * (reportedOn, plannedProgress, actualProgress, workDoneAmount, requestedAmount, noPartialPayment).
 * The 工期's own rules (start ≤ end) were checked when the 前払金保証 was applied for.
 */
export function checkRequest(facts: CertificationRequestFacts, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: CertificationField, message: string) => (errors[field] ??= []).push(message);

  // Condition 1 holds from the half day on, and only while the works run. Neither is the report
  // date's fault, but the report date is the field beside which the form shows the half day.
  const half = halfPeriodDate(facts.periodStart, facts.periodEnd);
  if (today < half) {
    add('reportedOn', M.beforeHalf(half, { start: facts.periodStart, end: facts.periodEnd, days: periodDays(facts.periodStart, facts.periodEnd) }));
  } else if (today > facts.periodEnd) {
    add('reportedOn', M.periodEnded(facts.periodEnd));
  } else if (facts.reportedOn > today) {
    add('reportedOn', M.reportedAfterToday(today));
  } else if (facts.reportedOn < half) {
    // Condition 2 asks whether the work due by the half day was done: a report from before that day
    // cannot show it.
    add('reportedOn', M.reportedBeforeHalf(half));
  }

  if (!inProgressRange(facts.plannedProgressBp)) add('plannedProgress', M.progressRange('plannedProgress'));
  if (!inProgressRange(facts.actualProgressBp)) add('actualProgress', M.progressRange('actualProgress'));

  if (facts.workDoneAmount < 0n) add('workDoneAmount', M.workDoneNegative);
  else if (facts.workDoneAmount > facts.contractAmount) add('workDoneAmount', M.workDoneAboveContract(facts.contractAmount));
  else if (facts.workDoneAmount * 2n < facts.contractAmount) add('workDoneAmount', M.workDoneBelowHalf(halfOfContract(facts.contractAmount)));

  if (facts.requestedAmount <= 0n) {
    add('requestedAmount', M.requestedNotPositive);
  } else {
    // One message, of the bound that binds: it names the amount to type.
    const own = facts.intermediateLimit ? boundYen(facts.contractAmount, facts.intermediateLimit) : null;
    const combined = facts.combinedLimit ? boundYen(facts.contractAmount, facts.combinedLimit) : null;
    const combinedRest = combined === null ? null : combined - facts.advanceAmount;
    const overOwn = own !== null && facts.requestedAmount > own;
    const overCombined = combinedRest !== null && facts.requestedAmount > combinedRest;
    if (overCombined && (!overOwn || combinedRest! < own!)) {
      add('requestedAmount', M.requestedAboveCombined(facts.ordererName, facts.combinedLimit!, combined!, facts.advanceAmount));
    } else if (overOwn) {
      add('requestedAmount', M.requestedAboveLimit(facts.ordererName, facts.intermediateLimit!, own!));
    }
  }

  if (!facts.noPartialPayment) add('noPartialPayment', M.noPartialPayment);
  return errors;
}

/**
 * Condition 2 as the clerk is told it: the 実施工程 below the 予定工程 at the report date (the clerk
 * judges against the 工程表 whether the work due by the half day was done). null when not behind.
 */
export function progressWarning(plannedBp: number, actualBp: number): string | null {
  return actualBp < plannedBp ? M.progressBehind(plannedBp, actualBp) : null;
}

/**
 * The 認定番号 as printed: 年度 in 和暦 and the serial within the orderer's year — (2026, 12) →
 * 「令和8年度第12号」. A 年度 is named by the era that holds the end of its first calendar year, as
 * public bodies name them: 2019 (April 2019 – March 2020, begun under 平成) → 「令和元年度」, 2018 →
 * 「平成30年度」.
 */
export function certificationNumberLabel(fiscalYear: number, serial: number): string {
  if (!Number.isInteger(fiscalYear) || !Number.isInteger(serial) || serial < 1) {
    throw new RangeError(`certificationNumberLabel: no number for year ${fiscalYear}, serial ${serial}`);
  }
  const era = eraOf(`${String(fiscalYear).padStart(4, '0')}-12-31`);
  if (!era) return `${fiscalYear}年度第${serial}号`;
  const eraYear = fiscalYear - era.startYear + 1;
  return `${era.name}${eraYear === 1 ? '元' : eraYear}年度第${serial}号`;
}
