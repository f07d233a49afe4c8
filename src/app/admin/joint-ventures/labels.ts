import { JOINT_VENTURE_LIST_LABELS } from '@/app/_components/joint-venture-labels';
import { JOINT_VENTURE_MESSAGES } from '@/domain/joint-ventures/rules';
import { JOINT_VENTURE_KIND_LABEL, JOINT_VENTURE_MODE_LABEL } from '@/domain/labels';

/**
 * The officers' 共同企業体 screens (decision 065): the list, the registration and edit form with its
 * members table, and the 解散 section. The pages, their forms and the browser tests read it here.
 */
const title = (screen: string) => `${screen} | 電子保証ポータル`;

export const JOINT_VENTURE_LABELS = {
  ...JOINT_VENTURE_LIST_LABELS,
  listTitle: '共同企業体',
  listMeta: title('共同企業体'),
  newTitle: '共同企業体の登録',
  newMeta: title('共同企業体の登録'),
  editTitle: '共同企業体の編集',
  editMeta: title('共同企業体の編集'),
  lead: '複数の建設会社が共同で工事を請け負う共同企業体（JV）です。代表者・構成員と出資比率を契約書のとおりに登録します。',
  newLink: '共同企業体を登録',
  searchLabel: '名称で検索',
  empty: '共同企業体はまだ登録されていません。',
  noMatch: '該当する共同企業体はありません。',
  sections: { basic: '基本情報', members: '構成員', note: '備考' },
  fields: {
    name: '名称（契約書のとおり）',
    nameKana: '名称（カナ）',
    kind: '種類',
    mode: '施工方式',
    formedOn: '結成日',
    note: '備考',
  },
  hints: {
    name: '例：〇〇・△△特定建設工事共同企業体',
    members: '乙型では、各構成員の分担工事額の請負金額に対する割合を入力してください。',
    rows: '代表者を1社選び、2社以上5社以内で入力します。空欄の行は登録されません。',
  },
  kinds: JOINT_VENTURE_KIND_LABEL,
  modes: JOINT_VENTURE_MODE_LABEL,
  memberColumns: { company: '会社', representative: '代表者', share: '出資比率（％）' },
  /** The members table's name (its caption, read by assistive technology). */
  membersTable: '構成員の一覧（会社・代表者・出資比率）',
  /** Each cell's name for assistive technology (the column's name and the row). */
  companyOf: (row: number) => `会社（${row}行目）`,
  representativeOf: (row: number) => `代表者（${row}行目）`,
  shareOf: (row: number) => `出資比率（％）（${row}行目）`,
  removeRowOf: (row: number) => `この行を削除（${row}行目）`,
  /** The company box of a member row: typed, then chosen from the list under it. */
  company: {
    hint: '会社名またはカナの一部を入力し、候補から選んでください。',
    searching: '検索中…',
    none: '該当する会社がありません',
    found: (count: number, more: boolean) =>
      more ? `候補が${count}件を超えています。上下の矢印キーで選ぶか、続けて入力して絞り込んでください。` : `候補が${count}件あります。上下の矢印キーで選び、Enterキーで決定します。`,
    failed: '会社を検索できませんでした。もう一度入力してください。',
  },
  inactive: '（無効）',
  addMember: '構成員を追加',
  removeMember: 'この行を削除',
  percent: '％',
  create: '登録する',
  creating: '登録中…',
  save: '保存する',
  saving: '保存中…',
  saved: { created: '共同企業体を登録しました。', '1': '保存しました。', closed: '解散を記録しました。' } as Record<string, string>,
  warningsTitle: '確認してください',
  locked: JOINT_VENTURE_MESSAGES.locked,
  status: '状態',
  close: {
    heading: '解散',
    lead: '解散日以後、この共同企業体での保証の申込はできなくなります。締結済みの保証はそのまま有効です。',
    closedOn: '解散日',
    submit: '解散を記録する',
    pending: '記録中…',
  },
} as const;
