import type { LookupOutcome } from '@/generated/prisma/enums';

export const LOOKUP_OUTCOME_LABEL: Record<LookupOutcome, string> = {
  FOUND: '確認できた',
  NOT_FOUND: '一致しない',
  INVALID_NUMBER: '番号の形式誤り',
  INVALID_KEY: 'キーの形式誤り',
  THROTTLED: '試行制限中',
};

/** The officers' 照会記録 screen. */
export const LOOKUP_LOG_LABELS = {
  meta: '照会記録',
  title: '照会記録',
  lead: '発注者による電子証書の確認（画面とAPI）の記録です。誤った入力が続いて確認を停止している保証契約番号・アカウント・接続元は「停止中の確認」に表示され、解除できます。',
  locksTitle: '停止中の確認',
  noLocks: '停止中の確認はありません。',
  lockColumns: { scope: '対象', subject: '保証契約番号・アカウント・接続元', failures: '失敗回数', until: '停止の終了予定', action: '操作' },
  scope: { number: '保証契約番号', account: 'アカウント', address: '接続元アドレス' } as const,
  lift: '解除する',
  lifting: '解除中…',
  liftConfirm: 'この確認停止を解除します。よろしいですか？',
  unlocked: '確認の停止を解除しました。',
  logTitle: '確認の記録',
  number: '保証契約番号（入力どおり）',
  organization: '発注者',
  outcome: '結果',
  allOutcomes: 'すべて',
  search: '検索',
  columns: { at: '日時', who: '確認者', organization: '発注者', number: '入力された番号', outcome: '結果', guarantee: '対象の保証', address: '接続元' },
  empty: '該当する記録はありません。',
  outcomes: LOOKUP_OUTCOME_LABEL,
} as const;
