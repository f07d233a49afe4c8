/**
 * Japanese text of the parts every side's pages share (lists, pagination, breadcrumbs, search forms,
 * saved messages), in one place: the parts, the pages and the browser tests read it from here.
 */
export const COMMON_LABELS = {
  save: '保存する',
  saving: '保存中…',
  create: '登録する',
  creating: '登録中…',
  saved: '保存しました。',
  created: '登録しました。',
  search: '検索',
  clear: '条件をクリア',
  edit: '編集',
  open: '詳細',
  none: '—',
  active: '有効',
  inactive: '無効',
  status: '状態',
  breadcrumbs: 'パンくずリスト',
  noResults: '該当するデータはありません。',
  total: (count: number) => `全 ${count.toLocaleString('ja-JP')} 件`,
  pagination: 'ページ送り',
  previous: '前のページ',
  next: '次のページ',
  pageOf: (page: number, pageCount: number) => `${page} / ${pageCount} ページ`,
  pageLink: (page: number) => `${page} ページ目`,
  count: (n: number) => `${n.toLocaleString('ja-JP')}`,
} as const;

/** The paging words of every keyset-paged list (decision 017): 前へ / 次へ / 最初のページへ, the page shown and the capped count. */
export const KEYSET_PAGING_LABELS = {
  previous: '前へ',
  next: '次へ',
  firstPage: '最初のページへ',
  pageOf: (page: number) => `${page}ページ目`,
  total: (n: number, capped: boolean) => (capped ? `${n.toLocaleString('ja-JP')}件以上` : `全${n.toLocaleString('ja-JP')}件`),
} as const;
