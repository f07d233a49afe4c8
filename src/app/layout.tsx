import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: '電子保証ポータル',
  description: '前払金保証・中間前払金保証・契約保証の電子証書',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ja">
      <body>
        <a className="skip-link" href="#main" data-print-hide="">
          本文へ移動
        </a>
        {children}
      </body>
    </html>
  );
}
