import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { confirmationsOfGuarantee } from '@/domain/confirmations/confirmations-of-guarantee';
import { numberLock } from '@/domain/lookup/throttle';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { formatDateTime, formatIsoDate } from '@/lib/dates';
import { firstParam } from '@/lib/search-params';
import { ChangeHistory } from '@/components/changes/change-history';
import { VersionDiff } from '@/components/changes/version-diff';
import { changeHistory, versionViews } from '@/domain/changes/queries';
import { versionNotice } from '@/domain/changes/version-notice';
import { VersionNotice } from '@/components/changes/version-notice';
import { versionName } from '@/lib/wording';
import { orNotFound } from '@/auth/not-found';
import { CERTIFICATION_LABELS } from '@/app/_components/certification-labels';
import { canRequestCertification } from '@/domain/certifications/request-context';
import { memberCertifications } from '@/domain/certifications/queries';
import { guaranteeLapses } from '@/domain/contracts/lapses';
import { LapseNotice } from '../_components/lapse-notice';
import { SubmissionHistory } from '../_components/submission-history';
import { GUARANTEE_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.certificateMeta };

export default async function CertificatePage({ params, searchParams }: PageProps<'/contractor/guarantees/[number]'>) {
  const actor = await requirePageActor('contractor');
  const { number } = await params;
  const query = await searchParams;
  const db = await getDb();
  const { guarantee: g, submissions } = await orNotFound(getContractorCertificate(db, actor, number));
  const versions = versionViews(g.versions);
  const changes = await changeHistory(db, actor, g.number);
  // The latest version unless an earlier one is asked for (?version=n, from the list of versions).
  const shown = versions.find((v) => String(v.version) === firstParam(query, 'version')) ?? versions[0]!;
  const isLatest = shown.version === g.latestVersion;
  const notice = versionNotice(versions, changes, shown.version);
  const nameOf = (v: { version: number; changed: boolean }) => versionName(v.version, v.changed);
  // A 構成員 of the JV (issue 16 D5) reads the certificate and 発注者の確認; the key, the 送信, the lock's
  // detail, the premium and the 認定's request are the 代表者's.
  const member = g.access === 'MEMBER';
  const confirmations = g.deliveryMethod === 'ELECTRONIC' ? await confirmationsOfGuarantee(db, actor, g.id) : [];
  const lockedUntil = !member && g.deliveryMethod === 'ELECTRONIC' ? await numberLock(db, { number: g.number, ordererId: g.ordererId }) : null;
  // 中間前払金の認定 (issue 16): offered on the company's 有効 前払金保証 of 工事 with no request waiting or certified.
  const certifiable = !member && (await canRequestCertification(db, actor, g.number));
  const memberCertificationRows = member ? await memberCertifications(db, actor, g.id) : [];
  const latestContent = versions[0]!.content;
  // The lapse watcher (decision 075): a 変更契約 an orderer's register now needs (the 代表者's, not a 構成員's).
  const lapses = member ? [] : await guaranteeLapses(db, actor, g.id);
  return (
    <>
      <Breadcrumbs items={[{ href: '/contractor/guarantees', label: L.listTitle }]} />
      <GuaranteeStatusBanner view={g.statusView} hideActive />
      {member ? (
        <section className="notice" aria-labelledby="member-title">
          <h2 id="member-title">{L.memberNoticeTitle}</h2>
          <p>{L.memberNotice(latestContent.jointVenture?.name ?? g.jointVenture?.name ?? '', latestContent.contractor.name)}</p>
        </section>
      ) : null}
      {lockedUntil ? (
        <section className="notice warn" aria-labelledby="lock-title">
          <h2 id="lock-title">{L.lockTitle}</h2>
          <p>{L.lockBody(formatDateTime(lockedUntil))}</p>
        </section>
      ) : null}
      <LapseNotice groups={lapses} />
      <h1 className="visually-hidden">
        {L.certificateMeta} {g.number}
      </h1>
      {notice.newer ? (
        <p className="notice warn" role="note">
          {L.olderVersion(nameOf(shown), nameOf(notice.newer), formatIsoDate(notice.newer.issuedOn))}{' '}
          <Link href={`/contractor/guarantees/${g.number}`}>{L.toVersion(nameOf(notice.newer))}</Link>
        </p>
      ) : null}
      <VersionNotice notice={notice} newer={false} latestHref={`/contractor/guarantees/${g.number}`} historyHref="#history" />
      <div className="actions certificate-actions">
        <Link href={`/contractor/guarantees/${g.number}/print${isLatest ? '' : `?version=${shown.version}`}`} className="button">
          {L.toPrint}
        </Link>
        {member ? null : g.deliveryMethod === 'ELECTRONIC' ? (
          <Link href={`/contractor/guarantees/${g.number}/key`} className={g.status === 'ACTIVE' ? 'button primary' : 'button'}>
            {g.status === 'ACTIVE' ? L.toKey : L.toKeyWithdrawn}
          </Link>
        ) : (
          <p className="muted">{L.paperNote}</p>
        )}
        {certifiable ? (
          <Link href={`/contractor/certifications/new?guarantee=${g.number}`} className="button">
            {CERTIFICATION_LABELS.requestFromGuarantee}
          </Link>
        ) : null}
      </div>
      <CertificateDocument content={shown.content} digest={shown.digest} />

      {memberCertificationRows.length > 0 ? (
        <section className="panel" aria-labelledby="certifications-title">
          <h2 id="certifications-title">{L.memberCertifications.title}</h2>
          <ul className="plain">
            {memberCertificationRows.map((c) => (
              <li key={c.id}>
                {L.memberCertifications.line(CERTIFICATION_LABELS.status[c.status], c.number, c.certifiedOn ? formatIsoDate(c.certifiedOn) : null)}
                {c.status === 'CERTIFIED' ? (
                  <>
                    {' '}
                    <a href={`/contractor/certifications/${c.id}/document`}>{L.memberCertifications.document}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {versions.length > 1 ? (
        <section className="panel" aria-labelledby="versions-title">
          <h2 id="versions-title">{L.versions}</h2>
          <ol className="plain versions">
            {versions.map((v) => (
              <li key={v.id}>
                {L.versionLabel(v.version, v.changed)} {L.issuedOnShort} {formatIsoDate(v.issuedOn)}{' '}
                {v.version === shown.version ? (
                  <strong>（{L.viewing}）</strong>
                ) : (
                  <Link href={v.version === g.latestVersion ? `/contractor/guarantees/${g.number}` : `/contractor/guarantees/${g.number}?version=${v.version}`}>
                    {L.showVersion(v.version)}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <VersionDiff
        versions={versions}
        from={firstParam(query, 'from')}
        to={firstParam(query, 'to')}
        keep={isLatest ? {} : { version: String(shown.version) }}
      />
      <ChangeHistory changes={changes} showPremium={!member} />

      {!member && g.deliveryMethod === 'ELECTRONIC' ? (
        <section className="panel" aria-labelledby="submissions-title">
          <h2 id="submissions-title">{L.submissionsTitle}</h2>
          <SubmissionHistory submissions={submissions} />
        </section>
      ) : null}

      {g.deliveryMethod === 'ELECTRONIC' ? (
        <section className="panel" aria-labelledby="confirmations-title">
          <h2 id="confirmations-title">{L.confirmationsTitle}</h2>
          <p className="muted">{L.confirmationsLead}</p>
          <ListTable
            className="table"
            caption={L.confirmationsTitle}
            columns={[
              { header: L.confirmationColumns.orderer, rowHeader: true, cell: (c) => c.organizationName },
              { header: L.confirmationColumns.department, cell: (c) => c.departmentName ?? L.noKey },
              { header: L.confirmationColumns.last, cell: (c) => formatDateTime(c.lastConfirmedAt) },
              { header: L.confirmationColumns.first, cell: (c) => formatDateTime(c.firstConfirmedAt) },
              { header: L.confirmationColumns.version, cell: (c) => L.confirmedVersion(c.version, g.latestVersion) },
            ]}
            rows={confirmations}
            rowKey={(_, index) => index}
            empty={L.noConfirmations}
          />
        </section>
      ) : null}
      <p>
        <Link href="/contractor/guarantees">{L.backToList}</Link>
      </p>
    </>
  );
}
