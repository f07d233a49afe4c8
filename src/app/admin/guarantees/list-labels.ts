import { KEYSET_PAGING_LABELS } from '@/components/common-labels';
import { GUARANTEE_KIND_LABEL, GUARANTEE_KIND_SHORT, GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import type { OfficerState, PaymentFilter } from '@/domain/guarantees/officer-list-params';

/** The officers' 保証一覧 (/admin/guarantees): every Japanese text of the page, read by the page and its tests. */
export const OFFICER_GUARANTEE_LIST_LABELS = {
  meta: '保証一覧',
  title: '保証一覧',
  lead: 'すべての受注者の保証契約です。保証契約番号を押すと「保証の管理」（変更契約・解除・保証料の入金）を開きます。初期表示は証書発行日の新しい順です（期間満了は保証期間（至）の新しい順、保証期間満了間近は近い順）。',
  searchTitle: '検索条件',
  fields: {
    number: '保証契約番号',
    project: '工事名',
    contractor: '受注者',
    orderer: '発注者',
    state: '状態',
    payment: '保証料',
  },
  hints: {
    number: '先頭から（全角・ハイフン可）',
    text: '一部で検索できます',
  },
  all: 'すべて',
  states: {
    ACTIVE: '有効',
    ENDING: '保証期間満了間近',
    EXPIRED: '期間満了',
    CANCELLED: '解除',
  } satisfies Record<OfficerState, string>,
  payments: { unpaid: '未入金' } satisfies Record<PaymentFilter, string>,
  search: '検索',
  clear: '条件を解除',
  caption: '保証一覧',
  columns: {
    number: '保証契約番号',
    issuedOn: '証書発行日',
    kind: '区分',
    status: '状態',
    guaranteeEnd: '保証期間（至）',
    contractor: '受注者',
    orderer: '発注者',
    project: '工事名',
    amount: '保証金額（円）',
    premium: '保証料',
  },
  /** Above the cards on a phone, before the sort links. */
  sortOnPhone: '並べ替え',
  sortBy: (column: string, dir: 'asc' | 'desc') => `${column}で並べ替え（${dir === 'asc' ? '昇順' : '降順'}）`,
  status: GUARANTEE_STATUS_LABEL,
  ending: '満了間近',
  /** An orderer's 契約台帳 now needs a 変更契約 (decision 075): 保証の管理 says which. */
  lapse: '要変更契約',
  premium: {
    unpaid: (yen: string) => `未入金 ${yen}円`,
    refund: (yen: string) => `返戻 ${yen}円`,
    settled: '入金済み',
  },
  kindShort: GUARANTEE_KIND_SHORT,
  kindLong: GUARANTEE_KIND_LABEL,
  empty: '保証契約はまだありません。',
  emptySearch: '条件に合う保証契約はありません。',
  paging: '保証一覧のページ',
  ...KEYSET_PAGING_LABELS,
} as const;
