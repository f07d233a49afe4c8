import { KEYSET_PAGING_LABELS } from '@/components/common-labels';
import { CERTIFICATION_FIELD_LABEL, CERTIFICATION_FORM_LABEL } from '@/domain/certifications/labels';
import type { CertificationStatusFilter } from '@/domain/certifications/list-params';
import type { CertificationStatus } from '@/generated/prisma/enums';
import { formatYen } from '@/lib/money';
import { formatBasisPoints } from '@/lib/percent';
import { formatJapaneseDateShort as wareki } from '@/lib/wareki';

/**
 * The 中間前払金 認定's screens (docs/research/issue-16.md B6, decision 067): the contractor's list,
 * request form and detail, the certifying department's list and decision, the officers' read-only
 * views. One module for the three sides, as they show one record; used by the pages and the e2e specs.
 */

const yen = (amount: bigint) => `${formatYen(amount)}円`;
const pct = (bp: number) => `${formatBasisPoints(bp)}％`;

export const CERTIFICATION_STATUS_LABEL: Record<CertificationStatus, string> = {
  REQUESTED: '認定待ち',
  CERTIFIED: '認定',
  REFUSED: '不認定',
  WITHDRAWN: '取下げ',
};

export const CERTIFICATION_LABELS = {
  ...KEYSET_PAGING_LABELS,
  title: '中間前払金の認定',
  meta: '中間前払金の認定',
  status: CERTIFICATION_STATUS_LABEL,
  none: '—',
  columns: {
    requestedAt: '請求日',
    project: '工事名',
    orderer: '発注者',
    department: '担当課',
    contractor: '受注者',
    contractAmount: '請負金額',
    requestedAmount: '請求予定額',
    status: '状態',
    number: '認定番号',
    advance: '前払金保証',
  },
  paging: '中間前払金の認定のページ',

  // 受注者: 一覧
  contractorLead:
    '前払金保証を受けている工事について、発注者に中間前払金の認定を請求できます。認定されると、認定に基づいて中間前払金保証を申し込めます。',
  contractorHowTo: '認定を請求するには、保証工事一覧から前払金保証の保証証書を開き、「中間前払金の認定を請求」を押してください。',
  toGuarantees: '保証工事一覧へ',
  contractorEmpty: '認定の請求はまだありません。',
  filter: '状態',
  allStatuses: 'すべて',
  show: '表示',

  // 受注者: 請求フォーム
  newMeta: '中間前払金の認定を請求',
  newTitle: '中間前払金の認定を請求',
  newLead: '工事履行報告書などにより、中間前払金の支払の条件を満たしていることを発注者に確認してもらいます。',
  contractTitle: '契約の内容（前払金保証のとおり）',
  contractNote: '前払金保証の内容から表示しています。変更はできません。',
  contract: {
    orderer: '発注者',
    projectName: '工事名',
    projectLocation: '工事場所',
    contractDate: '契約日',
    period: '工期',
    contractAmount: '請負金額（現在）',
    advance: '前払金保証（保証契約番号・保証金額）',
    halfDate: '工期の2分の1を経過する日',
  },
  periodText: (start: string, end: string, days: number) => `${wareki(start)}〜${wareki(end)}（${days}日）`,
  halfDateText: (half: string, days: number) => `${wareki(half)}（工期${days}日）`,
  advanceText: (number: string, amount: bigint) => `${number}（${yen(amount)}）`,
  figuresTitle: '請求の内容',
  field: { ...CERTIFICATION_FIELD_LABEL, files: '添付書類（PDF）', note: CERTIFICATION_FORM_LABEL.note },
  hint: {
    reportedOn: (half: string) => `工事履行報告書の日付。工期の2分の1を経過した${wareki(half)}以後、今日までの日付です。`,
    plannedProgress: '工程表上、報告日までに実施すべきとされている工程の割合',
    actualProgress: '報告日までに実際に実施した工程の割合',
    workDoneAmount: (half: bigint) =>
      `請負金額の2分の1（${yen(half)}）以上で請求できます。現場に搬入済みで検査を受けた材料を含めることができます。`,
    requestedAmount: (max: bigint | null, limits: string) => (max === null ? '発注者の定める上限の範囲で入力してください。' : `上限 ${yen(max)}（${limits}）`),
    files: '工事履行報告書などのPDF。1ファイル10MBまで、3ファイルまで。',
    note: '発注者への連絡事項があれば入力してください。',
  },
  limitsText: (intermediate: string | null, combined: string | null) =>
    [intermediate ? `請負金額の${intermediate}` : null, combined ? `前払金との合計は請負金額の${combined}まで` : null].filter(Boolean).join('。'),
  filesTitle: '添付書類・連絡事項',
  chooseFiles: 'PDFファイルを選ぶ',
  noPartialPayment: 'この工事について部分払を請求していません。中間前払金の支払を請求した場合、部分払は請求しません。',
  noPartialPaymentHint: '中間前払金と部分払は併用できません（部分払を請求していない旨の申出）。',
  submit: '認定を請求する',
  submitting: '送信中…',
  cannotRequest: 'この前払金保証では、中間前払金の認定を請求できません。',
  backToGuarantee: '保証証書へ戻る',
  fileTooLarge: (name: string) => `「${name}」が10MBを超えています。10MB以下のPDFにしてください。`,
  tooManyFiles: '添付できるファイルは3つまでです。',

  // 受注者: 詳細
  detailMeta: '中間前払金の認定',
  banner: {
    REQUESTED: (orderer: string, department: string) => `${orderer} ${department}が確認しています。`,
    CERTIFIED: (certifiedOn: string, number: string) => `${wareki(certifiedOn)}に認定されました（認定番号 ${number}）。`,
    REFUSED: (reason: string) => `不認定となりました。理由：${reason}`,
    WITHDRAWN: '取り下げました。',
    WITHDRAWN_BY_CANCEL: '前払金保証の解除により取り下げられました。',
  },
  saved: {
    requested: '中間前払金の認定を請求しました。発注者の担当課にメールでお知らせしました。',
    withdrawn: '認定の請求を取り下げました。',
    certified: '認定しました。',
    refused: '不認定としました。',
  } as Record<string, string>,
  documentLink: '中間前払金認定調書（PDF）',
  applyLink: '中間前払金保証を申し込む',
  applyColumn: '保証の申込',
  requestAgain: 'あらためて請求する',
  withdraw: '請求を取り下げる',
  withdrawing: '取り下げています…',
  withdrawConfirm: 'この認定の請求を取り下げます。よろしいですか。',

  // 詳細の項目
  requestTitle: '請求',
  request: {
    contractor: '受注者',
    orderer: '発注者',
    department: '認定の担当課',
    requestedAt: '請求日時',
    requestedBy: '請求者',
    status: '状態',
    number: '認定番号',
    certifiedOn: '認定日',
    decidedAt: '決定日時',
    decidedBy: '決定者',
    decisionNote: '付記',
    refusalReason: '不認定の理由',
    withdrawnAt: '取下げ日時',
    withdrawnReason: '取下げの理由',
  },
  figures: {
    reportedOn: '報告日',
    progress: '工程',
    progressText: (planned: number, actual: number) => `予定 ${pct(planned)} / 実施 ${pct(actual)}`,
    workDone: '既に行われた作業に要する経費（出来高）',
    workDoneText: (amount: bigint, share: number | null) => (share === null ? yen(amount) : `${yen(amount)}（請負金額の${pct(share)}）`),
    requested: '中間前払金の請求予定額',
    noPartialPayment: '部分払',
    noPartialPaymentText: (v: boolean) => (v ? '請求していない旨の申出あり' : '申出なし'),
    note: '連絡事項',
  },
  checks: {
    half: (half: string, passed: boolean) => `${wareki(half)}（${passed ? '経過 ✓' : '未経過'}）`,
    workDone: (share: number | null, met: boolean) => `${share === null ? '' : `${pct(share)}（`}${met ? '請負金額の2分の1以上 ✓' : '請負金額の2分の1未満'}${share === null ? '' : '）'}`,
    workDoneLabel: '出来高の割合',
  },
  attachmentsTitle: '添付書類',
  attachmentSize: (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`),
  attachmentLink: (name: string) => `${name}（PDF）`,
  noAttachments: '添付書類はありません。',
  concluded: 'この認定に基づく中間前払金保証が締結されています。',

  // 発注者: 一覧
  ordererLead: '受注者から請求された中間前払金の認定です。請求を開き、工事履行報告書などを確認して決定してください。',
  ordererEmpty: {
    REQUESTED: '認定を待っている請求はありません。',
    CERTIFIED: '認定済みの請求はありません。',
    REFUSED: '不認定とした請求はありません。',
    WITHDRAWN: '取り下げられた請求はありません。',
    all: '請求はありません。',
  } satisfies Record<CertificationStatusFilter, string>,
  tabs: 'ステータス',
  tab: {
    REQUESTED: (n: number | null) => (n === null ? '認定待ち' : `認定待ち（${n}）`),
    CERTIFIED: '認定済み',
    REFUSED: '不認定',
    WITHDRAWN: '取下げ',
    all: 'すべて',
  },
  noDepartment: '所属する課が登録されていないため、認定の請求は表示されません。保証会社にお問い合わせください。',
  halfDateColumn: '工期の2分の1',
  homePanel: (n: number) => `中間前払金の認定を待っている請求が ${n} 件あります。`,
  homeLink: '中間前払金の認定へ',

  // 発注者: 決定
  decisionTitle: '決定',
  decisionLegend: '認定・不認定',
  decision: { CERTIFY: '認定する', REFUSE: '認定しない' },
  decisionNote: '理由・付記',
  decisionNoteHint: '認定しない場合は理由を入力してください（受注者に通知します）。認定する場合の付記は認定調書に印字されます（200文字以内、改行なし）。',
  decide: '決定する',
  deciding: '決定しています…',
  decideConfirm: '決定すると受注者にメールでお知らせします。認定すると認定番号が付き、中間前払金認定調書が交付されます。',
  certifiedSaved: (number: string) => `認定しました（${number}）。`,
  /** The clerk's 認定 detail once a 中間前払金保証 was concluded from it (no number: the guarantee is the contractor's). */
  guaranteeConcluded: 'この認定に基づく中間前払金保証が締結されています。',
  progressWarningTitle: '確認してください',

  // 保証会社
  adminLead: '受注者が請求した中間前払金の認定です（閲覧のみ）。',
  adminEmpty: '中間前払金の認定の請求はありません。',

  // 保証証書からのリンク
  requestFromGuarantee: '中間前払金の認定を請求',
} as const;
