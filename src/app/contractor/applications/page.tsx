import type { Metadata } from 'next';
import Link from 'next/link';
import { ListTable } from '@/components/list-table';
import { firstParam, pageParam } from '@/lib/search-params';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listContractorApplications } from '@/domain/applications/queries';
import { GUARANTEE_KIND_SHORT } from '@/domain/labels';
import { ApplicationStatus } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/dates';
import { ApplicationStatusTag } from '@/app/_components/application-status-tag';
import { FilterSelect } from '@/app/_components/list-filters';
import { APPLICATION_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

const STATUSES = Object.values(ApplicationStatus);
const isStatus = (v: string | undefined): v is ApplicationStatus => STATUSES.some((s) => s === v);

export default async function ApplicationsPage({ searchParams }: PageProps<'/contractor/applications'>) {
  const actor = await requirePageActor('contractor');
  const params = await searchParams;
  const statusParam = firstParam(params, 'status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const list = await listContractorApplications(await getDb(), actor, { page: pageParam(params), status });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <p className="muted">{L.invoiceNote}</p>
      <div className="toolbar">
        <form action="/contractor/applications" method="get" className="search">
          <FilterSelect id="list-status" name="status" label={L.statusFilter} values={STATUSES} labels={L.status} selected={status} allLabel={L.allStatuses} />
          <button type="submit" className="button">
            表示
          </button>
        </form>
        <Link href="/contractor/applications/new" className="button primary">
          {L.newLink}
        </Link>
      </div>
      <ListTable
        caption={L.listTitle}
        columns={[
          { header: L.columns.projectName, rowHeader: true, grow: true, cell: (row) => <Link href={`/contractor/applications/${row.id}`}>{row.projectName ?? L.untitled}</Link> },
          { header: L.columns.kind, cell: (row) => (row.guaranteeKind ? GUARANTEE_KIND_SHORT[row.guaranteeKind] : L.none) },
          { header: L.columns.orderer, primary: true, cell: (row) => row.orderer?.name ?? L.none },
          { header: L.columns.guaranteeAmount, primary: true, className: 'num', cell: (row) => (row.guaranteeAmount === null ? L.none : row.guaranteeAmount.toLocaleString('ja-JP')) },
          { header: L.columns.delivery, cell: (row) => (row.deliveryMethod ? L.delivery[row.deliveryMethod] : L.none) },
          { header: L.columns.status, primary: true, cell: (row) => <ApplicationStatusTag status={row.status} /> },
          { header: L.columns.number, cell: (row) => row.guarantee?.number ?? L.none },
          { header: L.columns.updatedAt, cell: (row) => formatDateTime(row.updatedAt) },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={L.empty}
        pagination={{ page: list.page, pageCount: list.pageCount, total: list.total, basePath: '/contractor/applications', query: { status } }}
      />
    </>
  );
}
