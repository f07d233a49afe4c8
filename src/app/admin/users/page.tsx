import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ROLE_LABEL } from '@/domain/labels';
import { listUsers } from '@/domain/users/queries';
import { ROLES } from '@/domain/users/schemas';
import { formatDateTime } from '@/lib/dates';
import { ListTable } from '@/components/list-table';
import { firstParam, pageParam } from '@/lib/search-params';
import { SearchForm } from '@/app/_components/search-form';
import { FilterSelect } from '@/app/_components/list-filters';
import { StatusBadge } from '../_components/status-badge';
import { COMMON_LABELS as C, USER_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.listMeta };

type Role = (typeof ROLES)[number];
const isRole = (value: string | undefined): value is Role => ROLES.some((role) => role === value);

export default async function UsersPage({ searchParams }: PageProps<'/admin/users'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const roleParam = firstParam(params, 'role');
  const role = isRole(roleParam) ? roleParam : undefined;
  const list = await listUsers(await getDb(), actor, { role, q, page: pageParam(params) });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <div className="toolbar">
        <SearchForm action="/admin/users" label={L.searchLabel} q={q} active={Boolean(q || role)}>
          <FilterSelect id="list-role" name="role" label={L.roleFilter} values={ROLES} labels={ROLE_LABEL} selected={role} allLabel={L.allRoles} />
        </SearchForm>
        <Link href="/admin/users/new" className="button primary">
          {L.newLink}
        </Link>
      </div>
      <ListTable
        columns={[
          { header: L.columns.loginId, rowHeader: true, cell: (row) => <Link href={`/admin/users/${row.id}`}>{row.loginId}</Link> },
          { header: L.columns.name, cell: (row) => row.name },
          { header: L.columns.role, cell: (row) => ROLE_LABEL[row.role] },
          { header: L.columns.organization, cell: (row) => row.organization.name },
          { header: L.columns.department, cell: (row) => row.department?.name ?? C.none },
          { header: L.columns.status, cell: (row) => <StatusBadge active={!row.disabled} /> },
          { header: L.columns.failures, className: 'num', cell: (row) => C.count(row.failedSignInCount) },
          { header: L.columns.lastSignIn, cell: (row) => (row.lastSignInAt ? formatDateTime(row.lastSignInAt) : L.neverSignedIn) },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={L.empty}
        pagination={{ page: list.page, pageCount: list.pageCount, total: list.total, basePath: '/admin/users', query: { role, q } }}
      />
    </>
  );
}
