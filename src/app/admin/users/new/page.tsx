import type { Metadata } from 'next';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listOrganizationChoices } from '@/domain/organizations/queries';
import { ORGANIZATION_KIND_OF_ROLE } from '@/domain/users/membership';
import { ROLES } from '@/domain/users/schemas';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { firstParam } from '@/lib/search-params';
import { USER_LABELS as L } from '../../labels';
import { UserCreateForm } from '../_components/user-create-form';

export const metadata: Metadata = { title: L.newMeta };

/** `?role=…&organizationId=…` (the links on an organisation's page) preselect the form. */
export default async function NewUserPage({ searchParams }: PageProps<'/admin/users/new'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const organizations = await listOrganizationChoices(await getDb(), actor);
  const role = ROLES.find((r) => r === firstParam(params, 'role'));
  const organizationId = organizations.find((o) => o.id === firstParam(params, 'organizationId'))?.id;
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/users', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.lead}</p>
      <UserCreateForm organizations={organizations} kindOfRole={ORGANIZATION_KIND_OF_ROLE} defaultValue={{ role, organizationId }} />
    </>
  );
}
