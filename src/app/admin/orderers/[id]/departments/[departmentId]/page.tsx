import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { updateDepartmentAction } from '@/actions/admin-organization-actions';
import { requirePageActor } from '@/auth/guards';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { loadOrganization } from '@/app/admin/_components/load-organization';
import { requireUuid } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { COMMON_LABELS as C, DEPARTMENT_LABELS as L, ORDERER_LABELS as O } from '../../../../labels';
import { DepartmentForm } from '../../../_components/department-form';

export const metadata: Metadata = { title: L.editMeta };

export default async function DepartmentPage({ params, searchParams }: PageProps<'/admin/orderers/[id]/departments/[departmentId]'>) {
  const actor = await requirePageActor('admin');
  const { id, departmentId } = await params;
  const saved = firstParam(await searchParams, 'saved');
  const org = await loadOrganization(actor, id, 'ORDERER');
  const department = org.departments.find((d) => d.id === requireUuid(departmentId));
  if (!department) notFound();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/admin/orderers', label: O.listTitle },
          { href: `/admin/orderers/${org.id}`, label: org.name },
        ]}
      />
      <h1>
        {L.editTitle}: {org.name} {department.name}
      </h1>
      <SavedMessage message={saved ? C.saved : null} />
      <section className="panel">
        <DepartmentForm
          key={department.updatedAt.toISOString()}
          action={updateDepartmentAction.bind(null, org.id, department.id)}
          defaultValue={{
            name: department.name,
            kind: department.kind,
            email: department.email ?? undefined,
            active: department.active,
          }}
          mode="edit"
        />
      </section>
    </>
  );
}
