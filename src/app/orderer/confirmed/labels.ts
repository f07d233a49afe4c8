import { KEYSET_PAGING_LABELS } from '@/components/common-labels';
import { DISPLAY_STATUS_LABEL, MARK_LABEL } from '@/domain/confirmations/marks';
import { CONTRACT_MATCH_LABEL } from '@/domain/confirmations/csv';
import { GUARANTEE_KIND_LABEL, GUARANTEE_KIND_SHORT } from '@/domain/labels';

/** The orderer's 確認済み一覧: every Japanese text of the page (the CSV's headers are in the domain). */
export const CONFIRMED_LABELS = {
  meta: '確認済み一覧 | 電子保証ポータル',
  title: '確認済み一覧',
  lead: '貴団体の職員が「電子証書の確認」で確認した電子証書の一覧です（保証契約ごとに最後の確認を表示します）。確認の後に変更・解除・期間満了があった電子証書と、工期の途中で保証期間が30日以内に満了する電子証書には印が付きます。新しい版が発行された電子証書の「新しい版を未確認」の印は、電子証書の画面でその版を確認すると消えます（認証キーの再入力は不要です）。',
  condition: '条件',
  conditions: { number: '保証契約番号', project: '工事名', contractor: '保証契約者' },
  searchBox: '検索ボックス',
  searchHint: '保証契約番号は先頭から（全角・ハイフン可）、工事名・保証契約者は一部で検索できます。',
  print: '印刷',
  csv: 'CSVダウンロード',
  csvHint: 'Excelで開けるCSV（UTF-8）です。検索中は条件に合うものだけを、全ページ分出力します。',
  caption: (organization: string) => `${organization}の確認済み電子証書`,
  searchCaption: (condition: string, q: string) => `（${condition}：「${q}」で検索）`,
  printedAt: (at: string) => `印刷日時：${at}`,
  columns: {
    confirmedAt: '確認日時',
    confirmedBy: '確認者',
    number: '保証契約番号',
    kind: '区分',
    project: '工事名',
    contractor: '保証契約者',
    amount: '保証金額（円）',
    version: '版（確認時／最新）',
    status: '現在の状態',
    marks: '確認後の変更',
    contract: '契約台帳',
  },
  noDepartment: '—',
  unknownUser: '—',
  version: (confirmed: number, latest: number) => `第${confirmed}版／第${latest}版`,
  openCertificate: (number: string) => `保証契約番号 ${number} の電子証書を表示`,
  noMark: 'なし',
  marksFor: (number: string) => `保証契約番号 ${number} の確認後の変更`,
  empty: 'まだ確認した電子証書はありません。「電子証書の確認」で保証契約番号と認証キーを入力すると、ここに表示されます。',
  emptySearch: '条件に合う確認済みの電子証書はありません。',
  paging: '確認済み一覧のページ',
  ...KEYSET_PAGING_LABELS,
  status: DISPLAY_STATUS_LABEL,
  mark: MARK_LABEL,
  kindShort: GUARANTEE_KIND_SHORT,
  kindLong: GUARANTEE_KIND_LABEL,
  // 契約台帳 (decision 072 amended): the match of each row and its consistency check.
  contractMatch: CONTRACT_MATCH_LABEL,
  openContract: (contractNumber: string) => `契約番号 ${contractNumber} の契約を表示`,
} as const;
