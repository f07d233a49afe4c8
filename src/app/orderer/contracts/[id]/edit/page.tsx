import type { Metadata } from 'next';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { updateContractAction } from '@/actions/orderer-contract-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { contractDepartments, getContract } from '@/domain/contracts/queries';
import { formatSlashDate } from '@/lib/date-input';
import { formatYen } from '@/lib/money';
import { shareText } from '@/domain/contracts/labels';
import { ContractForm } from '../../_components/contract-form';
import { CONTRACT_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.editMeta };

/** 契約の編集: the contract's values in the form, saved at the revision loaded (a newer one refuses). */
export default async function EditContractPage({ params }: PageProps<'/orderer/contracts/[id]/edit'>) {
  const actor = await requirePageActor('orderer');
  const id = requireUuid((await params).id);
  const db = await getDb();
  const c = await orNotFound(getContract(db, actor, id));
  const departments = await contractDepartments(db, actor);
  const v = c.values;
  // A department no longer active stays choosable for the contract that has it.
  if (v.departmentId && !departments.some((d) => d.id === v.departmentId)) departments.push({ id: v.departmentId, name: v.departmentName ?? '' });
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/orderer/contracts', label: L.title },
          { href: `/orderer/contracts/${c.id}`, label: L.detailTitle(v.contractNumber) },
        ]}
      />
      <h1>{L.editTitle(v.contractNumber)}</h1>
      <p className="lead">{L.formLead}</p>
      <ContractForm
        action={updateContractAction.bind(null, c.id)}
        revision={c.revision}
        departments={departments}
        cancelHref={`/orderer/contracts/${c.id}`}
        defaultValue={{
          contractNumber: v.contractNumber,
          projectName: v.projectName,
          contractorName: v.contractorName,
          contractAmount: formatYen(v.contractAmount),
          contractDate: formatSlashDate(v.contractDate),
          periodStart: formatSlashDate(v.periodStart),
          periodEnd: formatSlashDate(v.periodEnd),
          advanceShare: v.advanceShareBp === null ? '' : shareText(v.advanceShareBp),
          performanceShare: v.performanceShareBp === null ? '' : shareText(v.performanceShareBp),
          departmentId: v.departmentId ?? '',
        }}
      />
    </>
  );
}
