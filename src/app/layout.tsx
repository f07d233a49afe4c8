import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: '電子保証ポータル',
  description: '前払金保証・中間前払金保証・契約保証の電子証書',
  // public/: the icon drawn as SVG, and the files rendered from it by scripts/icons.mjs.
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: '/apple-touch-icon.png',
  },
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
