import { CERTIFICATE_LABELS } from '@/domain/certificates/labels';
import { REASON_NOTE_TEXT, type ReasonNote } from '@/domain/changes/rules';
import type { CertificateLine, ChangeSubject } from '@/domain/changes/version-notice';
import { formatIsoDate } from '@/lib/dates';

const listed = (words: readonly string[]) => words.join('・');

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
  /**
   * What a screen showing one version says besides the sheet (version-notice.tsx, from
   * domain/changes/version-notice.ts): a later version exists, or 変更契約 were recorded without a
   * certificate (【注2】【注3】) after the latest version. Version names come in as versionName writes them.
   */
  notice: {
    newerTitle: 'この版より新しい版が発行されています',
    newerBody: (shown: string, shownIssuedOn: string, latest: string, latestIssuedOn: string) =>
      `表示しているのは${shown}（発行日 ${formatIsoDate(shownIssuedOn)}）です。${formatIsoDate(latestIssuedOn)} に${latest}が発行されており、この版の記載内容（保証金額・保証期間等）は現在のものではありません。`,
    /** The one line a printed or saved sheet of an older version carries (domain/changes/version-notice.ts, supersededLine). */
    superseded: CERTIFICATE_LABELS.superseded,
    toLatest: (latest: string) => `最新の版（${latest}）を表示する`,
    recordedTitle: 'この版の発行後に変更契約（証書の発行なし）が記録されています',
    recordedAfterLatest: (latest: string) => `${latest}の発行後にも、変更契約（証書の発行なし）が記録されています。`,
    recordedItem: (changeDate: string, subjects: readonly ChangeSubject[], note: ReasonNote) =>
      `変更契約日 ${formatIsoDate(changeDate)}: ${listed(subjects.map((s) => CHANGE_SUBJECT_LABEL[s]))}の変更（【${note}】）`,
    recordedList: '証書の発行なしで記録された変更契約',
    staleLines: (lines: readonly CertificateLine[]) =>
      `証書の発行を伴わない変更契約のため、証書に記載の${listed(lines.map((l) => CERTIFICATE_LINE_LABEL[l]))}は変更前のままです。変更後の内容は変更契約の履歴でご確認ください。`,
    noStaleLines: '証書に記載のない事項の変更です。内容は変更契約の履歴でご確認ください。',
    toHistory: '変更契約の履歴を見る',
  },
} as const;

/** What a change changed, as the notice names it: 工期 for 工期（自）/（至）, 保証期間 likewise. */
export const CHANGE_SUBJECT_LABEL: Record<ChangeSubject, string> = {
  period: '工期',
  guaranteePeriod: '保証期間',
  contractAmount: '請負金額',
  guaranteeAmount: '保証金額',
  projectName: '工事名',
};

/** The certificate's lines as the sheet heads them (工事末日 is the 工期（至）). */
export const CERTIFICATE_LINE_LABEL: Record<CertificateLine, string> = {
  guaranteeAmount: CERTIFICATE_LABELS.guaranteeAmount,
  guaranteePeriod: CERTIFICATE_LABELS.guaranteePeriod,
  projectEndDate: CERTIFICATE_LABELS.projectEndDate,
  projectName: CERTIFICATE_LABELS.projectName,
  contractAmount: CERTIFICATE_LABELS.contractAmount,
};

export { versionName } from '@/lib/wording';
