import type { ReactNode } from 'react';
import type { getCertification } from '@/domain/certifications/queries';
import { halfOfContract, halfPeriodDate, periodDays } from '@/domain/certifications/rules';
import { formatDateTime } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { basisPointsOf } from '@/lib/percent';
import { formatJapaneseDateShort as wareki } from '@/lib/wareki';
import { Breadcrumbs } from './breadcrumbs';
import { DetailsList } from '@/components/details-list';
import { CERTIFICATION_LABELS as L } from './certification-labels';
import { CertificationStatusTag } from './certification-list';
import styles from './certification.module.css';
import { SavedMessage } from './saved-message';

/** One 認定 as getCertification reads it (any side). */
export type CertificationView = Awaited<ReturnType<typeof getCertification>>;

const yen = (amount: bigint) => `${formatYen(amount)}円`;


/** The contract as it stood at the request (the 前払金保証's values then). */
export function CertificationContract({ c }: { c: CertificationView }) {
  const days = periodDays(c.periodStart, c.periodEnd);
  return (
    <section aria-labelledby="certification-contract">
      <h2 id="certification-contract">{L.contractTitle}</h2>
      <DetailsList
        rows={[
          [L.contract.orderer, c.ordererName],
          [L.contract.projectName, c.projectName],
          [L.contract.projectLocation, c.projectLocation || L.none],
          [L.contract.contractDate, wareki(c.contractDate)],
          [L.contract.period, L.periodText(c.periodStart, c.periodEnd, days)],
          [L.contract.contractAmount, yen(c.contractAmount)],
          [L.contract.advance, L.advanceText(c.advanceNumber, c.advanceAmount)],
        ]}
      />
    </section>
  );
}

/**
 * The figures of the request; for the clerk and the officers, with what the conditions come to
 * (the half day passed by the report date, the 出来高's share) and condition 2's warning.
 */
export function CertificationFigures({ c, checks }: { c: CertificationView; checks: boolean }) {
  const half = halfPeriodDate(c.periodStart, c.periodEnd);
  const share = basisPointsOf(c.workDoneAmount, c.contractAmount);
  const rows: [string, ReactNode][] = [[L.figures.reportedOn, wareki(c.reportedOn)]];
  if (checks) rows.push([L.contract.halfDate, L.checks.half(half, c.reportedOn >= half)]);
  rows.push([L.figures.progress, L.figures.progressText(c.plannedProgressBp, c.actualProgressBp)]);
  rows.push([L.figures.workDone, yen(c.workDoneAmount)]);
  if (checks) rows.push([L.checks.workDoneLabel, L.checks.workDone(share, c.workDoneAmount >= halfOfContract(c.contractAmount))]);
  rows.push([L.figures.requested, yen(c.requestedAmount)]);
  rows.push([L.figures.noPartialPayment, L.figures.noPartialPaymentText(c.noPartialPayment)]);
  rows.push([L.figures.note, c.note ?? L.none]);
  return (
    <section aria-labelledby="certification-figures">
      <h2 id="certification-figures">{L.figuresTitle}</h2>
      {checks && c.progressWarning ? (
        <div className="notice warn" role="note">
          <h3>{L.progressWarningTitle}</h3>
          <p>{c.progressWarning}</p>
        </div>
      ) : null}
      <DetailsList rows={rows} />
    </section>
  );
}

/** Who asked, who decided, and the number. */
export function CertificationRecord({ c }: { c: CertificationView }) {
  const rows: [string, ReactNode][] = [
    [L.request.status, L.status[c.status]],
    [L.request.contractor, c.contractorName],
    [L.request.department, `${c.ordererName} ${c.departmentName}`],
    [L.request.requestedAt, formatDateTime(c.requestedAt)],
    [L.request.requestedBy, c.requestedBy],
  ];
  if (c.number) rows.push([L.request.number, c.number]);
  if (c.certifiedOn) rows.push([L.request.certifiedOn, wareki(c.certifiedOn)]);
  if (c.decidedAt) rows.push([L.request.decidedAt, formatDateTime(c.decidedAt)], [L.request.decidedBy, c.decidedBy ?? L.none]);
  if (c.decisionNote) rows.push([c.status === 'REFUSED' ? L.request.refusalReason : L.request.decisionNote, c.decisionNote]);
  if (c.withdrawnAt) rows.push([L.request.withdrawnAt, formatDateTime(c.withdrawnAt)]);
  if (c.withdrawnReason) rows.push([L.request.withdrawnReason, c.withdrawnReason]);
  return (
    <section aria-labelledby="certification-record">
      <h2 id="certification-record">{L.requestTitle}</h2>
      <DetailsList rows={rows} />
    </section>
  );
}

/** The request's PDFs, each a download from `base`/attachments/<id>. */
export function CertificationAttachments({ c, base }: { c: CertificationView; base: string }) {
  return (
    <section aria-labelledby="certification-attachments">
      <h2 id="certification-attachments">{L.attachmentsTitle}</h2>
      {c.attachments.length === 0 ? (
        <p className="muted">{L.noAttachments}</p>
      ) : (
        <ul>
          {c.attachments.map((a) => (
            <li key={a.id}>
              <a href={`${base}/attachments/${a.id}`} download>
                {L.attachmentLink(a.filename)}
              </a>{' '}
              <span className="muted">{L.attachmentSize(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The status as a sentence, for the contractor's detail. */
export function certificationBanner(c: CertificationView): string {
  switch (c.status) {
    case 'REQUESTED':
      return L.banner.REQUESTED(c.ordererName, c.departmentName);
    case 'CERTIFIED':
      return L.banner.CERTIFIED(c.certifiedOn ?? '', c.number ?? '');
    case 'REFUSED':
      return L.banner.REFUSED(c.decisionNote ?? '');
    case 'WITHDRAWN':
      return c.withdrawnReason ? L.banner.WITHDRAWN_BY_CANCEL : L.banner.WITHDRAWN;
  }
}

/**
 * One 認定 as its reviewers read it — the certifying department's clerk and the officers: the status, the
 * 認定調書 once given, who asked and when, the contract, the figures with what the conditions come to,
 * and the PDFs. The clerk's page adds the decision below; the contractor's page has its own order.
 */
export function CertificationReview({ c, listHref, base, saved }: { c: CertificationView; listHref: string; base: string; saved?: string | null }) {
  return (
    <>
      <Breadcrumbs items={[{ href: listHref, label: L.title }]} />
      <h1>
        {L.title}：{c.projectName}
      </h1>
      <SavedMessage message={saved} />
      <p>
        <CertificationStatusTag status={c.status} />
      </p>
      {c.status === 'CERTIFIED' ? (
        <p className={`actions ${styles.actionsRow}`}>
          <a href={`${base}/document`} className="button" download>
            {L.documentLink}
          </a>
        </p>
      ) : null}
      <CertificationRecord c={c} />
      <CertificationContract c={c} />
      <CertificationFigures c={c} checks />
      <CertificationAttachments c={c} base={base} />
    </>
  );
}
