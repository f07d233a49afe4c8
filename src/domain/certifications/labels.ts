import { formatYen } from '@/lib/money';
import { formatBasisPoints } from '@/lib/percent';
import { formatJapaneseDateShort as japaneseDate } from '@/lib/wareki';

/**
 * The 中間前払金 認定's Japanese words: the request form's field names and the messages of its rules
 * (rules.ts), used by the rules, the screens and the tests alike, so a wording change is one edit.
 */

/** The request's fields as the form and the messages write them; the keys are the form's field names. */
export const CERTIFICATION_FIELD_LABEL = {
  reportedOn: '報告日',
  plannedProgress: '予定工程（％）',
  actualProgress: '実施工程（％）',
  workDoneAmount: '既に行われた作業に要する経費（出来高）',
  requestedAmount: '中間前払金の請求予定額',
  noPartialPayment: '部分払を請求していない旨の申出',
} as const;
export type CertificationField = keyof typeof CERTIFICATION_FIELD_LABEL;

/** A ratio of the 請負金額 as the orderer's rules hold it (2/10). */
export interface Ratio {
  numerator: number;
  denominator: number;
}

const ratioText = (r: Ratio) => `${r.numerator}/${r.denominator}`;
const yen = (amount: bigint) => `${formatYen(amount)}円`;
const pct = (bp: number) => `${formatBasisPoints(bp)}％`;

export const CERTIFICATION_MESSAGES = {
  /** Condition 1 (工期の2分の1を経過していること), refused on the day before the first day it holds. */
  beforeHalf: (halfDate: string, period: { start: string; end: string; days: number }) =>
    `工期の2分の1を経過する${japaneseDate(halfDate)}から請求できます（工期 ${japaneseDate(period.start)}〜${japaneseDate(period.end)}、${period.days}日）。`,
  periodEnded: (periodEnd: string) => `工期（至）${japaneseDate(periodEnd)}を過ぎているため、中間前払金の認定は請求できません。`,
  reportedAfterToday: (today: string) => `報告日は今日（${japaneseDate(today)}）以前の日付にしてください。`,
  reportedBeforeHalf: (halfDate: string) =>
    `報告日は、工期の2分の1を経過した${japaneseDate(halfDate)}以後の日付にしてください（それまでに実施すべき作業が行われたことを報告日の工程で確認します）。`,
  progressRange: (field: 'plannedProgress' | 'actualProgress') =>
    `${CERTIFICATION_FIELD_LABEL[field].replace('（％）', '')}は0から100までの数で、小数第2位まで入力してください。`,
  workDoneNegative: '既に行われた作業に要する経費は0円以上にしてください。',
  workDoneAboveContract: (contractAmount: bigint) => `既に行われた作業に要する経費は、請負金額（${yen(contractAmount)}）以下にしてください。`,
  /** Condition 3: the smallest amount that meets it is named (the half, rounded up to the yen). */
  workDoneBelowHalf: (halfYen: bigint) => `既に行われた作業に要する経費が請負金額の2分の1（${yen(halfYen)}）以上の場合に請求できます。`,
  requestedNotPositive: '中間前払金の請求予定額は1円以上にしてください。',
  requestedAboveLimit: (ordererName: string, limit: Ratio, limitYen: bigint) =>
    `${ordererName}の中間前払金は、請負金額の${ratioText(limit)}（${yen(limitYen)}）以下にしてください。`,
  requestedAboveCombined: (ordererName: string, limit: Ratio, limitYen: bigint, advanceAmount: bigint) => {
    const rest = limitYen - advanceAmount;
    const tail = rest > 0n ? `中間前払金は${yen(rest)}まで請求できます` : '中間前払金を請求する余地がありません';
    return `${ordererName}の前払金と中間前払金の合計は、請負金額の${ratioText(limit)}（${yen(limitYen)}）以下にしてください（前払金保証 ${yen(advanceAmount)}のため、${tail}）。`;
  },
  noPartialPayment: '部分払を請求していないこと（中間前払金の支払を請求した場合は部分払を請求しないこと）を確認してください。',
  /** Condition 2 is the clerk's to judge against the 工程表: shown to the clerk, never a refusal. */
  progressBehind: (plannedBp: number, actualBp: number) =>
    `実施工程（${pct(actualBp)}）が予定工程（${pct(plannedBp)}）を下回っています。工程表で、工期の2分の1を経過するまでに実施すべき作業が行われているか確認してください。`,
} as const;

/** The 中間前払金認定調書's words built by the domain (document.ts); the PDF's own wording is in src/pdf/certification-document.ts. */
export const CERTIFICATION_DOCUMENT_LABELS = {
  /** Before the 代表者's address and name under a JV's name. */
  representative: '代表者',
} as const;
