import { CHANGE_FIELD_LABEL, CHANGE_META_LABEL, REASON_NOTE_TEXT, type ReasonNote } from '@/domain/changes/rules';

/** The officers' 保証の管理 and 変更契約 screens. */
export const OFFICER_GUARANTEE_LABELS = {
  meta: (number: string) => `保証の管理（${number}）`,
  /** The breadcrumb back to the officers' 保証一覧 (/admin/guarantees). */
  guarantees: '保証一覧',
  toApplication: '申込内容と解除',
  toChange: '変更契約を登録',
  toPayment: '保証料の入金',
  contractor: '受注者',
  orderer: '発注者',
  status: '状態',
  premium: '保証料（現在）',
  termsTitle: '現在の契約内容',
  termsLead: '変更契約（記録のみのものを含む）を反映した現在の内容です。電子証書は最新の版を表示します。',
  issuedOn: '証書発行日（第1版）',
  saved: {
    issued: (version: number) => `変更契約を登録し、電子証書の第${version}版（変更）を発行しました。受注者と確認済みの発注者にメールで通知しました。`,
    recorded: (note: ReasonNote) => `変更契約を登録しました。保証証書は発行していません（【${note}】）。受注者と確認済みの発注者にメールで通知しました。`,
  },
  certificateTitle: '電子証書（最新の版）',
  /** The lapse watcher (decision 075): what an orderer's 契約台帳 now needs; each need's sentence is the domain's (lapseSentence). */
  lapse: {
    title: '発注者の契約の変更に伴い必要な変更契約',
    lead: (ordererName: string) =>
      `${ordererName}の契約台帳で、この保証の工事の契約が変更されました。次の変更契約が必要です。受注者からの申込みを受けて、これを満たす変更契約を登録すると、この表示は消えます。`,
    raisedOn: (date: string) => `（${date}の契約台帳の変更から）`,
    contractorNotShown: '契約台帳の受注者が保証証書の受注者と異なるため、受注者にはこの変更契約を表示していません。照合の誤りの可能性があります。',
  },
  // The 変更契約 form
  changeMeta: '変更契約の登録',
  changeTitle: '変更契約の登録',
  changeLead:
    '変更契約の内容を入力してください。現在の内容が入力されています。変更する項目だけを書き換え、変更契約日と変更理由を入力して「内容を確認」を押してください。電子証書を発行するかどうかは、証書の注記【注1】〜【注3】に従って自動で判定されます。',
  notActive: '解除または期間満了のため、この保証には変更契約を登録できません。',
  field: CHANGE_FIELD_LABEL,
  meta2: CHANGE_META_LABEL,
  amountHint: '円単位（例: 45,000,000）',
  current: (value: string) => `現在: ${value}`,
  preview: '内容を確認',
  previewing: '確認中…',
  commit: '変更契約を登録',
  committing: '登録中…',
  decisionTitle: '登録の内容（確認）',
  decisionIssue: (version: number) => `電子証書の第${version}版（変更）を発行します。保証契約番号と認証キーは変わりません。【注1】`,
  decisionIssuePaper: (version: number) => `保証証書の第${version}版（変更）を発行します（書面の保証証書は別途郵送）。保証契約番号は変わりません。【注1】`,
  decisionRecordOnly: (note: ReasonNote) => `保証証書は発行せず、変更の記録のみを残します。${REASON_NOTE_TEXT[note]}`,
  decisionFields: '変更する項目',
  premiumTitle: '保証料の再計算（本日の料率表）',
  premiumCaption: '変更後の保証料の計算明細',
  noPremium: '保証金額・保証期間の変更がないため、保証料は変わりません。',
  demoRates: 'デモ用料率',
  commitLead: 'この内容でよければ「変更契約を登録」を押してください。受注者と、この電子証書を確認済みの発注者にメールで通知します。',
  back: '保証の管理へ戻る',
} as const;
