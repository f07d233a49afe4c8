import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { SavedMessage } from '@/app/_components/saved-message';
import { cancelContractImportAction, confirmContractImportAction } from '@/actions/orderer-contract-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { DetailsList } from '@/components/details-list';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { changeLine } from '@/domain/contracts/changes';
import { PREVIEW_LISTED, getContractImport, type PreviewRow } from '@/domain/contracts/queries';
import { formatDateTime } from '@/lib/dates';
import { firstParam } from '@/lib/search-params';
import { ImportDecision } from '../../_components/import-decision';
import { CONTRACT_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.previewMeta };

function ChangedRows({ id, title, rows, total, isNew }: { id: string; title: string; rows: PreviewRow[]; total: number; isNew: boolean }) {
  if (!rows.length) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {total > rows.length ? <p className="muted">{L.listedOnly(PREVIEW_LISTED)}</p> : null}
      <ListTable
        caption={L.changesCaption(title)}
        columns={[
          { header: L.changeColumns.line, cell: (r) => L.lineText(r.line) },
          { header: L.changeColumns.contractNumber, rowHeader: true, cell: (r) => r.contractNumber },
          { header: L.changeColumns.projectName, primary: true, cell: (r) => r.projectName },
          {
            header: L.changeColumns.changes,
            primary: true,
            grow: true,
            cell: (r) =>
              isNew ? (
                L.newRow
              ) : (
                <ul className="plain">
                  {r.changes.map((c) => (
                    <li key={c.field}>{changeLine(c)}</li>
                  ))}
                </ul>
              ),
          },
        ]}
        rows={rows}
        rowKey={(r) => String(r.line)}
        empty=""
      />
    </section>
  );
}

/**
 * 取込の確認: the file read, its counts (新規 / 変更 / 変更なし / エラー), every error at its row and
 * column, the rows that would be added or changed; 取り込む (all rows in one transaction) only when no
 * row has an error. After the import, what was imported.
 */
export default async function ContractImportPage({ params, searchParams }: PageProps<'/orderer/contracts/imports/[id]'>) {
  const actor = await requirePageActor('orderer');
  const id = requireUuid((await params).id);
  const saved = firstParam(await searchParams, 'saved');
  const p = await orNotFound(getContractImport(await getDb(), actor, id));
  const waiting = p.status === 'PREVIEW';
  return (
    <>
      <Breadcrumbs items={[{ href: '/orderer/contracts', label: L.title }, { href: '/orderer/contracts/import', label: L.importTitle }]} />
      <h1>{L.previewTitle}</h1>
      <SavedMessage message={saved === 'imported' && p.status === 'IMPORTED' ? L.imported(p.counts) : null} />
      <DetailsList
        rows={[
          [L.fileFacts.file, p.filename],
          [L.fileFacts.encoding, p.encoding],
          [L.fileFacts.uploadedBy, p.uploadedBy],
          [L.fileFacts.uploadedAt, formatDateTime(p.createdAt)],
          [L.fileFacts.status, L.status[p.status]],
          ...(p.status === 'IMPORTED' && p.decidedAt ? ([[L.fileFacts.decidedAt, formatDateTime(p.decidedAt)]] as const) : []),
        ]}
      />
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{L.countsTitle}</h2>
        <DetailsList
          rows={[
            [L.counts.rows, L.countValue(p.rowCount)],
            [L.counts.created, L.countValue(p.counts.created)],
            [L.counts.updated, L.countValue(p.counts.updated)],
            [L.counts.unchanged, L.countValue(p.counts.unchanged)],
            [L.counts.errors, L.countValue(p.errorCount)],
          ]}
        />
        {p.ignoredColumns.length ? <p className="muted">{L.ignoredColumns(p.ignoredColumns)}</p> : null}
      </section>

      {p.errorCount ? (
        <section aria-labelledby="errors-title">
          <h2 id="errors-title">{L.errorsTitle}</h2>
          <p className="notice warn" role="note">
            {L.errorsLead}
          </p>
          {p.errorCount > p.errors.length ? <p className="muted">{L.errorsMore(p.errors.length, p.errorCount)}</p> : null}
          <ListTable
            className="table"
            caption={L.errorsCaption}
            columns={[
              { header: L.errorColumns.line, rowHeader: true, cell: (e) => L.lineText(e.line) },
              { header: L.errorColumns.column, primary: true, cell: (e) => e.column },
              { header: L.errorColumns.message, primary: true, grow: true, cell: (e) => e.message },
            ]}
            rows={p.errors}
            rowKey={(e) => `${e.line}:${e.column}:${e.message}`}
            empty=""
          />
        </section>
      ) : null}

      {waiting ? (
        <>
          <ChangedRows id="created-title" title={L.createdTitle} rows={p.created} total={p.counts.created} isNew />
          <ChangedRows id="updated-title" title={L.updatedTitle} rows={p.updated} total={p.counts.updated} isNew={false} />
          {p.errorCount === 0 ? <p>{L.confirmLead}</p> : null}
          <ImportDecision confirm={confirmContractImportAction.bind(null, p.id)} discard={cancelContractImportAction.bind(null, p.id)} canConfirm={p.errorCount === 0} />
        </>
      ) : null}
      <div className="actions spaced">
        <Link href="/orderer/contracts/import" className="button">
          {L.importAgain}
        </Link>
        <Link href="/orderer/contracts" className="button">
          {L.backToList}
        </Link>
      </div>
    </>
  );
}
