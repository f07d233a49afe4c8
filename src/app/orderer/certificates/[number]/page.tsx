import type { Metadata } from 'next';
import Link from 'next/link';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { orNotFound } from '@/auth/not-found';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { formatDateTime, formatIsoDate } from '@/lib/dates';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../lookup/labels';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { ChangeHistory } from '@/components/changes/change-history';
import { VersionDiff } from '@/components/changes/version-diff';
import { changeHistory, versionViews } from '@/domain/changes/queries';

export const metadata: Metadata = { title: L.meta };

/** A certificate this orderer confirmed: any version (?version=n), its status, and the 確認記録. */
export default async function OrdererCertificatePage({ params, searchParams }: PageProps<'/orderer/certificates/[number]'>) {
  const actor = await requirePageActor('orderer');
  const { number } = await params;
  const query = await searchParams;
  const db = await getDb();
  const g = await orNotFound(getConfirmedCertificate(db, actor, number));
  const changes = await changeHistory(db, actor, g.number);
  const wanted = Number(firstParam(query, 'version'));
  const shown = g.versions.find((v) => v.version === wanted) ?? g.versions[0]!;
  const justConfirmed = firstParam(query, 'confirmed');
  return (
    <>
      <h1 className="visually-hidden">
        {L.meta} {g.number}
      </h1>
      <SavedMessage message={justConfirmed && g.confirmations.some((c) => c.id === justConfirmed) ? L.confirmedSaved : null} />
      <GuaranteeStatusBanner view={g.statusView} />
      <div className="actions certificate-actions">
        <Link href={`/orderer/certificates/${g.number}/print?version=${shown.version}`} className="button">
          {L.print}
        </Link>
        {g.confirmations[0] ? (
          <a href={`/orderer/certificates/${g.number}/record/${g.confirmations[0].id}`} className="button primary" download>
            {L.record}
          </a>
        ) : null}
      </div>
      <CertificateDocument content={shown.content} digest={shown.digest} banner={<GuaranteeStatusBanner view={g.statusView} compact />} />

      <section className="panel" aria-labelledby="versions-title">
        <h2 id="versions-title">{L.versions}</h2>
        <ol className="plain versions">
          {g.versions.map((v) => (
            <li key={v.id}>
              {L.versionLabel(v.version, v.changeKind === 'CHANGE')} {L.issuedOn} {formatIsoDate(v.issuedOn)}{' '}
              {v.version === shown.version ? (
                <strong>（{L.viewing}）</strong>
              ) : (
                <Link href={`/orderer/certificates/${g.number}?version=${v.version}`}>{L.show}</Link>
              )}
            </li>
          ))}
        </ol>
      </section>

      <VersionDiff
        versions={versionViews(g.versions)}
        from={firstParam(query, 'from')}
        to={firstParam(query, 'to')}
        keep={shown.version === g.versions[0]!.version ? {} : { version: String(shown.version) }}
      />
      <ChangeHistory changes={changes} showPremium={false} />

      <section className="panel" aria-labelledby="records-title">
        <h2 id="records-title">{L.recordsTitle}</h2>
        <ListTable
          className="table"
          caption={L.recordsTitle}
          columns={[
            { header: L.recordColumns.at, cell: (c) => formatDateTime(c.confirmedAt) },
            {
              header: L.recordColumns.by,
              cell: (c) => (
                <>
                  {c.department?.name ?? ''} {c.user?.name ?? 'API'}
                </>
              ),
            },
            { header: L.recordColumns.version, cell: (c) => L.versionLabel(c.certificateVersion.version, c.certificateVersion.version > 1) },
            { header: L.recordColumns.status, cell: (c) => L.statusLabel[c.statusAtConfirmation] },
            {
              header: L.recordColumns.pdf,
              cell: (c) => (
                <a href={`/orderer/certificates/${g.number}/record/${c.id}`} download aria-label={L.recordLink(formatDateTime(c.confirmedAt))}>
                  PDF
                </a>
              ),
            },
          ]}
          rows={g.confirmations}
          rowKey={(c) => c.id}
        />
      </section>
      <p>
        <Link href="/orderer/lookup">{L.lookupAgain}</Link> ／ <Link href="/orderer/confirmed">{L.toConfirmed}</Link>
      </p>
    </>
  );
}
