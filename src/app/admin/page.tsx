import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ListTable } from '@/components/list-table';
import { getAdminOverview, getAdminWaiting } from '@/domain/organizations/overview';
import { formatDateTime } from '@/lib/dates';
import { WaitingPanel } from './_components/waiting-panel';

export const metadata: Metadata = { title: 'ホーム（保証会社） | 電子保証ポータル' };

export default async function AdminHome() {
  const actor = await requirePageActor('admin');
  const db = await getDb();
  const [o, waiting] = await Promise.all([getAdminOverview(db, actor), getAdminWaiting(db, actor)]);
  return (
    <>
      <h1>ホーム</h1>
      <WaitingPanel waiting={waiting} />
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
        <ListTable
          className="table"
          columns={[
            { header: '日時', cell: (row) => formatDateTime(row.createdAt) },
            { header: '操作者', cell: (row) => (row.actor ? `${row.actor.name}（${row.actor.loginId}）` : 'システム') },
            { header: '操作', cell: (row) => row.action },
            { header: '対象', cell: (row) => row.targetType },
          ]}
          rows={o.recent}
          rowKey={(row) => row.id}
        />
      </section>
    </>
  );
}
