'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** The delivery worker polls every 5 s (009): looking as often is enough. */
const INTERVAL_MS = 5_000;
/** Five minutes; after that the page's 「最新の状態に更新」 link is there. */
const MAX_REFRESHES = 60;

/**
 * Rendered while a 発注者へ送信 waits to go: reads the page again from the server every few seconds (only
 * while the tab is shown, for five minutes at most), so 送信待ち turns into 送信済み without a click;
 * the page's status line announces the change (role="status"). Nothing without JavaScript: the link.
 */
export function RefreshWhilePending() {
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
