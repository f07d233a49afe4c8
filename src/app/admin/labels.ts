import type { LIMIT_FIELDS, ROUTE_FIELDS } from '@/domain/organizations/save-orderer';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';

/**
 * Japanese text of the officer's organisation and account screens, in one place: the pages, their
 * forms and the browser tests read it from here, so a change of wording is one edit.
 */

const title = (screen: string) => `${screen} | 電子保証ポータル`;

export { COMMON_LABELS } from '@/components/common-labels';

/** The officers' home: its title and the figures under 対応を待っているもの. */
export const ADMIN_HOME_LABELS = {
  title: 'ホーム',
  meta: title('ホーム（保証会社）'),
  contractors: '受注者',
  contractorsCount: (n: number) => `${n}社`,
  orderers: '発注者',
  orderersCount: (n: number) => `${n}団体`,
  users: 'アカウント',
  usersCount: (n: number, disabled: number) => `${n}件${disabled ? `（無効 ${disabled}件）` : ''}`,
  /** The retention sweep's last run (decision 054), under 最近の操作. */
  retention: {
    title: '保存期間を過ぎた記録の削除',
    never: 'まだ実行されていません（サーバーの起動から約1分後に、以後1日に1回実行します）。',
    lastRun: (at: string, lookups: number, mails: number, audit: number, complete: boolean) =>
      `最終実行 ${at}：照会記録 ${lookups}件、送信メール ${mails}件、操作記録 ${audit}件を削除しました。${complete ? '' : '残りは次回（1時間以内）に削除します。'}`,
  },
} as const;

export const CONTRACTOR_LABELS = {
  listTitle: '受注者（建設会社）',
  listMeta: title('受注者一覧'),
  newTitle: '受注者の新規登録',
  newMeta: title('受注者の新規登録'),
  editTitle: '受注者の編集',
  editMeta: title('受注者の編集'),
  lead: '保証契約者となる建設会社です。会社の所在地と名称は保証証書の「保証契約者」欄に印字されます。',
  newLink: '受注者を登録する',
  searchLabel: '会社名で検索',
  empty: '該当する受注者はありません。',
  columns: { name: '会社名', address: '所在地', users: '利用者数' },
  fields: {
    name: '会社名',
    nameKana: '会社名（カナ）',
    postalCode: '郵便番号',
    address: '所在地',
    phone: '電話番号',
  },
  hints: {
    postalCode: '123-4567 の形で入力します。',
    address: '保証証書の「保証契約者」欄に印字されます。',
  },
  usersHeading: 'この会社のアカウント',
  usersEmpty: 'この会社のアカウントはまだありません。',
  addUser: 'この会社のアカウントを登録する',
} as const;

export const ORDERER_LABELS = {
  listTitle: '発注者',
  listMeta: title('発注者一覧'),
  newTitle: '発注者の新規登録',
  newMeta: title('発注者の新規登録'),
  editTitle: '発注者の編集',
  editMeta: title('発注者の編集'),
  lead: '電子証書を受け取る公共団体です。部署・送付先・電子交付の条件は発注者ごとに設定します。',
  newLink: '発注者を登録する',
  searchLabel: '発注者名で検索',
  empty: '該当する発注者はありません。',
  columns: { name: '発注者名', certificateName: '証書上の名称', departments: '部署数', users: '利用者数' },
  sections: {
    basic: '基本情報',
    electronic: '電子交付の条件',
    submission: '提出方法',
    limits: '保証金額の制限（請負金額に対する割合）',
    certification: '中間前払金の認定',
  },
  fields: {
    name: '発注者名',
    certificateName: '証書上の名称',
    address: '所在地',
    phone: '電話番号',
    electronicFrom: '電子交付の開始日',
    electronicWorkTypes: '対象の工事種別',
    subjectTemplate: '件名のひな形',
    printoutAccepted: '印刷物の提出を受け付ける',
    intermediateRequiresCertification: '中間前払金保証の申込に認定を要する',
    certificationRoute: '認定の担当',
    limitAdvanceCombined: '前払金と中間前払金の合計の上限',
  },
  hints: {
    certificateName: '保証証書の「被保証者」欄に印字されます（例: 大村市長）。',
    electronicFrom: 'この日以降に締結された契約が電子交付の対象です。空欄の場合、電子交付を受け付けません。',
    electronicWorkTypes: '選択した工事種別の契約だけが電子交付の対象です。',
    subjectTemplate: '提出メールの件名です。使える差し込み項目: {区分} {保証契約番号} {工事名}',
    printoutAccepted: '受け付けない場合、受注者には「印刷物は提出しないでください」と案内します。',
    limit: '4/10 のように分数で入力します。空欄の場合は制限しません。',
    routes: '「契約の工事担当課」は、申込みで選ばれた工事担当課に送付します。特定の部署に送る場合は、先に部署を追加してください。',
    intermediateRequiresCertification: '要する場合、受注者は発注者の認定（中間前払金認定調書）を受けてから中間前払金保証を申し込みます。',
    certificationRoute: '受注者からの認定の請求を受けて認定する部署です。「契約の工事担当課」は、前払金保証の申込みで選ばれた工事担当課です。',
    limitAdvanceCombined: '6/10 のように分数で入力します。空欄の場合、合計は制限しません（中間前払金保証の上限だけを見ます）。',
  },
  limits: {
    limitAdvanceWorks: '前払金保証の上限（工事）',
    limitAdvanceConsulting: '前払金保証の上限（建設コンサルタント業務）',
    limitIntermediate: '中間前払金保証の上限',
    limitContractMin: '契約保証の下限',
  } satisfies Record<(typeof LIMIT_FIELDS)[number]['field'], string>,
  routes: {
    routeAdvance: `${GUARANTEE_KIND_LABEL.ADVANCE}の送付先`,
    routeIntermediate: `${GUARANTEE_KIND_LABEL.INTERMEDIATE}の送付先`,
    routeContract: `${GUARANTEE_KIND_LABEL.CONTRACT}の送付先`,
  } satisfies Record<(typeof ROUTE_FIELDS)[number]['field'], string>,
  inactiveDepartment: '（無効）',
  departmentsHeading: '部署',
  departmentsEmpty: 'まだ部署がありません。下の欄から追加してください。',
  departmentColumns: { name: '部署名', kind: '種類', email: 'メールアドレス', status: '状態' },
  addDepartmentHeading: '部署を追加する',
  addDepartment: '部署を追加する',
  departmentAdded: '部署を追加しました。',
  usersHeading: 'この発注者のアカウント',
  usersEmpty: 'この発注者のアカウントはまだありません。',
  addUser: 'この発注者のアカウントを登録する',
} as const;

