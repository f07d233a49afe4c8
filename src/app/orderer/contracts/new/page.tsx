import type { Metadata } from 'next';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { createContractAction } from '@/actions/orderer-contract-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { contractDepartments } from '@/domain/contracts/queries';
import { ContractForm } from '../_components/contract-form';
import { CONTRACT_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.newMeta };

/** 契約の登録: one contract typed by hand. */
export default async function NewContractPage() {
  const actor = await requirePageActor('orderer');
  const departments = await contractDepartments(await getDb(), actor);
  return (
    <>
      <Breadcrumbs items={[{ href: '/orderer/contracts', label: L.title }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.formLead}</p>
      <ContractForm action={createContractAction} departments={departments} cancelHref="/orderer/contracts" />
    </>
  );
}
