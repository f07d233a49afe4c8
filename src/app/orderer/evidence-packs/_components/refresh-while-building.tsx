'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * The builder ticks every 3 s and writes its progress (N / total) at least every 5 s (its lease timer, RENEW_MS,
 * and with each chunk of about 1 MiB): looking every 3 s is enough.
 */
const INTERVAL_MS = 3_000;
/** Half an hour (a large 年度 takes minutes); after that the page's 「最新の状態に更新」 link is there. */
const MAX_REFRESHES = 600;

/**
 * Rendered while a pack waits or is being built: reads the page again from the server every few
 * seconds (only while the tab is shown), so N / total moves and 作成済み comes with its download
 * without a click. Nothing without JavaScript: the link.
 */
export function RefreshWhileBuilding() {
  const router = useRouter();
  useEffect(() => {
    let refreshes = 0;
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      refreshes += 1;
      if (refreshes > MAX_REFRESHES) {
        window.clearInterval(timer);
        return;
      }
      router.refresh();
    }, INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [router]);
  return null;
}
