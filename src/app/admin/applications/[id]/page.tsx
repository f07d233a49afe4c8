import { orNotFound, requireUuid } from '@/auth/not-found';
import type { Metadata } from 'next';
import Link from 'next/link';
import { cancelGuaranteeAction, concludeApplicationAction, returnApplicationAction } from '@/actions/admin-application-actions';
import { ApplicationStatusTag } from '@/app/_components/application-status-tag';
import { requirePageActor } from '@/auth/guards';
import { ApplicationSummary } from '@/components/application-summary';
import { PremiumLines } from '@/components/premium-lines';
import { getDb } from '@/db/client';
import { estimatePremium } from '@/domain/applications/premium-estimate';
import { getApplicationForReview } from '@/domain/applications/queries';
import { applicationReviewExtras } from '@/domain/applications/review';
import { canReview } from '@/domain/applications/status';
import { formatDateTime, formatListDate, todayInTokyo } from '@/lib/dates';
import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { CancelForm, ConcludeForm, ReturnForm } from '../_components/review-actions';
import { ReviewExtras } from '../_components/review-extras';
import { REVIEW_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.detailMeta };

export default async function ReviewPage({ params, searchParams }: PageProps<'/admin/applications/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const db = await getDb();
  const now = new Date(); // one moment for the page: the status (期間満了) and the premium estimate
  const app = await orNotFound(getApplicationForReview(db, actor, requireUuid(id), now));
  const saved = firstParam(await searchParams, 'saved');
  const reviewable = canReview(app.status);
  const estimate = reviewable ? await estimatePremium(db, app, todayInTokyo(now)) : null;
  const branches = reviewable
    ? await db.suretyBranch.findMany({ where: { organizationId: actor.organizationId }, orderBy: [{ isDefault: 'desc' }, { name: 'asc' }], select: { id: true, name: true, isDefault: true } })
    : [];
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/applications', label: L.listTitle }]} />
      <h1>
        {app.projectName ?? L.none} <ApplicationStatusTag status={app.status} />
      </h1>
      <SavedMessage message={saved ? L.saved[saved] : null} />
      <p className="muted">
        {L.contractor}: {app.contractor.name}（{app.createdBy.name}）
        {app.submittedAt ? ` ／ ${L.columns.submittedAt}: ${formatDateTime(app.submittedAt)}` : ''}
      </p>
      {app.status === 'CONCLUDED' && app.guarantee ? (
        <section className="notice ok" aria-labelledby="concluded-title">
          <h2 id="concluded-title">{L.concludedTitle}</h2>
          <p>{L.concludedLead(app.guarantee.number, app.guarantee.premiumYen.toLocaleString('ja-JP'))}</p>
          <p>
            <Link href={`/admin/guarantees/${app.guarantee.number}`}>{L.toGuarantee}</Link>
          </p>
          <p>
            <strong>{L.statusNow(GUARANTEE_STATUS_LABEL[app.guarantee.status])}</strong>
            {app.guarantee.status === 'CANCELLED' && app.guarantee.cancelledOn ? `　${L.cancelledNote(formatListDate(app.guarantee.cancelledOn), app.guarantee.cancelReason ?? '')}` : ''}
            {app.guarantee.status === 'EXPIRED' ? `　${L.expiredNote(formatListDate(app.guarantee.guaranteeEnd))}` : ''}
          </p>
        </section>
      ) : null}
      {app.status === 'CONCLUDED' && app.guarantee?.status === 'ACTIVE' ? (
        <section className="panel" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{L.cancelTitle}</h2>
          <p className="hint">{L.cancelLead}</p>
          <CancelForm action={cancelGuaranteeAction.bind(null, app.id, app.guarantee.id)} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{L.summary}</h2>
        <ApplicationSummary app={app} />
      </section>
      <ReviewExtras extras={applicationReviewExtras(app)} />

      {reviewable ? (
        <>
          <section className="panel" aria-labelledby="premium-title">
            <h2 id="premium-title">{L.premiumTitle}</h2>
            {estimate === 'incomplete' ? (
              <p>{L.premiumMissing}</p>
            ) : estimate === 'no-table' ? (
              <p className="form-message error">{L.noRateTable}</p>
            ) : estimate ? (
              <>
                {estimate.isDemo ? <p className="demo-badge">{L.demoRates}</p> : null}
                <PremiumLines lines={estimate.lines} caption={L.premiumCaption} />
                <p className="hint">{L.premiumLead}</p>
              </>
            ) : null}
          </section>
          <div className="two-columns">
            <section className="panel" aria-labelledby="conclude-title">
              <h2 id="conclude-title">{L.conclude}</h2>
              <ConcludeForm action={concludeApplicationAction.bind(null, app.id)} branches={branches} revision={app.revision} />
            </section>
            <section className="panel" aria-labelledby="return-title">
              <h2 id="return-title">{L.returnTitle}</h2>
              <p className="hint">{L.returnLead}</p>
              <ReturnForm action={returnApplicationAction.bind(null, app.id)} revision={app.revision} />
            </section>
          </div>
        </>
      ) : null}
      {app.returnReason && app.status === 'RETURNED' ? (
        <section className="notice warn">
          <h2>{L.reason}</h2>
          <p className="pre-wrap">{app.returnReason}</p>
        </section>
      ) : null}
      <p>
        <Link href="/admin/applications">{L.backToList}</Link>
      </p>
    </>
  );
}
