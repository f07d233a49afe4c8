import type { Metadata } from 'next';
import Link from 'next/link';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { confirmVersionAction } from '@/actions/confirmation-actions';
import { orNotFound } from '@/auth/not-found';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { SubmitButton } from '@/components/form';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { versionStanding } from '@/domain/confirmations/version-standing';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { formatDateTime, formatIsoDate } from '@/lib/dates';
import { versionName } from '@/lib/wording';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../lookup/labels';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { ChangeHistory } from '@/components/changes/change-history';
import { VersionDiff } from '@/components/changes/version-diff';
import { changeHistory, versionViews } from '@/domain/changes/queries';
import { versionNotice } from '@/domain/changes/version-notice';
import { VersionNotice } from '@/components/changes/version-notice';
import { LookupMatchNoticeView } from '@/app/orderer/lookup/lookup-match-notice';
import { lookupMatchNotice } from '@/domain/contracts/match-at-lookup';
import { isUuid } from '@/lib/uuid';

export const metadata: Metadata = { title: L.meta };

const byWhom = (c: { departmentName: string | null; userName: string | null }) => [c.departmentName, c.userName ?? L.apiCaller].filter(Boolean).join(' ');

/**
 * A certificate this orderer confirmed: any version (?version=n), its status, which version the
 * orderer confirmed and when, a later version it has not confirmed yet (confirmed here without the
 * key), and the 確認記録 of the version on the screen.
 */
export default async function OrdererCertificatePage({ params, searchParams }: PageProps<'/orderer/certificates/[number]'>) {
  const actor = await requirePageActor('orderer');
  const { number } = await params;
  const query = await searchParams;
  const db = await getDb();
  const g = await orNotFound(getConfirmedCertificate(db, actor, number));
  const changes = await changeHistory(db, actor, g.number);
  const views = versionViews(g.versions);
  const standing = versionStanding(views, g.versionConfirmations, Number(firstParam(query, 'version')));
  const shown = g.versions.find((v) => v.version === standing.shown.version)!;
  const nameOf = (v: { version: number; changed: boolean }) => versionName(v.version, v.changed);
  const shownName = nameOf(standing.shown);
  const latestName = nameOf(standing.latest);
  const confirmedName = nameOf(views.find((v) => v.version === standing.newestConfirmed.version)!);
  const isLatest = standing.shown.version === standing.latest.version;
  const notice = versionNotice(views, changes, standing.shown.version);
  const justConfirmed = firstParam(query, 'confirmed');
  const saved = firstParam(query, 'saved');
  // After a lookup with a 契約番号 (契約台帳): what became of the match, read from the matches as they are.
  const contractParam = firstParam(query, 'contract');
  const matchNotice = contractParam && isUuid(contractParam) ? await lookupMatchNotice(db, actor, contractParam, g.id, firstParam(query, 'match')) : null;
  const savedMessage =
    justConfirmed && g.confirmations.some((c) => c.id === justConfirmed)
      ? L.confirmedSaved
      : saved === 'version-confirmed' || saved === 'version-already'
        ? L.saved[saved](shownName)
        : null;
  return (
    <>
      <h1 className="visually-hidden">
        {L.meta} {g.number}
      </h1>
      <SavedMessage message={savedMessage} />
      {matchNotice ? <LookupMatchNoticeView notice={matchNotice} /> : null}
      {saved === 'version-superseded' && isLatest ? (
        <p className="notice warn" role="alert">
          {L.superseded(latestName, formatIsoDate(standing.latest.issuedOn))}
        </p>
      ) : null}
      <GuaranteeStatusBanner view={g.statusView} />
      {standing.unconfirmedLatest && isLatest ? (
        <section className="notice warn" aria-labelledby="later-title">
          <h2 id="later-title">{L.laterTitle}</h2>
          <p>
            {L.laterBody(
              confirmedName,
              formatDateTime(standing.newestConfirmed.confirmedAt),
              byWhom(standing.newestConfirmed),
              latestName,
              formatIsoDate(standing.latest.issuedOn),
            )}{' '}
            <Link href={`/orderer/certificates/${g.number}?from=${standing.newestConfirmed.version}&to=${standing.latest.version}#diff`}>
              {L.showDiff(confirmedName)}
            </Link>
          </p>
          <p>{L.confirmHint}</p>
        </section>
      ) : null}
      {isLatest ? null : (
        <p className="notice warn" role="note">
          {L.olderVersion(shownName, latestName, formatIsoDate(standing.latest.issuedOn))}{' '}
          <Link href={`/orderer/certificates/${g.number}?version=${standing.latest.version}`}>{L.toVersion(latestName)}</Link>
        </p>
      )}
      <VersionNotice notice={notice} newer={false} latestHref={`/orderer/certificates/${g.number}`} historyHref="#history" />
      <p className="notice">
        {standing.shownConfirmation
          ? L.confirmedThis(shownName, formatDateTime(standing.shownConfirmation.confirmedAt), byWhom(standing.shownConfirmation))
          : L.notConfirmedThis(shownName)}
      </p>
      <div className="actions certificate-actions">
        <Link href={`/orderer/certificates/${g.number}/print?version=${shown.version}`} className="button">
          {L.print}
        </Link>
        {standing.shownConfirmation ? (
          <a href={`/orderer/certificates/${g.number}/record/${standing.shownConfirmation.id}`} className="button primary" download>
            {L.recordOf(shownName)}
          </a>
        ) : standing.canConfirm ? (
          <form action={confirmVersionAction.bind(null, g.number, shown.version)} className="inline-form">
            <SubmitButton pendingLabel={L.confirmingVersion}>{L.confirmVersion}</SubmitButton>
          </form>
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
        versions={views}
        from={firstParam(query, 'from')}
        to={firstParam(query, 'to')}
        keep={isLatest ? {} : { version: String(shown.version) }}
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
                  {c.department?.name ?? ''} {c.user?.name ?? L.apiCaller}
                </>
              ),
            },
            { header: L.recordColumns.version, cell: (c) => L.versionLabel(c.certificateVersion.version, c.certificateVersion.changeKind === 'CHANGE') },
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
