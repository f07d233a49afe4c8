import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { formatIsoDate } from '@/lib/dates';
import { versionName } from '@/lib/wording';

const dates = (isoDates: readonly string[]) => isoDates.map(formatIsoDate).join('、');

/** The public verification page (/verify/<digest>): its fixed wording. */
export const VERIFY_LABELS = {
  meta: '電子証書の真正性確認 | 電子保証ポータル',
  title: '電子証書の真正性確認',
  lead: '保証証書・認証キー等のお知らせ・確認記録に印字されたダイジェスト（二次元コード）から、当ポータルが発行した証書かどうかを確認できます。',
  issued: '発行済みの証書です',
  /** A digest that was issued, but the stored content or signature no longer checks. */
  tampered: '発行記録はありますが、検証できません',
  notFound: '見つかりません',
  notFoundBody: 'このダイジェストの証書は当ポータルで発行されていません。印字されたダイジェストをご確認ください。',
  invalid: 'ダイジェストの形式が正しくありません',
  invalidBody: '16進数64桁、または印字された先頭16桁（4桁ずつの区切りは不要です）で指定してください。',
  ambiguous: 'ダイジェストを特定できません',
  ambiguousBody: '先頭16桁が一致する証書が複数あります。二次元コードから開くか、64桁すべてで指定してください。',
  tableCaption: '確認結果',
  number: '保証契約番号',
  version: '版',
  versionText: versionName,
  status: '保証の現在の状態',
  statusText: GUARANTEE_STATUS_LABEL,
  cancelledOn: (on: string) => `（解除日 ${formatIsoDate(on)}）`,
  latestVersion: '最新の版',
  latestVersionText: (name: string, issuedOn: string) => `${name}（${formatIsoDate(issuedOn)} 発行）`,
  issuedOn: '発行日',
  digest: 'ダイジェスト（SHA-256）',
  signature: '電子署名',
  signatureOk: '検証できました（内容は発行時のまま改ざんされていません）',
  signatureNg: '検証できません（発行時の内容と一致しません。保証会社へお問い合わせください）',
  keyLink: '検証に使う公開鍵',
  /**
   * The notice above everything else when this certificate is no longer the one to rely on: a later
   * version, a guarantee no longer in force, or 変更契約 recorded without a certificate. Its heading
   * names the weightiest of them; its lines say all that apply.
   */
  current: {
    superseded: 'この証書より新しい版が発行されています',
    CANCELLED: 'この保証は解除されています',
    EXPIRED: 'この保証は期間満了です',
    recorded: 'この証書の発行後に変更契約が登録されています',
    supersededLine: (thisName: string, latestName: string, issuedOn: string) =>
      `この証書は${thisName}です。${formatIsoDate(issuedOn)} に${latestName}が発行されており、この証書の記載内容（保証金額・保証期間等）は現在のものではありません。`,
    recordedLine: (isoDates: readonly string[]) =>
      `この証書の発行後に、変更契約（${dates(isoDates)}。保証証書の発行なし）が登録されています。証書に記載の保証期間・請負金額等は、現在の契約内容と異なる場合があります。`,
    recordedAfterLatestLine: (latestName: string, isoDates: readonly string[]) =>
      `${latestName}の発行後にも、変更契約（${dates(isoDates)}。保証証書の発行なし）が登録されています。`,
    statusLine: (label: string) => `保証の現在の状態: ${label}`,
    guidance: '現在の内容は、発注者様は電子保証ポータル（発注者用）で保証契約番号と認証キーにより、受注者様は電子保証ポータルでご確認ください。',
  },
  note: 'このページでは、証書の有無・版・状態のみを表示します。記載内容は、発注者様は「電子保証ポータル（発注者用）」でご確認ください。',
} as const;
