import type { Metadata } from 'next';
import Link from 'next/link';
import { createDepartmentAction, updateOrdererAction } from '@/actions/admin-organization-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listApiTokens } from '@/domain/api-tokens/queries';
import { DEPARTMENT_KIND_LABEL } from '@/domain/labels';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { ListTable } from '@/components/list-table';
import { loadOrganization } from '@/app/admin/_components/load-organization';
import { OrganizationUsers } from '../../_components/organization-users';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { StatusBadge } from '../../_components/status-badge';
import { COMMON_LABELS as C, ORDERER_LABELS as L } from '../../labels';
import { API_TOKEN_LABELS } from '../_components/api-token-labels';
import { ApiTokensSection } from '../_components/api-tokens';
import { DepartmentForm } from '../_components/department-form';
import { ordererFormDefaults } from '../_components/orderer-defaults';
import { OrdererForm } from '../_components/orderer-form';

export const metadata: Metadata = { title: L.editMeta };

const SAVED: Record<string, string> = { created: C.created, department: L.departmentAdded, 'api-token-revoked': API_TOKEN_LABELS.revokedSaved };

export default async function OrdererPage({ params, searchParams }: PageProps<'/admin/orderers/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const saved = firstParam(await searchParams, 'saved');
  const org = await loadOrganization(actor, id, 'ORDERER');
  const apiTokens = await listApiTokens(await getDb(), actor, org.id);
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/orderers', label: L.listTitle }]} />
      <h1>
        {L.editTitle}: {org.name}
      </h1>
      <SavedMessage message={saved ? (SAVED[saved] ?? C.saved) : null} />
      <section className="panel">
        <OrdererForm
          key={org.updatedAt.toISOString()}
          action={updateOrdererAction.bind(null, org.id)}
          defaultValue={ordererFormDefaults(org)}
          departments={org.departments}
          mode="edit"
        />
      </section>

      <section className="panel" id="departments" aria-labelledby="departments-heading">
        <h2 id="departments-heading">{L.departmentsHeading}</h2>
        <ListTable
          className="table"
          columns={[
            { header: L.departmentColumns.name, rowHeader: true, cell: (department) => <Link href={`/admin/orderers/${org.id}/departments/${department.id}`}>{department.name}</Link> },
            { header: L.departmentColumns.kind, cell: (department) => DEPARTMENT_KIND_LABEL[department.kind] },
            { header: L.departmentColumns.email, className: 'email', cell: (department) => department.email ?? C.none },
            { header: L.departmentColumns.status, cell: (department) => <StatusBadge active={department.active} /> },
          ]}
          rows={org.departments}
          rowKey={(department) => department.id}
          empty={L.departmentsEmpty}
        />
        <h3 id="add-department-heading">{L.addDepartmentHeading}</h3>
        <DepartmentForm
          key={org.departments.length}
          action={createDepartmentAction.bind(null, org.id)}
          defaultValue={{ kind: 'WORKS_SECTION', active: true }}
          mode="create"
        />
      </section>

      <OrganizationUsers role="ORDERER" organizationId={org.id} users={org.users} labels={L} />

      <ApiTokensSection ordererId={org.id} ordererActive={org.active} tokens={apiTokens} />
    </>
  );
}
