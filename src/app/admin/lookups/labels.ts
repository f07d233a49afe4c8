import { KEYSET_PAGING_LABELS } from '@/components/common-labels';
import type { LockSubject } from '@/domain/lookup/queries';
import { LOOKUP_OUTCOME_LABEL } from '@/domain/labels';

export { LOOKUP_OUTCOME_LABEL };

/** The officers' 照会記録 screen. */
export const LOOKUP_LOG_LABELS = {
  meta: '照会記録',
  title: '照会記録',
  lead: '発注者による電子証書の確認（画面とAPI）の記録です。誤った入力が続いて確認を停止している保証契約番号・アカウント・発注者・接続元は「停止中の確認」に表示され、解除できます。保証契約番号の停止は、証書に記載された発注者の誤入力だけで起こります（他の発注者の誤入力は、その発注者自身の確認だけを止めます）。',
  locksTitle: '停止中の確認',
  noLocks: '停止中の確認はありません。',
  lockColumns: { scope: '対象', subject: '保証契約番号・アカウント・発注者・接続元', failures: '失敗回数', until: '停止の終了予定', action: '操作' },
  scope: {
    number: '保証契約番号',
    numberOther: '保証契約番号（名宛人以外の発注者）',
    account: 'アカウント',
    organization: '発注者',
    address: '接続元アドレス',
    range: '接続元の範囲',
  } as const,
  unknown: '（削除済み）',
  lift: '解除する',
  lifting: '解除中…',
  liftConfirm: 'この確認停止を解除します。よろしいですか？',
  unlocked: '確認の停止を解除しました。',
  logTitle: '確認の記録',
  /** Newest first; the search boxes and how they match. */
  logLead: '新しい順に表示します。',
  number: '保証契約番号',
  numberHint: '入力された番号の先頭から（全角・ハイフン可）',
  organization: '発注者',
  organizationHint: '名称の一部で検索できます',
  outcome: '結果',
  allOutcomes: 'すべて',
  search: '検索',
  clear: '条件をクリア',
  columns: { at: '日時', who: '確認者', organization: '発注者', number: '入力された番号', outcome: '結果', guarantee: '対象の保証', address: '接続元' },
  empty: '該当する記録はありません。',
  paging: '確認の記録のページ',
  ...KEYSET_PAGING_LABELS,
  outcomes: LOOKUP_OUTCOME_LABEL,
  /** A lookup through the JSON API, by the orderer's token. */
  apiToken: (name: string) => `APIトークン「${name}」`,
  none: '—',
} as const;

/** The 対象 column of a lock. */
export function lockScopeLabel(about: LockSubject): string {
  if (about.scope === 'number') return about.named ? LOOKUP_LOG_LABELS.scope.number : LOOKUP_LOG_LABELS.scope.numberOther;
  return LOOKUP_LOG_LABELS.scope[about.scope];
}

/** What a lock is on, by name: the number and the organisation that tried it, the account, the organisation, the address or range. */
export function lockSubjectLabel(about: LockSubject): string {
  const unknown = LOOKUP_LOG_LABELS.unknown;
  switch (about.scope) {
    case 'number':
      return `${about.number}（${about.organizationName ?? unknown}）`;
    case 'account':
      if (about.userName) return `${about.userName}（${about.loginId}）`;
      return about.tokenName ? LOOKUP_LOG_LABELS.apiToken(about.tokenName) : unknown;
    case 'organization':
      return about.organizationName ?? unknown;
    case 'address':
      return about.address;
    case 'range':
      return about.name ? `${about.name}（${about.cidr}）` : unknown;
  }
}
