import Link from 'next/link';
import { KeysetPagination } from '@/components/keyset-pagination';
import { ListTable, type ListColumn } from '@/components/list-table';
import { certificationListHref, type CertificationListParams, type CertificationStatusFilter } from '@/domain/certifications/list-params';
import type { CertificationRow } from '@/domain/certifications/queries';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { COUNT_CAP, type KeysetPage } from '@/domain/guarantees/keyset';
import type { CertificationStatus } from '@/generated/prisma/enums';
import { formatListDate } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { CERTIFICATION_LABELS as L } from './certification-labels';
import styles from './certification.module.css';

export function CertificationStatusTag({ status }: { status: CertificationStatus }) {
  return <span className={`${styles.tag} ${styles[status] ?? ''}`}>{L.status[status]}</span>;
}

const isoListDate = (iso: string) => iso.replaceAll('-', '/');

type Column = 'requestedAt' | 'project' | 'orderer' | 'department' | 'contractor' | 'contractAmount' | 'halfDate' | 'status' | 'number' | 'certifiedOn' | 'apply';

/**
 * A 認定 list (keyset-paged, decision 017) with the columns a side shows (B6): the contractor's
 * 請求日・工事名・発注者・担当課・状態・認定番号・認定日; the clerk's 請求日・受注者・工事名・請負金額・工期の2分の1・状態.
 */
export function CertificationList({
  base,
  list,
  params,
  columns,
  empty,
  defaultStatus,
  applicable,
}: {
  base: string;
  list: KeysetPage<CertificationRow>;
  params: CertificationListParams;
  columns: Column[];
  empty: string;
  defaultStatus: CertificationStatusFilter;
  /** The contractor's 認定 a 中間前払金 application can start from (column `apply`). */
  applicable?: ReadonlySet<string>;
}) {
  const all: Record<Column, ListColumn<CertificationRow>> = {
    requestedAt: { header: L.columns.requestedAt, cell: (r) => formatListDate(r.requestedAt) },
    project: { header: L.columns.project, rowHeader: true, grow: true, cell: (r) => <Link href={`${base}/${r.id}`}>{r.projectName}</Link> },
    orderer: { header: L.columns.orderer, primary: true, cell: (r) => r.ordererName },
    department: { header: L.columns.department, cell: (r) => r.departmentName },
    contractor: { header: L.columns.contractor, primary: true, cell: (r) => r.contractorName },
    contractAmount: { header: L.columns.contractAmount, className: 'num', headerClassName: 'num', cell: (r) => formatYen(r.contractAmount) },
    halfDate: { header: L.halfDateColumn, cell: (r) => isoListDate(halfPeriodDate(r.periodStart, r.periodEnd)) },
    status: { header: L.columns.status, primary: true, cell: (r) => <CertificationStatusTag status={r.status} /> },
    number: { header: L.columns.number, cell: (r) => r.number ?? L.none },
    certifiedOn: { header: L.request.certifiedOn, cell: (r) => (r.certifiedOn ? isoListDate(r.certifiedOn) : L.none) },
    apply: {
      header: L.applyColumn,
      cell: (r) => (applicable?.has(r.id) ? <Link href={`/contractor/applications/new?certification=${r.id}`}>{L.applyLink}</Link> : L.none),
    },
  };
  const href = (patch: Partial<CertificationListParams>) => certificationListHref(base, params, patch, defaultStatus);
  return (
    <>
      <ListTable caption={L.title} columns={columns.map((c) => all[c])} rows={list.rows} rowKey={(r) => r.id} empty={empty} />
      <KeysetPagination
        label={L.paging}
        total={L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
        page={L.pageOf(list.page)}
        firstHref={list.hasPrevious ? href({ after: undefined, before: undefined, page: 1 }) : undefined}
        previousHref={list.hasPrevious ? href({ before: list.first, after: undefined, page: Math.max(1, list.page - 1) }) : undefined}
        nextHref={list.hasNext ? href({ after: list.last, before: undefined, page: list.page + 1 }) : undefined}
        words={{ first: L.firstPage, previous: L.previous, next: L.next }}
      />
    </>
  );
}

/** The status tabs of a list (the orderer's: 認定待ち with its count first). */
export function CertificationTabs({
  base,
  params,
  defaultStatus,
  waiting,
}: {
  base: string;
  params: CertificationListParams;
  defaultStatus: CertificationStatusFilter;
  waiting: number | null;
}) {
  const tabs: CertificationStatusFilter[] = ['REQUESTED', 'CERTIFIED', 'REFUSED', 'WITHDRAWN', 'all'];
  return (
    <nav className={styles.tabs} aria-label={L.tabs}>
      <ul>
        {tabs.map((t) => (
          <li key={t}>
            <Link
              href={certificationListHref(base, { ...params, status: t }, { after: undefined, before: undefined, page: 1 }, defaultStatus)}
              aria-current={params.status === t ? 'page' : undefined}
            >
              {t === 'REQUESTED' ? L.tab.REQUESTED(waiting) : L.tab[t]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
