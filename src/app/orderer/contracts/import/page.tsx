import type { Metadata } from 'next';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { SavedMessage } from '@/app/_components/saved-message';
import { previewContractImportAction } from '@/actions/orderer-contract-actions';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { recentContractImports } from '@/domain/contracts/queries';
import { formatDateTime } from '@/lib/dates';
import { COLUMN_NAMES, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from '@/domain/contracts/file';
import { CONTRACT_FIELD_LABEL } from '@/domain/contracts/labels';
import { firstParam } from '@/lib/search-params';
import { ImportForm } from '../_components/import-form';
import { CONTRACT_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.importMeta };

const COLUMNS = [...REQUIRED_COLUMNS.map((field) => ({ field, required: true })), ...OPTIONAL_COLUMNS.map((field) => ({ field, required: false }))];

/** ファイルからの取込: the file and its encoding; the columns it may have, with their other names and examples. */
export default async function ImportContractsPage({ searchParams }: PageProps<'/orderer/contracts/import'>) {
  const actor = await requirePageActor('orderer');
  const saved = firstParam(await searchParams, 'saved');
  const recent = await recentContractImports(await getDb(), actor);
  return (
    <>
      <Breadcrumbs items={[{ href: '/orderer/contracts', label: L.title }]} />
      <h1>{L.importTitle}</h1>
      <SavedMessage message={saved === 'cancelled' ? L.cancelled : null} />
      <p className="lead">{L.importLead}</p>
      <ImportForm action={previewContractImportAction} />
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{L.recentTitle}</h2>
        <ListTable
          caption={L.recentCaption}
          columns={[
            {
              header: L.recentColumns.at,
              rowHeader: true,
              cell: (r) => (
                <Link href={`/orderer/contracts/imports/${r.id}`} aria-label={L.openImport(r.filename, formatDateTime(r.createdAt))}>
                  {formatDateTime(r.createdAt)}
                </Link>
              ),
            },
            { header: L.recentColumns.file, primary: true, grow: true, cell: (r) => r.filename },
            { header: L.recentColumns.by, cell: (r) => r.uploadedBy },
            { header: L.recentColumns.rows, headerClassName: 'num', className: 'num', cell: (r) => L.countValue(r.rowCount) },
            { header: L.recentColumns.errors, headerClassName: 'num', className: 'num', cell: (r) => L.countValue(r.errorCount) },
            { header: L.recentColumns.status, primary: true, cell: (r) => L.status[r.status] },
          ]}
          rows={recent}
          rowKey={(r) => r.id}
          empty={L.recentEmpty}
        />
      </section>
      <section aria-labelledby="columns-title">
        <h2 id="columns-title">{L.columnsTitle}</h2>
        <p>{L.columnsLead}</p>
        <ListTable
          caption={L.columnsCaption}
          columns={[
            { header: L.columnsHeader.name, rowHeader: true, cell: (c) => CONTRACT_FIELD_LABEL[c.field] },
            { header: L.columnsHeader.required, primary: true, cell: (c) => (c.required ? L.requiredMark : L.optionalMark) },
            { header: L.columnsHeader.example, primary: true, grow: true, cell: (c) => L.examples[c.field] },
            { header: L.columnsHeader.also, cell: (c) => COLUMN_NAMES[c.field].slice(1).join('、') },
          ]}
          rows={COLUMNS}
          rowKey={(c) => c.field}
          empty=""
        />
      </section>
    </>
  );
}
