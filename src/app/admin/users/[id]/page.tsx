import type { Metadata } from 'next';
import Link from 'next/link';
import { resetPasswordAction, setUserDisabledAction, updateUserAction } from '@/actions/admin-user-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ROLE_LABEL } from '@/domain/labels';
import { getUser } from '@/domain/users/queries';
import { formatDateTime } from '@/lib/dates';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { StatusBadge } from '../../_components/status-badge';
import { COMMON_LABELS as C, USER_LABELS as L } from '../../labels';
import { ResetPasswordForm } from '../_components/reset-password-form';
import { UserEditForm } from '../_components/user-edit-form';
import { UserStatusForm } from '../_components/user-status-form';

export const metadata: Metadata = { title: L.editMeta };

const SAVED: Record<string, string> = { disabled: L.status.disabled, enabled: L.status.enabled };
const ORGANIZATION_PAGE = { CONTRACTOR: '/admin/contractors', ORDERER: '/admin/orderers', SURETY: null } as const;

export default async function UserPage({ params, searchParams }: PageProps<'/admin/users/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const saved = firstParam(await searchParams, 'saved');
  const user = await orNotFound(getUser(await getDb(), actor, requireUuid(id)));
  const self = user.id === actor.userId;
  const orgPage = ORGANIZATION_PAGE[user.organization.kind];
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/users', label: L.listTitle }]} />
      <h1>
        {L.editTitle}: {user.loginId}
      </h1>
      <SavedMessage message={saved ? (SAVED[saved] ?? C.saved) : null} />

      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">{L.details.heading}</h2>
        <dl className="details">
          <dt>{L.details.loginId}</dt>
          <dd>{user.loginId}</dd>
          <dt>{L.details.role}</dt>
          <dd>{ROLE_LABEL[user.role]}</dd>
          <dt>{L.details.organization}</dt>
          <dd>
            {orgPage ? <Link href={`${orgPage}/${user.organization.id}`}>{user.organization.name}</Link> : user.organization.name}
            {user.department ? ` ${user.department.name}` : null}
          </dd>
          <dt>{L.details.status}</dt>
          <dd>
            <StatusBadge active={!user.disabled} />
          </dd>
          <dt>{L.details.failures}</dt>
          <dd>{C.count(user.failedSignInCount)}</dd>
          <dt>{L.details.lastSignIn}</dt>
          <dd>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : L.neverSignedIn}</dd>
          <dt>{L.details.passwordChangedAt}</dt>
          <dd>{formatDateTime(user.passwordChangedAt)}</dd>
          <dt>{L.details.createdAt}</dt>
          <dd>{formatDateTime(user.createdAt)}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="edit-heading">
        <h2 id="edit-heading">{L.editHeading}</h2>
        <UserEditForm
          // Re-mounted with the saved values after a save; a password reset or (dis)abling leaves it be.
          key={[user.name, user.email, user.departmentId].join('\n')}
          action={updateUserAction.bind(null, user.id)}
          defaultValue={{ name: user.name, email: user.email ?? undefined, departmentId: user.departmentId ?? undefined }}
          departments={user.role === 'ORDERER' ? user.organization.departments : null}
        />
      </section>

      <section className="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">{L.status.heading}</h2>
        {self ? (
          <p>{L.status.self}</p>
        ) : (
          <UserStatusForm
            key={String(user.disabled)}
            action={setUserDisabledAction.bind(null, user.id, !user.disabled)}
            disabled={user.disabled}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="reset-heading">
        <h2 id="reset-heading">{L.reset.heading}</h2>
        {self ? (
          <p>
            <Link href="/admin/password">{L.reset.self}</Link>
          </p>
        ) : (
          <ResetPasswordForm action={resetPasswordAction.bind(null, user.id)} />
        )}
      </section>
    </>
  );
}
