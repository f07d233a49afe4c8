import Link from 'next/link';
import { formatDateTime } from '@/lib/dates';
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

/** The accounts of one organisation, on its detail page. */
export function OrganizationUsers({
  headingId,
  heading,
  empty,
  users,
  showDepartment,
  addHref,
  addLabel,
}: {
  headingId: string;
  heading: string;
  empty: string;
  users: UserRow[];
  showDepartment: boolean;
  addHref: string;
  addLabel: string;
}) {
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{heading}</h2>
        <Link href={addHref} className="button">
          {addLabel}
        </Link>
      </div>
      {users.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wide">
            <thead>
              <tr>
                <th scope="col">{U.columns.loginId}</th>
                <th scope="col">{U.columns.name}</th>
                {showDepartment ? <th scope="col">{U.columns.department}</th> : null}
                <th scope="col">{U.columns.status}</th>
                <th scope="col">{U.columns.lastSignIn}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <Link href={`/admin/users/${user.id}`}>{user.loginId}</Link>
                  </th>
                  <td>{user.name}</td>
                  {showDepartment ? <td>{user.department?.name ?? C.none}</td> : null}
                  <td>
                    <StatusBadge active={!user.disabled} />
                  </td>
                  <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : U.neverSignedIn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
