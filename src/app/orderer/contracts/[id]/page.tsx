import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { SavedMessage } from '@/app/_components/saved-message';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { DetailsList } from '@/components/details-list';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { changeLine, changeValueText } from '@/domain/contracts/changes';
import { getContract } from '@/domain/contracts/queries';
import { formatDateTime } from '@/lib/dates';
import { firstParam } from '@/lib/search-params';
import { CONTRACT_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.detailMeta };

/** One contract of the register with every revision (who, when, by hand or from which file, what changed). */
export default async function ContractPage({ params, searchParams }: PageProps<'/orderer/contracts/[id]'>) {
  const actor = await requirePageActor('orderer');
  const id = requireUuid((await params).id);
  const saved = firstParam(await searchParams, 'saved');
  const c = await orNotFound(getContract(await getDb(), actor, id));
  const v = c.values;
  const text = (field: Parameters<typeof changeValueText>[0], value: string | null) => changeValueText(field, value);
  return (
    <>
      <Breadcrumbs items={[{ href: '/orderer/contracts', label: L.title }]} />
      <h1>{L.detailTitle(v.contractNumber)}</h1>
      <SavedMessage message={saved && Object.hasOwn(L.saved, saved) ? L.saved[saved] : null} />
      <DetailsList
        rows={[
          [L.field.contractNumber, v.contractNumber],
          [L.field.projectName, v.projectName],
          [L.field.contractorName, v.contractorName],
          [L.field.contractAmount, text('contractAmount', v.contractAmount.toString())],
          [L.field.contractDate, text('contractDate', v.contractDate)],
          [L.field.periodStart, text('periodStart', v.periodStart)],
          [L.field.periodEnd, text('periodEnd', v.periodEnd)],
          [L.field.advanceShare, text('advanceShare', v.advanceShareBp === null ? null : String(v.advanceShareBp))],
          [L.field.performanceShare, text('performanceShare', v.performanceShareBp === null ? null : String(v.performanceShareBp))],
          [L.field.department, v.departmentName ?? L.noDepartment],
        ]}
      />
      <div className="actions">
        <Link href={`/orderer/contracts/${c.id}/edit`} className="button primary">
          {L.edit}
        </Link>
      </div>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{L.historyTitle}</h2>
        <ListTable
          caption={L.historyCaption}
          columns={[
            { header: L.historyColumns.revision, rowHeader: true, cell: (h) => L.revision(h.revision) },
            { header: L.historyColumns.at, primary: true, cell: (h) => formatDateTime(h.at) },
            { header: L.historyColumns.by, primary: true, cell: (h) => L.who(h.userName, h.departmentName) },
            { header: L.historyColumns.source, cell: (h) => (h.importFilename ? L.sourceWithFile(L.source[h.source], h.importFilename) : L.source[h.source]) },
            {
              header: L.historyColumns.changes,
              grow: true,
              cell: (h) => (
                <>
                  {h.revision === 1 ? <span>{L.createdWith}</span> : null}
                  <ul className="plain">
                    {h.changes.map((change) => (
                      <li key={change.field}>{changeLine(change, h.revision === 1)}</li>
                    ))}
                  </ul>
                </>
              ),
            },
          ]}
          rows={c.history}
          rowKey={(h) => String(h.revision)}
          empty=""
        />
      </section>
    </>
  );
}
