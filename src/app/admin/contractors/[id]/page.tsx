import type { Metadata } from 'next';
import { updateContractorAction } from '@/actions/admin-organization-actions';
import { requirePageActor } from '@/auth/guards';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { loadOrganization } from '@/app/admin/_components/load-organization';
import { OrganizationUsers } from '../../_components/organization-users';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as L } from '../../labels';
import { ContractorForm } from '../_components/contractor-form';

export const metadata: Metadata = { title: L.editMeta };

export default async function ContractorPage({ params, searchParams }: PageProps<'/admin/contractors/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const saved = firstParam(await searchParams, 'saved');
  const org = await loadOrganization(actor, id, 'CONTRACTOR');
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/contractors', label: L.listTitle }]} />
      <h1>
        {L.editTitle}: {org.name}
      </h1>
      <SavedMessage message={saved === 'created' ? C.created : saved ? C.saved : null} />
      <section className="panel">
        <ContractorForm
          key={org.updatedAt.toISOString()}
          action={updateContractorAction.bind(null, org.id)}
          mode="edit"
          defaultValue={{
            name: org.name,
            nameKana: org.nameKana ?? undefined,
            postalCode: org.postalCode ?? undefined,
            address: org.address ?? undefined,
            phone: org.phone ?? undefined,
          }}
        />
      </section>
      <OrganizationUsers role="CONTRACTOR" organizationId={org.id} users={org.users} labels={L} />
    </>
  );
}
