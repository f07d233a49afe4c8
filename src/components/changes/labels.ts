import { REASON_NOTE_TEXT, type ReasonNote } from '@/domain/changes/rules';

/** The 変更契約 history and the 版の比較, as all three sides show them. */
export const CHANGE_VIEW_LABELS = {
  historyTitle: '変更契約の履歴',
  historyLead: '登録された変更契約です（新しい順）。保証金額・工事名などの変更は(変更)の電子証書を発行し、工期に伴う保証期間の変更や請負金額のみの変更は記録のみとなります（【注2】【注3】）。',
  noHistory: '変更契約はありません。',
  columns: {
    changeDate: '変更契約日',
    fields: '変更内容',
    certificate: '電子証書',
    premium: '保証料の差額',
    reason: '変更理由',
    recordedAt: '登録日時',
    recordedBy: '登録者',
  },
  arrow: '→',
  issued: (version: number) => `第${version}版（変更）を発行`,
  notIssued: (note: ReasonNote) => `発行なし（【${note}】）`,
  notIssuedTitle: (note: ReasonNote) => REASON_NOTE_TEXT[note],
  noPremium: '—',
  diffTitle: '版の比較',
  diffLead: '2つの版を選んで、記載内容の違いを確認できます。変更のあった項目に「変更」と表示します。',
  diffFrom: '比較元の版',
  diffTo: '比較先の版',
  diffButton: '比較する',
  diffCaption: (from: string, to: string) => `${from}と${to}の記載内容の比較`,
  diffColumns: { item: '項目' },
  changedMark: '変更',
  sameMark: '',
  versionsTitle: '電子証書の版',
  viewing: '表示中',
  show: '表示',
  issuedOn: '発行日',
} as const;

export { versionName } from '@/lib/wording';
