import type { Metadata } from 'next';
import { createContractorAction } from '@/actions/admin-organization-actions';
import { requirePageActor } from '@/auth/guards';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { CONTRACTOR_LABELS as L } from '../../labels';
import { ContractorForm } from '../_components/contractor-form';

export const metadata: Metadata = { title: L.newMeta };

export default async function NewContractorPage() {
  await requirePageActor('admin');
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/contractors', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.lead}</p>
      <section className="panel">
        <ContractorForm action={createContractorAction} mode="create" />
      </section>
    </>
  );
}
