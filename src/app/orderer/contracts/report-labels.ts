import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { FINDING_KIND_LABEL, REQUIRED_GUARANTEE_LABEL } from '@/domain/contracts/report-csv';
import { UNCONFIRMED_DEFAULT_DAYS, UNCONFIRMED_MAX_DAYS } from '@/domain/contracts/unconfirmed-days';

/**
 * 契約台帳's reports (decision 072 amended): 照合結果の一覧 and 保証未確認. Every Japanese text of the
 * two pages, used by the pages and their tests (helper B's section of the register; the register's own
 * labels stay in labels.ts).
 */
export const REPORT_LABELS = {
  tabs: { label: '契約台帳の表示', register: '契約台帳', report: '照合結果の一覧', unconfirmed: '保証未確認' },

  meta: '照合結果の一覧 | 電子保証ポータル',
  title: '照合結果の一覧',
  lead: '保証証書と照合した契約について、契約台帳と保証証書の内容の食い違い（請負金額、保証期間と工期、保証金額と必要な割合、工事名・受注者、変更・解除・期間満了）を1件ずつ示します。要確認のものが先です。',
  summary: (c: { matched: number; consistent: number; problems: number }) =>
    `照合済みの契約 ${c.matched.toLocaleString('ja-JP')}件（食い違いなし ${c.consistent.toLocaleString('ja-JP')}件、要確認 ${c.problems.toLocaleString('ja-JP')}件）`,
  csv: 'CSVダウンロード',
  csvHint: 'Excelで開けるCSV（UTF-8）です。すべての行を出力します。',
  caption: (organization: string) => `${organization}の照合結果（要確認が先、契約日の新しい順）`,
  columns: { kind: '区分', contractNumber: '契約番号', projectName: '工事名', guaranteeNumber: '保証契約番号', guaranteeKind: '保証の種類', text: '内容' },
  findingKind: FINDING_KIND_LABEL,
  guaranteeKind: GUARANTEE_KIND_LABEL,
  openContract: (n: string) => `契約番号 ${n} の契約を表示`,
  openCertificate: (n: string) => `保証契約番号 ${n} の電子証書を表示`,
  empty: '食い違いのある照合はありません。',
  noMatches: 'まだ保証証書と照合した契約はありません。契約台帳の契約を開いて照合するか、「電子証書の確認」で契約番号を入力してください。',

  unconfirmedMeta: '保証未確認 | 電子保証ポータル',
  unconfirmedTitle: '保証未確認',
  unconfirmedLead:
    '契約台帳で前払金または契約保証が必要とされている契約のうち、契約日から指定の日数が過ぎても、その種類の確認済みの保証証書が照合されていないものです（保証証書が届いていない可能性があります）。契約日の古い順です。',
  daysLabel: '契約日からの日数',
  daysHint: `0〜${UNCONFIRMED_MAX_DAYS}日で指定します（初期値は${UNCONFIRMED_DEFAULT_DAYS}日）。`,
  daysUnit: '日以上経過',
  daysError: `日数は0〜${UNCONFIRMED_MAX_DAYS}の数字で入力してください。初期値の${UNCONFIRMED_DEFAULT_DAYS}日で表示しています。`,
  show: '表示する',
  unconfirmedCount: (n: number, days: number) => `契約日から${days}日以上経過し、保証が未確認の契約 ${n.toLocaleString('ja-JP')}件`,
  unconfirmedCaption: (organization: string, days: number) => `${organization}の保証未確認の契約（契約日から${days}日以上、古い順）`,
  unconfirmedColumns: {
    contractNumber: '契約番号',
    projectName: '工事名',
    contractorName: '受注者',
    contractAmount: '請負金額（円）',
    contractDate: '契約日',
    daysSince: '経過日数',
    required: '必要な保証',
    missing: '未確認の保証',
    matched: '照合済みの保証証書',
  },
  daysSince: (n: number) => `${n.toLocaleString('ja-JP')}日`,
  requiredGuarantee: REQUIRED_GUARANTEE_LABEL,
  none: '—',
  unconfirmedEmpty: (days: number) => `契約日から${days}日以上経過して保証が未確認の契約はありません。`,
  unconfirmedCsvHint: 'Excelで開けるCSV（UTF-8）です。表示中の日数の条件で、すべての行を出力します。',
} as const;
