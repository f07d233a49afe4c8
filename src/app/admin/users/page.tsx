import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ROLE_LABEL } from '@/domain/labels';
import { listUsers } from '@/domain/users/queries';
import { ROLES } from '@/domain/users/schemas';
import { formatDateTime } from '@/lib/dates';
import { Pagination } from '@/app/_components/pagination';
import { firstParam, pageParam } from '@/lib/search-params';
import { SearchForm } from '@/app/_components/search-form';
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
          <div className="field">
            <label htmlFor="list-role">{L.roleFilter}</label>
            <select id="list-role" name="role" defaultValue={role ?? ''}>
              <option value="">{L.allRoles}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </div>
        </SearchForm>
        <Link href="/admin/users/new" className="button primary">
          {L.newLink}
        </Link>
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">{L.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wide">
            <thead>
              <tr>
                <th scope="col">{L.columns.loginId}</th>
                <th scope="col">{L.columns.name}</th>
                <th scope="col">{L.columns.role}</th>
                <th scope="col">{L.columns.organization}</th>
                <th scope="col">{L.columns.department}</th>
                <th scope="col">{L.columns.status}</th>
                <th scope="col">{L.columns.failures}</th>
                <th scope="col">{L.columns.lastSignIn}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/admin/users/${row.id}`}>{row.loginId}</Link>
                  </th>
                  <td>{row.name}</td>
                  <td>{ROLE_LABEL[row.role]}</td>
                  <td>{row.organization.name}</td>
                  <td>{row.department?.name ?? C.none}</td>
                  <td>
                    <StatusBadge active={!row.disabled} />
                  </td>
                  <td className="num">{C.count(row.failedSignInCount)}</td>
                  <td>{row.lastSignInAt ? formatDateTime(row.lastSignInAt) : L.neverSignedIn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/admin/users" query={{ role, q }} />
    </>
  );
}
