'use client';

import Link from 'next/link';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="status-page">
      <h1>エラーが発生しました</h1>
      <p>処理を完了できませんでした。入力した内容は保存されていない場合があります。時間をおいてもう一度お試しください。</p>
      {error.digest ? <p className="muted">お問い合わせ番号: {error.digest}</p> : null}
      <p>
        <button type="button" className="button" onClick={reset}>
          もう一度試す
        </button>{' '}
        <Link href="/">トップへ戻る</Link>
      </p>
    </main>
  );
}
