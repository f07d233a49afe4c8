import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { getAdminOverview } from '@/domain/organizations/overview';
import { formatDateTime } from '@/lib/dates';

export const metadata: Metadata = { title: 'ホーム（保証会社） | 電子保証ポータル' };

export default async function AdminHome() {
  const actor = await requirePageActor('admin');
  const o = await getAdminOverview(await getDb(), actor);
  return (
    <>
      <h1>ホーム</h1>
      <ul className="stats">
        <li>
          <Link href="/admin/contractors">
            <span className="stat-label">受注者</span> <span className="stat-value">{o.contractors}社</span>
          </Link>
        </li>
        <li>
          <Link href="/admin/orderers">
            <span className="stat-label">発注者</span> <span className="stat-value">{o.orderers}団体</span>
          </Link>
        </li>
        <li>
          <Link href="/admin/users">
            <span className="stat-label">アカウント</span>{' '}
            <span className="stat-value">
              {o.users}件{o.disabledUsers ? `（無効 ${o.disabledUsers}件）` : ''}
            </span>
          </Link>
        </li>
      </ul>
      <section aria-labelledby="recent-heading" className="panel">
        <h2 id="recent-heading">最近の操作</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">操作者</th>
                <th scope="col">操作</th>
                <th scope="col">対象</th>
              </tr>
            </thead>
            <tbody>
              {o.recent.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.createdAt)}</td>
                  <td>{row.actor ? `${row.actor.name}（${row.actor.loginId}）` : 'システム'}</td>
                  <td>{row.action}</td>
                  <td>{row.targetType}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
