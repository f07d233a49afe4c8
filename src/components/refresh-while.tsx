'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Rendered while the server works on something the page shows (a 発注者へ送信 waiting to go, an evidence
 * pack being built): reads the page again from the server every `intervalMs` (only while the tab is
 * shown, `maxRefreshes` times at most), so the page's status line moves without a click. Nothing
 * without JavaScript: the page's 「最新の状態に更新」 link is there.
 */
export function RefreshWhile({ intervalMs, maxRefreshes }: { intervalMs: number; maxRefreshes: number }) {
  const router = useRouter();
  useEffect(() => {
    let refreshes = 0;
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      refreshes += 1;
      if (refreshes > maxRefreshes) {
        window.clearInterval(timer);
        return;
      }
      router.refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [router, intervalMs, maxRefreshes]);
  return null;
}
