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

/** Where each count is listed: the page, already filtered to what the count counts (the browser test follows them). */
export const WAITING_HREF: Record<keyof typeof WAITING_LABELS.items, string> = {
  applications: '/admin/applications?status=SUBMITTED',
  failedMails: '/admin/outbox?status=FAILED',
  locks: '/admin/lookups#locks-title',
  unpaidPremiums: '/admin/guarantees?payment=unpaid',
};
