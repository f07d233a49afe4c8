import { RefreshWhile } from '@/components/refresh-while';

/**
 * While a pack waits or is being built: the builder ticks every 3 s and writes its progress (N / total)
 * at least every 5 s (its lease timer, RENEW_MS, and with each chunk of about 1 MiB), so looking every
 * 3 s is enough, for half an hour (a large 年度 takes minutes); N / total moves and 作成済み comes with
 * its download without a click.
 */
export function RefreshWhileBuilding() {
  return <RefreshWhile intervalMs={3_000} maxRefreshes={600} />;
}
