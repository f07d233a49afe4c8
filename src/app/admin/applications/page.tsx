import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { DELIVERY_METHOD_LABEL } from '@/domain/applications/labels';
import { listApplicationsForReview } from '@/domain/applications/queries';
import { GUARANTEE_KIND_SHORT } from '@/domain/labels';
import { ApplicationStatus } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/dates';
import { ApplicationStatusTag } from '@/app/contractor/applications/_components/status-tag';
import { Pagination } from '@/app/_components/pagination';
import { firstParam, pageParam } from '@/lib/search-params';
import { SearchForm } from '@/app/_components/search-form';
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
          <div className="field">
            <label htmlFor="list-status">{L.statusFilter}</label>
            <select id="list-status" name="status" defaultValue={status}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {L.status[s]}
                </option>
              ))}
            </select>
          </div>
        </SearchForm>
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">{L.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wide">
            <caption className="visually-hidden">{L.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{L.columns.projectName}</th>
                <th scope="col">{L.columns.contractor}</th>
                <th scope="col">{L.columns.kind}</th>
                <th scope="col">{L.columns.orderer}</th>
                <th scope="col">{L.columns.guaranteeAmount}</th>
                <th scope="col">{L.columns.delivery}</th>
                <th scope="col">{L.statusFilter}</th>
                <th scope="col">{L.columns.number}</th>
                <th scope="col">{L.columns.submittedAt}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/admin/applications/${row.id}`}>{row.projectName ?? L.none}</Link>
                  </th>
                  <td>{row.contractor.name}</td>
                  <td>{row.guaranteeKind ? GUARANTEE_KIND_SHORT[row.guaranteeKind] : L.none}</td>
                  <td>{row.orderer?.name ?? L.none}</td>
                  <td className="num">{row.guaranteeAmount?.toLocaleString('ja-JP') ?? L.none}</td>
                  <td>{row.deliveryMethod ? DELIVERY_METHOD_LABEL[row.deliveryMethod] : L.none}</td>
                  <td>
                    <ApplicationStatusTag status={row.status} />
                  </td>
                  <td>{row.guarantee ? <Link href={`/admin/guarantees/${row.guarantee.number}`}>{row.guarantee.number}</Link> : L.none}</td>
                  <td>{row.submittedAt ? formatDateTime(row.submittedAt) : L.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/admin/applications" query={{ status, q }} />
    </>
  );
}