export const DEPARTMENT_LABELS = {
  editTitle: '部署の編集',
  editMeta: title('部署の編集'),
  fields: { name: '部署名', kind: '部署の種類', email: 'メールアドレス', active: 'この部署を使用する' },
  hints: {
    email: '電子証書の送付先になる場合は必ず入力してください。',
    active: '使用しない部署は、申込みや送付先の選択肢に表示されません。',
  },
  kindPlaceholder: '選択してください',
} as const;

export const USER_LABELS = {
  listTitle: 'アカウント',
  listMeta: title('アカウント一覧'),
  newTitle: 'アカウントの新規登録',
  newMeta: title('アカウントの新規登録'),
  editTitle: 'アカウントの詳細',
  editMeta: title('アカウントの詳細'),
  lead: '受注者・発注者・保証会社の利用者のアカウントです。1人に1つのアカウントを発行します。',
  newLink: 'アカウントを登録する',
  searchLabel: 'お客様ID・氏名・所属で検索',
  roleFilter: '権限',
  allRoles: 'すべて',
  empty: '該当するアカウントはありません。',
  columns: {
    loginId: 'お客様ID',
    name: '氏名',
    role: '権限',
    organization: '所属',
    department: '部署',
    status: '状態',
    failures: '連続失敗回数',
    lastSignIn: '最終ログイン',
  },
  fields: {
    loginId: 'お客様ID',
    name: '氏名',
    email: 'メールアドレス',
    role: '権限',
    organizationId: '所属',
    departmentId: '部署',
  },
  hints: {
    loginId: '半角英数字と . _ @ - で3〜64文字。登録後は変更できません。',
    email: 'お知らせメールの宛先です。',
    organizationId: '権限に合う組織を選択します（受注者→建設会社、発注者→公共団体、保証会社→当社）。',
    departmentId: '発注者の職員だけが選択します。',
  },
  choose: '選択してください',
  noDepartment: '（なし）',
  details: {
    heading: 'アカウント情報',
    loginId: 'お客様ID',
    role: '権限',
    organization: '所属',
    status: '状態',
    failures: '連続失敗回数',
    lastSignIn: '最終ログイン',
    passwordChangedAt: 'パスワード変更日時',
    createdAt: '登録日時',
  },
  editHeading: '氏名・連絡先',
  neverSignedIn: '未ログイン',
  created: {
    heading: 'アカウントを登録しました',
    loginId: 'お客様ID',
    password: '初期パスワード',
    open: '登録したアカウントを表示する',
  },
  passwordOnce: 'このパスワードは今回だけ表示されます。利用者に安全な方法でお伝えください。',
  status: {
    heading: '利用の停止',
    disabledNote: 'このアカウントは無効です。ログインできません。',
    enabledNote: '無効にすると、このアカウントではログインできなくなり、ログイン中のセッションも終了します。',
    disable: '無効にする',
    enable: '有効にする',
    pending: '処理中…',
    disabled: 'アカウントを無効にしました。',
    enabled: 'アカウントを有効にしました。',
    self: 'ご自身のアカウントは無効にできません。',
  },
  reset: {
    heading: 'パスワードの再発行',
    lead: '新しいパスワードを発行します。これまでのパスワードは使えなくなり、ログイン中のセッションも終了します。連続失敗回数は 0 に戻ります。',
    submit: 'パスワードを再発行する',
    pending: '発行中…',
    done: 'パスワードを再発行しました。',
    password: '新しいパスワード',
    self: 'ご自身のパスワードは「パスワード変更」から変更してください。',
  },
} as const;
