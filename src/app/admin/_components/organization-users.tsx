import Link from 'next/link';
import { formatDateTime } from '@/lib/dates';
import { ListTable, type ListColumn } from '@/components/list-table';
import { COMMON_LABELS as C, USER_LABELS as U } from '../labels';
import { StatusBadge } from './status-badge';

interface UserRow {
  id: string;
  loginId: string;
  name: string;
  disabled: boolean;
  lastSignInAt: Date | null;
  department: { name: string } | null;
}

/** 部署: only an orderer's accounts belong to departments. */
const departmentColumn: ListColumn<UserRow> = { header: U.columns.department, cell: (user) => user.department?.name ?? C.none };

/**
 * The accounts of one organisation (a contractor or an orderer), on its detail page, with the link
 * that registers one more; `labels` are the page's heading, empty message and link text.
 */
export function OrganizationUsers({
  role,
  organizationId,
  users,
  labels,
}: {
  role: 'CONTRACTOR' | 'ORDERER';
  organizationId: string;
  users: UserRow[];
  labels: { usersHeading: string; usersEmpty: string; addUser: string };
}) {
  return (
    <section className="panel" aria-labelledby="users-heading">
      <div className="section-head">
        <h2 id="users-heading">{labels.usersHeading}</h2>
        <Link href={`/admin/users/new?role=${role}&organizationId=${organizationId}`} className="button">
          {labels.addUser}
        </Link>
      </div>
      <ListTable
        columns={[
          { header: U.columns.loginId, rowHeader: true, cell: (user) => <Link href={`/admin/users/${user.id}`}>{user.loginId}</Link> },
          { header: U.columns.name, cell: (user) => user.name },
          ...(role === 'ORDERER' ? [departmentColumn] : []),
          { header: U.columns.status, cell: (user) => <StatusBadge active={!user.disabled} /> },
          { header: U.columns.lastSignIn, cell: (user) => (user.lastSignInAt ? formatDateTime(user.lastSignInAt) : U.neverSignedIn) },
        ]}
        rows={users}
        rowKey={(user) => user.id}
        empty={labels.usersEmpty}
      />
    </section>
  );
}
