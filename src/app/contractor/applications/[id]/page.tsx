import { orNotFound, requireUuid } from '@/auth/not-found';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { saveApplicationAction, withdrawApplicationAction } from '@/actions/application-actions';
import { requirePageActor } from '@/auth/guards';
import { ApplicationSummary } from '@/components/application-summary';
import { getDb } from '@/db/client';
import { applicantJointVentures } from '@/domain/applications/form-options';
import { usableCertifications } from '@/domain/applications/from-certification';
import { applicationFormValues, getContractorApplication } from '@/domain/applications/queries';
import { canEdit, canWithdraw } from '@/domain/applications/status';
import { formatDateTime } from '@/lib/dates';
import { ApplicationForm } from '../_components/application-form';
import { ordererOptions } from '../_components/orderer-options';
import { ApplicationStatusTag } from '@/app/_components/application-status-tag';
import { WithdrawButton } from '../_components/withdraw-button';
import { APPLICATION_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.detailMeta };

export default async function ApplicationPage({ params, searchParams }: PageProps<'/contractor/applications/[id]'>) {
  const actor = await requirePageActor('contractor');
  const { id } = await params;
  const db = await getDb();
  const app = await orNotFound(getContractorApplication(db, actor, requireUuid(id)));
  const saved = firstParam(await searchParams, 'saved');
  const editable = canEdit(app.status);
  // The 認定 the form offers: the company's usable ones, this application's own counted as unused.
  const certifications = editable ? await usableCertifications(db, actor, { keep: app.id }) : [];
  return (
    <>
      <Breadcrumbs items={[{ href: '/contractor/applications', label: L.listTitle }]} />
      <h1>
        {app.projectName ?? L.untitled} <ApplicationStatusTag status={app.status} />
      </h1>
      <SavedMessage message={saved ? L.saved[saved] : null} />
      <p className="muted">
        {L.meta.createdBy}: {app.createdBy.name}
        {app.submittedAt ? ` ／ ${L.meta.submittedAt}: ${formatDateTime(app.submittedAt)}` : ''} ／ {L.meta.updatedAt}: {formatDateTime(app.updatedAt)}
      </p>

      {app.status === 'RETURNED' ? (
        <section className="notice warn" aria-labelledby="returned-title">
          <h2 id="returned-title">{L.returnedTitle}</h2>
          <p>
            <strong>{L.returnReason}:</strong> <span className="pre-wrap">{app.returnReason}</span>
          </p>
          <p>{L.returnedLead}</p>
        </section>
      ) : null}
      {app.status === 'SUBMITTED' ? <p className="notice">{L.submittedLead}</p> : null}
      {app.status === 'CONCLUDED' && app.guarantee ? (
        <section className="notice ok" aria-labelledby="concluded-title">
          <h2 id="concluded-title">{L.concludedTitle}</h2>
          <p>{L.concludedLead(app.guarantee.number)}</p>
        </section>
      ) : null}

      {editable ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{L.edit}</h2>
          <ApplicationForm
            action={saveApplicationAction.bind(null, app.id)}
            defaultValue={applicationFormValues(app)}
            orderers={await ordererOptions(db)}
            jointVentures={await applicantJointVentures(db, actor, { include: [app.jointVentureId, ...certifications.map((c) => c.jointVentureId)] })}
            certifications={certifications}
            revision={app.revision}
          />
        </section>
      ) : (
        <section className="panel" aria-labelledby="summary-title">
          <h2 id="summary-title">{L.summary}</h2>
          <ApplicationSummary app={app} />
        </section>
      )}

      <div className="actions spaced">
        {canWithdraw(app.status) ? <WithdrawButton action={withdrawApplicationAction.bind(null, app.id)} /> : null}
        <Link href="/contractor/applications">{L.backToList}</Link>
      </div>
    </>
  );
}
