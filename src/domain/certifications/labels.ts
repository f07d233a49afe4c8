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
  /** The portal as the document's closing sentence names it. */
  portalName: '電子保証ポータル',
} as const;

/** The files of a request: 工事履行報告書 and the like, PDF only (D18). */
export const CERTIFICATION_FILES = {
  min: 1,
  max: 3,
  /** 10 MB each. */
  maxBytes: 10 * 1024 * 1024,
  /** The longest file name kept (longer ones are cut before the .pdf). */
  maxNameLength: 200,
} as const;

/** The request's other fields, and the decision's, as the forms and messages write them. */
export const CERTIFICATION_FORM_LABEL = {
  guaranteeNumber: '前払金保証の保証契約番号',
  files: '添付ファイル（工事履行報告書など）',
  note: '連絡事項',
  decision: '認定・不認定',
  decisionNote: '付記',
  refusalReason: '不認定の理由',
} as const;

/** What the request, the withdrawal and the decision refuse, at their field ('' for the whole form). */
export const CERTIFICATION_USE_CASE_MESSAGES = {
  guaranteeNotFound: '保証契約番号に該当する前払金保証が見つかりません。保証工事一覧の番号をご確認ください。',
  notAdvance: '中間前払金の認定は、前払金保証の契約について請求できます。前払金保証の保証契約番号を入力してください。',
  notActive: 'この前払金保証は有効でない（解除または期間満了）ため、中間前払金の認定は請求できません。',
  notWorks: '中間前払金は工事の契約に限られます。この前払金保証の契約は工事ではありません。',
  liveExists: 'この前払金保証には、認定待ちまたは認定済みの中間前払金の認定があります。',
  noDepartment: '認定を行う発注者の担当課が決まっていないため請求できません。発注者にお問い合わせください。',
  filesCount: '添付ファイルを1〜3件、PDFで添付してください（工事履行報告書など）。',
  fileNotPdf: (name: string) => `「${name}」はPDFではありません。PDFファイル（.pdf）を添付してください。`,
  fileTooLarge: (name: string) => `「${name}」が10MBを超えています。10MB以下のPDFにしてください。`,
  fileEmpty: (name: string) => `「${name}」は空のファイルです。`,
  fileName: 'ファイル名が正しくありません。名前を付け直して添付してください。',
  fileNameLength: 'ファイル名が長すぎます。短い名前を付け直して添付してください。',
  noteLength: '連絡事項は1000文字以内で入力してください。',
  noteControl: '連絡事項に使用できない文字が含まれています。',
  decisionChoice: '認定するか不認定とするかを選んでください。',
  refusalReasonRequired: '不認定の理由を入力してください。',
  refusalReasonLength: '不認定の理由は1000文字以内で入力してください。',
  refusalReasonControl: '不認定の理由に使用できない文字が含まれています。文字と改行だけを入力し直してください。',
  decisionNoteLength: '付記は200文字以内で入力してください（認定調書に印字します）。',
  decisionNoteControl: '付記は改行せずに入力してください（認定調書に印字します）。',
  decisionNoteUnprintable: (chars: string) => `付記に、認定調書に印字できない文字が含まれています（${chars}）。別の文字に置き換えてください。`,
  unprintable: '認定調書を作成できない文字が請求の内容に含まれているため、認定できません。保証会社にお問い合わせください。',
  alreadyDecided: { CERTIFIED: 'この請求はすでに認定されています。', REFUSED: 'この請求はすでに不認定とされています。', WITHDRAWN: 'この請求はすでに取り下げられています。' },
  stale: '他の操作と重なったため処理できませんでした。画面を更新してからもう一度お試しください。',
  advanceNotActive: '前払金保証が有効でない（解除または期間満了）ため、認定できません。',
  /** At 認定: the request no longer passes the rules on the guarantee's current contract or the orderer's current bounds. */
  noLongerMet: (reasons: readonly string[]) =>
    `請求の後に契約の内容（工期・請負金額）または発注者の上限が変わり、この請求は中間前払金の要件を満たさなくなったため、認定できません。${reasons.join('')}不認定とするか、受注者に請求の取下げと請求のし直しを依頼してください。`,
  ordererInactive: '発注者が現在受付を行っていないため、中間前払金の認定は請求できません。発注者にお問い合わせください。',
  ordererInactiveAtDecision: '発注者が現在受付を行っていないため、認定できません。保証会社にお問い合わせください。',
  notWithdrawable: { CERTIFIED: '認定済みの請求は取り下げられません。', REFUSED: '不認定とされた請求は取り下げられません。', WITHDRAWN: 'この請求はすでに取り下げられています。' },
  /** withdrawnReason when the 前払金保証's 解除 withdrew the request. */
  withdrawnByCancel: '前払金保証の解除',
} as const;
