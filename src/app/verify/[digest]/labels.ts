import { versionName } from '@/lib/wording';

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
  status: '状態',
  issuedOn: '発行日',
  digest: 'ダイジェスト（SHA-256）',
  signature: '電子署名',
  signatureOk: '検証できました（内容は発行時のまま改ざんされていません）',
  signatureNg: '検証できません（発行時の内容と一致しません。保証会社へお問い合わせください）',
  keyLink: '検証に使う公開鍵',
  note: 'このページでは、証書の有無・版・状態のみを表示します。記載内容は、発注者様は「電子保証ポータル（発注者用）」でご確認ください。',
} as const;
