import type { Metadata } from 'next';
import Link from 'next/link';
import { requestEvidencePackAction } from '@/actions/orderer-evidence-pack-actions';
import { SavedMessage } from '@/app/_components/saved-message';
import { requirePageActor } from '@/auth/guards';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { fiscalYearChoices, fiscalYearLabel } from '@/domain/evidence-packs/fiscal-year';
import { listEvidencePacks, type PackRow } from '@/domain/evidence-packs/queries';
import { formatDateTime, todayInTokyo } from '@/lib/dates';
import { firstParam } from '@/lib/search-params';
import { PackForm } from './_components/pack-form';
import { RefreshWhileBuilding } from './_components/refresh-while-building';
import { EVIDENCE_PACK_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.meta };
export const dynamic = 'force-dynamic';

function StatusCell({ p }: { p: PackRow }) {
  if (p.status === 'RUNNING') {
    return (
      <span className="pack-progress">
        {L.status.RUNNING}{' '}
        <progress max={Math.max(p.total, 1)} value={p.done} aria-label={L.progressLabel(p.done, p.total)} /> {L.progress(p.done, p.total)}
      </span>
    );
  }
  if (p.status === 'QUEUED') return <>{`${L.status.QUEUED}（${L.waiting}）`}</>;
  if (p.status === 'FAILED') return <>{`${L.status.FAILED}: ${p.failure ?? ''}`}</>;
  return <>{`${L.status.DONE}（${L.progress(p.total, p.total)}）`}</>;
}

function DownloadCell({ p }: { p: PackRow }) {
  if (p.downloadable && p.sizeBytes !== null && p.expiresAt) {
    return (
      <>
        <a href={`/orderer/evidence-packs/${p.id}/download`} aria-label={L.downloadLabel(p.scope)} download>
          {L.download}
        </a>{' '}
        {L.size(p.sizeBytes)}・{L.until(formatDateTime(p.expiresAt))}
        {p.sha256 ? <span className="hint"> {`${L.hash} ${p.sha256.slice(0, 16)}…`}</span> : null}
      </>
    );
  }
  return <>{p.expired ? L.expired : '—'}</>;
}

/** 証拠書類の一括出力: the form, and the orderer's packs with their progress and downloads. */
export default async function EvidencePacksPage({ searchParams }: PageProps<'/orderer/evidence-packs'>) {
  const actor = await requirePageActor('orderer');
  const saved = firstParam(await searchParams, 'saved');
  const packs = await listEvidencePacks(await getDb(), actor);
  const building = packs.some((p) => p.status === 'QUEUED' || p.status === 'RUNNING');
  const years = fiscalYearChoices(todayInTokyo()).map((y) => ({ value: String(y), label: fiscalYearLabel(y) }));
  return (
    <>
      <h1>{L.title}</h1>
      <SavedMessage message={saved === 'started' ? L.started : null} />
      <p className="lead">{L.lead}</p>
      <section aria-labelledby="new-title">
        <h2 id="new-title">{L.formTitle}</h2>
        <p>{L.backgroundNote}</p>
        <PackForm action={requestEvidencePackAction} years={years} />
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{L.listTitle}</h2>
        {building ? (
          <p role="status">
            {L.refreshing} <Link href="/orderer/evidence-packs">{L.refresh}</Link>
            <RefreshWhileBuilding />
          </p>
        ) : null}
        <ListTable
          caption={L.caption(actor.organizationName)}
          columns={[
            { header: L.columns.createdAt, rowHeader: true, cell: (p) => formatDateTime(p.createdAt) },
            { header: L.columns.scope, primary: true, grow: true, cell: (p) => p.scope },
            { header: L.columns.by, cell: (p) => p.requestedBy },
            { header: L.columns.status, primary: true, cell: (p) => <StatusCell p={p} /> },
            { header: L.columns.download, cell: (p) => <DownloadCell p={p} /> },
          ]}
          rows={packs}
          rowKey={(p) => p.id}
          empty={L.empty}
        />
      </section>
    </>
  );
}
