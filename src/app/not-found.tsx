import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="status-page">
      <h1>ページが見つかりません（404）</h1>
      <p>お探しのページは存在しないか、ご利用のアカウントでは表示できません。</p>
      <p>
        <Link href="/">トップへ戻る</Link>
      </p>
    </main>
  );
}
