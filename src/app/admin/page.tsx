import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ListTable } from '@/components/list-table';
import { AUDIT_ACTION_LABEL } from '@/domain/labels';
import { isAuditAction } from '@/domain/audit-codes';
import { getAdminOverview, getAdminWaiting } from '@/domain/organizations/overview';
import { lastRetentionRun } from '@/domain/retention/last-run';
import { describeRecords, recordKey } from '@/domain/records/describe-records';
import { formatDateTime } from '@/lib/dates';
import { RecordLink } from './_components/record-link';
import { ADMIN_HOME_LABELS as H } from './labels';
import { RECENT_LABELS as R } from './_components/record-labels';
import { WaitingPanel } from './_components/waiting-panel';

export const metadata: Metadata = { title: H.meta };

export default async function AdminHome() {
  const actor = await requirePageActor('admin');
  const db = await getDb();
  const [o, waiting, retention] = await Promise.all([getAdminOverview(db, actor), getAdminWaiting(db, actor), lastRetentionRun(db, actor)]);
  const target = (row: (typeof o.recent)[number]) => ({ type: row.targetType, id: row.targetId });
  const targets = await describeRecords(db, actor, o.recent.map(target));
  return (
    <>
      <h1>{H.title}</h1>
      <WaitingPanel waiting={waiting} />
      <ul className="stats">
        <li>
          <Link href="/admin/contractors">
            <span className="stat-label">{H.contractors}</span> <span className="stat-value">{H.contractorsCount(o.contractors)}</span>
          </Link>
        </li>
        <li>
          <Link href="/admin/orderers">
            <span className="stat-label">{H.orderers}</span> <span className="stat-value">{H.orderersCount(o.orderers)}</span>
          </Link>
        </li>
        <li>
          <Link href="/admin/users">
            <span className="stat-label">{H.users}</span>{' '}
            <span className="stat-value">
              {H.usersCount(o.users, o.disabledUsers)}
            </span>
          </Link>
        </li>
      </ul>
      <section aria-labelledby="recent-heading" className="panel">
        <h2 id="recent-heading">{R.title}</h2>
        <ListTable
          className="table"
          columns={[
            { header: R.columns.at, cell: (row) => formatDateTime(row.createdAt) },
            { header: R.columns.actor, cell: (row) => (row.actor ? R.actor(row.actor.name, row.actor.loginId) : R.system) },
            { header: R.columns.action, primary: true, grow: true, cell: (row) => (isAuditAction(row.action) ? AUDIT_ACTION_LABEL[row.action] : R.otherAction) },
            { header: R.columns.target, primary: true, grow: true, cell: (row) => <RecordLink record={targets.get(recordKey(target(row)))} /> },
          ]}
          rows={o.recent}
          rowKey={(row) => row.id}
        />
      </section>
      <section aria-labelledby="retention-heading" className="panel">
        <h2 id="retention-heading">{H.retention.title}</h2>
        <p>
          {retention
            ? H.retention.lastRun(formatDateTime(retention.at), retention.lookupAttempts, retention.mails, retention.auditRows, retention.complete)
            : H.retention.never}
        </p>
      </section>
    </>
  );
}
