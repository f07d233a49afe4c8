import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { DELIVERY_METHOD_LABEL } from '@/domain/applications/labels';
import { listApplicationsForReview } from '@/domain/applications/queries';
import { GUARANTEE_KIND_SHORT } from '@/domain/labels';
import { ApplicationStatus } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/dates';
import { ApplicationStatusTag } from '@/app/_components/application-status-tag';
import { ListTable } from '@/components/list-table';
import { firstParam, pageParam } from '@/lib/search-params';
import { SearchForm } from '@/app/_components/search-form';
import { FilterSelect } from '@/app/_components/list-filters';
import { REVIEW_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

// Drafts are the contractor's own business: officers see what was submitted and what came of it.
const STATUSES = ['SUBMITTED', 'RETURNED', 'CONCLUDED', 'WITHDRAWN'] as const satisfies readonly ApplicationStatus[];
const isStatus = (v: string | undefined): v is (typeof STATUSES)[number] => STATUSES.some((s) => s === v);

export default async function ReviewQueuePage({ searchParams }: PageProps<'/admin/applications'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const statusParam = firstParam(params, 'status');
  const status = isStatus(statusParam) ? statusParam : 'SUBMITTED';
  const list = await listApplicationsForReview(await getDb(), actor, { page: pageParam(params), status, q });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <div className="toolbar">
        <SearchForm action="/admin/applications" label={L.searchLabel} q={q} active={Boolean(q || status !== 'SUBMITTED')}>
          <FilterSelect id="list-status" name="status" label={L.statusFilter} values={STATUSES} labels={L.status} selected={status} />
        </SearchForm>
      </div>
      <ListTable
        caption={L.listTitle}
        columns={[
          { header: L.columns.projectName, rowHeader: true, grow: true, cell: (row) => <Link href={`/admin/applications/${row.id}`}>{row.projectName ?? L.none}</Link> },
          { header: L.columns.contractor, primary: true, cell: (row) => row.contractor.name },
          { header: L.columns.kind, cell: (row) => (row.guaranteeKind ? GUARANTEE_KIND_SHORT[row.guaranteeKind] : L.none) },
          { header: L.columns.orderer, primary: true, cell: (row) => row.orderer?.name ?? L.none },
          { header: L.columns.guaranteeAmount, primary: true, className: 'num', cell: (row) => row.guaranteeAmount?.toLocaleString('ja-JP') ?? L.none },
          { header: L.columns.delivery, cell: (row) => (row.deliveryMethod ? DELIVERY_METHOD_LABEL[row.deliveryMethod] : L.none) },
          { header: L.statusFilter, primary: true, cell: (row) => <ApplicationStatusTag status={row.status} /> },
          { header: L.columns.number, cell: (row) => (row.guarantee ? <Link href={`/admin/guarantees/${row.guarantee.number}`}>{row.guarantee.number}</Link> : L.none) },
          { header: L.columns.submittedAt, cell: (row) => (row.submittedAt ? formatDateTime(row.submittedAt) : L.none) },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={L.empty}
        pagination={{ page: list.page, pageCount: list.pageCount, total: list.total, basePath: '/admin/applications', query: { status, q } }}
      />
    </>
  );
}
