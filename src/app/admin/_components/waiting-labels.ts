/** The admin home's first panel (what waits for the officers): its words, read by the panel and its tests. */
export const WAITING_LABELS = {
  title: '対応を待っているもの',
  items: {
    applications: '審査待ちの申込（申込審査）',
    failedMails: '送信に失敗したメール',
    locks: '確認の一時停止中（照会ロック）',
    unpaidPremiums: '保証料が未入金の保証',
  },
  count: (n: number) => `${n.toLocaleString('ja-JP')}件`,
  none: 'ありません',
} as const;
