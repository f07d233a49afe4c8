import { APPLICANT_LABEL as A, APPLICATION_FIELD_LABEL as F, DELIVERY_METHOD_LABEL } from '@/domain/applications/labels';
import type { ApplicationDetail } from '@/domain/applications/queries';
import { DEPOSIT_MODE_LABEL, GUARANTEE_KIND_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import { certificationNumberLabel } from '@/domain/certifications/rules';
import { formatBasisPoints } from '@/lib/percent';
import { formatListDate } from '@/lib/dates';
import { DetailsList } from './details-list';

const NONE = '—';
const d = (v: Date | null) => (v ? formatListDate(v) : NONE);
const y = (v: bigint | null) => (v === null ? NONE : `${v.toLocaleString('ja-JP')} 円`);

function certificationText(c: ApplicationDetail['certification']): string {
  if (!c) return A.noCertification;
  const number = c.fiscalYear !== null && c.serial !== null ? certificationNumberLabel(c.fiscalYear, c.serial) : NONE;
  return A.certification(number, d(c.certifiedOn), c.orderer.certificateName ?? c.orderer.name);
}

/** An application's fields as a definition list (contractor's view and the officer's review). */
export function ApplicationSummary({ app }: { app: ApplicationDetail }) {
  const split = app.depositMode === 'SPLIT' && app.deposits.length > 0;
  const deposit = split
    ? app.deposits.map((d) => A.deposits(d.bank, d.branch, d.organization.name, formatBasisPoints(d.shareBasisPoints))).join('\n')
    : [app.depositBank, app.depositBranch].filter(Boolean).join(' ') || NONE;
  const rows: [string, string][] = [
    // Issue 16: who applies — the company alone, or a JV it represents.
    [F.jointVentureId, app.jointVenture ? A.jointVenture(app.jointVenture.name) : A.self],
    [F.guaranteeKind, app.guaranteeKind ? GUARANTEE_KIND_LABEL[app.guaranteeKind] : NONE],
    // A 中間前払金: the 認定 it comes from (number, 認定日, the orderer), as the officers' review names it.
    ...(app.guaranteeKind === 'INTERMEDIATE' ? ([[F.certificationId, certificationText(app.certification)]] as [string, string][]) : []),
    [F.ordererId, app.orderer?.name ?? NONE],
    [F.worksDepartmentId, app.worksDepartment?.name ?? NONE],
    [F.projectName, app.projectName ?? NONE],
    [F.projectLocation, app.projectLocation ?? NONE],
    [F.workType, app.workType ? WORK_TYPE_LABEL[app.workType] : NONE],
    [F.contractDate, d(app.contractDate)],
    ['工期', app.periodStart || app.periodEnd ? `${d(app.periodStart)} 〜 ${d(app.periodEnd)}` : NONE],
    [F.contractAmount, y(app.contractAmount)],
    [F.guaranteeAmount, y(app.guaranteeAmount)],
    ['保証期間', app.guaranteeStart || app.guaranteeEnd ? `${d(app.guaranteeStart)} 〜 ${d(app.guaranteeEnd)}` : NONE],
    ...(app.guaranteeKind === 'CONTRACT' ? [] : ([[split ? A.depositHeading(DEPOSIT_MODE_LABEL.SPLIT) : A.depositHeadingSingle, deposit]] as [string, string][])),
    [F.deliveryMethod, app.deliveryMethod ? DELIVERY_METHOD_LABEL[app.deliveryMethod] : NONE],
    [F.notes, app.notes ?? NONE],
  ];
  return <DetailsList rows={rows} />;
}
