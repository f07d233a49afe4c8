import { RefreshWhile } from '@/components/refresh-while';

/**
 * While a 発注者へ送信 waits to go: the delivery worker polls every 5 s (009), so looking as often is
 * enough, for five minutes; 送信待ち turns into 送信済み without a click and the page's status line
 * announces the change (role="status").
 */
export function RefreshWhilePending() {
  return <RefreshWhile intervalMs={5_000} maxRefreshes={60} />;
}
