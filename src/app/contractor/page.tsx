import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { getContractorOverview } from '@/domain/organizations/overview';

export const metadata: Metadata = { title: 'ホーム（受注者） | 電子保証ポータル' };

export default async function ContractorHome() {
  const actor = await requirePageActor('contractor');
  const company = await getContractorOverview(await getDb(), actor);
  return (
    <>
      <h1>ホーム</h1>
      <p className="actions">
        <Link href="/contractor/applications/new" className="button primary">
          保証を申し込む
        </Link>
        <Link href="/contractor/applications">申込の一覧と状況</Link>
      </p>
      <section aria-labelledby="company-heading" className="panel">
        <h2 id="company-heading">会社情報</h2>
        <dl className="details">
          <dt>保証契約者</dt>
          <dd>{company.name} 様</dd>
          <dt>所在地</dt>
          <dd>
            {company.postalCode ? `〒${company.postalCode} ` : ''}
            {company.address}
          </dd>
          {company.phone ? (
            <>
              <dt>電話番号</dt>
              <dd>{company.phone}</dd>
            </>
          ) : null}
        </dl>
        <p className="muted">会社情報の変更は、保証会社の取次場所へご連絡ください。</p>
      </section>
      <section aria-labelledby="users-heading" className="panel">
        <h2 id="users-heading">ご利用者</h2>
        <ul>
          {company.users.map((u) => (
            <li key={u.id}>
              {u.name}（お客様ID: {u.loginId}）
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="notes-heading" className="panel">
        <h2 id="notes-heading">電子保証について</h2>
        <ul>
          <li>電子証書で受け取れるのは、前払金保証・中間前払金保証・契約保証の保証証書です。</li>
          <li>請求書は書面でのご提出が必要です。</li>
          <li>「保証料計算書」または「保証料領収証」は電子交付いたします。</li>
        </ul>
      </section>
    </>
  );
}
