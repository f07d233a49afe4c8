import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { reissueKeyAction } from '@/actions/guarantee-actions';
import { requirePageActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { formatAuthKey } from '@/lib/auth-key-format';
import { ListTable } from '@/components/list-table';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { keyRefusal } from '@/domain/guarantees/messages';
import { stillMoving } from '@/domain/guarantees/submission-state';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { formatDateTime } from '@/lib/dates';
import { ReissueForm } from '../../_components/key-forms';
import { RefreshWhilePending } from '../../_components/refresh-while-pending';
import { LatestSubmission, SubmissionHistory } from '../../_components/submission-history';
import { orNotFound } from '@/auth/not-found';
import { GUARANTEE_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.keyMeta };

const SAVED: Record<string, string> = { sent: L.sent, reissued: L.reissued };

export default async function KeyPage({ params, searchParams }: PageProps<'/contractor/guarantees/[number]/key'>) {
  const actor = await requirePageActor('contractor');
  const { number } = await params;
  const db = await getDb();
  const now = new Date();
  const page = await orNotFound(getKeyPage(db, actor, number, keySecret(), now));
  const { keys, submissions } = await getContractorCertificate(db, actor, number, now);
  // 解除 or 期間満了: the reason, said at the top and in each section, and nothing that submits the key.
  const refused = keyRefusal(page.guarantee.statusView);
  const g = page.guarantee;
  const c = page.latest.content;
  const saved = firstParam(await searchParams, 'saved');
  const latest = submissions[0];
  // A sending still on its way: the page reads itself again until it has gone (or failed for good).
  const pending = submissions.some((s) => stillMoving(s.state));
  const rows: [string, React.ReactNode][] = [
    [L.keyRows.kind, GUARANTEE_KIND_LABEL[c.kind]],
    [L.keyRows.number, c.number],
    [L.keyRows.key, <span key="k" className="secret auth-key" lang="en">{formatAuthKey(page.key)}</span>],
    [L.keyRows.project, c.projectName],
    [L.keyRows.orderer, c.obligee.name],
    [L.keyRows.surety, c.issuer.companyName],
  ];
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/contractor/guarantees', label: L.listTitle },
          { href: `/contractor/guarantees/${g.number}`, label: `${L.certificateMeta} ${g.number}` },
        ]}
      />
      <h1>{L.keyTitle}</h1>
      <GuaranteeStatusBanner view={page.guarantee.statusView} hideActive />
      <SavedMessage message={saved ? SAVED[saved] : null} />
      {refused ? (
        <section className="notice warn" aria-labelledby="key-withdrawn-title">
          <h2 id="key-withdrawn-title">{L.keyWithdrawnTitle}</h2>
          <p>{refused}</p>
          <p>{L.keyWithdrawnNote}</p>
        </section>
      ) : (
        <p className="lead">{L.keyLead}</p>
      )}

      <section className="panel" aria-labelledby="key-table-title">
        <h2 id="key-table-title">{L.keyTable}</h2>
        <table className="table key-table">
          <caption className="visually-hidden">{L.keyTable}</caption>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{L.keyIssuedAt(formatDateTime(page.keyIssuedAt))}</p>
        {refused ? null : (
          <>
            <div className="notice warn" role="note">
              <p>
                <strong>{L.important}</strong>
              </p>
              <p>{L.importantNote}</p>
            </div>
            <p>{L.guidance}</p>
            <p>
              <a href={`/contractor/guarantees/${g.number}/key/notice`} className="button primary" download>
                {L.download}
              </a>
            </p>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="submit-title">
        <h2 id="submit-title">{L.submitTitle}</h2>
        {refused ? (
          <p className="form-message error">{refused}</p>
        ) : page.destination.ok ? (
          <>
            <dl className="details">
              <dt>{L.submitTo}</dt>
              <dd>
                {g.orderer.name} {page.destination.departmentName} {L.routeRule[page.destination.rule]}
                <br />
                <span className="mono">{page.destination.email}</span>
              </dd>
              <dt>{L.submitSubject}</dt>
              <dd>{page.subject}</dd>
              <dt>{L.printout}</dt>
              <dd>{page.printoutAccepted ? L.printoutAccepted : L.printoutRefused}</dd>
            </dl>
            <p>{L.sendLead}</p>
            <p>
              <Link href={`/contractor/guarantees/${g.number}/key/send`} className="button primary">
                {L.send}
              </Link>
            </p>
          </>
        ) : (
          <p className="form-message error">{page.destination.reason}</p>
        )}
        <h3 id="submissions">{L.submissionsTitle}</h3>
        {latest ? <LatestSubmission latest={latest} refreshHref={`/contractor/guarantees/${g.number}/key#submissions`} pending={pending} /> : null}
        <SubmissionHistory submissions={submissions} />
        {pending ? <RefreshWhilePending /> : null}
      </section>

      <section className="panel" aria-labelledby="reissue-title">
        <h2 id="reissue-title">{L.reissueTitle}</h2>
        {refused ? (
          <p className="form-message error">{refused}</p>
        ) : (
          <>
            <p>{L.reissueLead}</p>
            <ReissueForm action={reissueKeyAction.bind(null, g.number)} />
          </>
        )}
        <h3>{L.keyHistory}</h3>
        <ListTable
          wrapClassName=""
          className="table"
          caption={L.keyHistory}
          columns={[
            { header: L.keyHistoryColumns.issuedAt, cell: (k) => formatDateTime(k.issuedAt) },
            { header: L.keyHistoryColumns.state, cell: (k) => (k.revokedAt ? L.keyState.revoked : L.keyState.active) },
            { header: L.keyHistoryColumns.revokedAt, cell: (k) => (k.revokedAt ? formatDateTime(k.revokedAt) : '—') },
          ]}
          rows={keys}
          rowKey={(k) => k.id}
        />
      </section>
      <p>
        <Link href={`/contractor/guarantees/${g.number}`}>{L.certificateMeta}</Link> ／ <Link href="/contractor/guarantees">{L.backToList}</Link>
      </p>
    </>
  );
}
