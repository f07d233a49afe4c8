import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { orNotFound } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { ChangeHistory } from '@/components/changes/change-history';
import { VersionDiff } from '@/components/changes/version-diff';
import { getDb } from '@/db/client';
import { guaranteeHistory } from '@/domain/changes/queries';
import { versionNotice } from '@/domain/changes/version-notice';
import { VersionNotice } from '@/components/changes/version-notice';
import { formatTermValue } from '@/domain/changes/format';
import { CHANGE_FIELDS, type ReasonNote } from '@/domain/changes/rules';
import { officerGuaranteeLapses } from '@/domain/contracts/lapses';
import { getOfficerGuarantee } from '@/domain/guarantees/get-officer-guarantee';
import { GUARANTEE_KIND_LABEL, GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { formatYen } from '@/lib/money';
import { formatListDate } from '@/lib/dates';
import { OfficerLapseNotice } from '../_components/lapse-notice';
import { OFFICER_GUARANTEE_LABELS as L } from '../labels';

export const metadata: Metadata = { title: '保証の管理' };

function savedMessage(saved: string | undefined): string | null {
  const issued = saved && /^issued-(\d{1,6})$/.exec(saved);
  if (issued) return L.saved.issued(Number(issued[1]));
  const recorded = saved && /^recorded-([123])$/.exec(saved);
  if (recorded) return L.saved.recorded(`注${recorded[1]}` as ReasonNote);
  return null;
}

/** 保証の管理: the guarantee as it stands, its latest certificate, its 変更契約 history and 版の比較. */
export default async function OfficerGuaranteePage({ params, searchParams }: PageProps<'/admin/guarantees/[number]'>) {
  const actor = await requirePageActor('admin');
  const { number } = await params;
  const query = await searchParams;
  const db = await getDb();
  const g = await orNotFound(getOfficerGuarantee(db, actor, number));
  const history = await guaranteeHistory(db, actor, g.number);
  const latest = history.versions[0]!;
  // The lapse watcher (decision 075): a 変更契約 an orderer's 契約台帳 now needs (none once 解除 or 期間満了).
  const lapses = await officerGuaranteeLapses(db, actor, g.id);
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/guarantees', label: L.guarantees }]} />
      <h1>
        {L.meta(g.number)} <span className={`status-tag status-${g.status}`}>{GUARANTEE_STATUS_LABEL[g.status]}</span>
      </h1>
      <SavedMessage message={savedMessage(firstParam(query, 'saved'))} />
      <p className="muted">
        {GUARANTEE_KIND_LABEL[g.kind]} ／ {L.contractor}: {g.contractor.name} ／ {L.orderer}: {g.orderer.name}
        {g.cancelledOn ? ` ／ ${GUARANTEE_STATUS_LABEL.CANCELLED} ${formatListDate(g.cancelledOn)}（${g.cancelReason ?? ''}）` : ''}
      </p>
      {/* Above 変更契約を登録, the action it asks for. */}
      <OfficerLapseNotice groups={lapses} />
      <div className="actions">
        {g.status === 'ACTIVE' ? (
          <Link href={`/admin/guarantees/${g.number}/change`} className="button primary">
            {L.toChange}
          </Link>
        ) : null}
        <Link href={`/admin/guarantees/${g.number}/payment`} className="button">
          {L.toPayment}
        </Link>
        <Link href={`/admin/applications/${g.applicationId}`} className="button">
          {L.toApplication}
        </Link>
      </div>

      <section className="panel" aria-labelledby="terms-title">
        <h2 id="terms-title">{L.termsTitle}</h2>
        <p className="hint">{L.termsLead}</p>
        <dl className="details">
          {CHANGE_FIELDS.map((f) => (
            <div key={f}>
              <dt>{L.field[f]}</dt>
              <dd>{formatTermValue(f, typeof g.terms[f] === 'bigint' ? g.terms[f].toString() : g.terms[f])}</dd>
            </div>
          ))}
          <div>
            <dt>{L.premium}</dt>
            <dd>{formatYen(g.premiumYen)}円</dd>
          </div>
          <div>
            <dt>{L.issuedOn}</dt>
            <dd>{formatListDate(g.issuedOn)}</dd>
          </div>
        </dl>
      </section>

      <ChangeHistory changes={history.changes} showPremium showRecordedBy />
      <VersionDiff versions={history.versions} from={firstParam(query, 'from')} to={firstParam(query, 'to')} />

      <section aria-labelledby="certificate-title">
        <h2 id="certificate-title">{L.certificateTitle}</h2>
        <VersionNotice notice={versionNotice(history.versions, history.changes, latest.version)} latestHref={`/admin/guarantees/${g.number}`} historyHref="#history" headingLevel={3} />
        <CertificateDocument content={latest.content} digest={latest.digest} headingLevel={2} />
      </section>
    </>
  );
}
