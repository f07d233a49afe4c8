import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/app/_components/pagination';
import { firstParam, pageParam } from '@/lib/search-params';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listContractorApplications } from '@/domain/applications/queries';
import { GUARANTEE_KIND_SHORT } from '@/domain/labels';
import { ApplicationStatus } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/dates';
import { ApplicationStatusTag } from './_components/status-tag';
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
          <div className="field">
            <label htmlFor="list-status">{L.statusFilter}</label>
            <select id="list-status" name="status" defaultValue={status ?? ''}>
              <option value="">{L.allStatuses}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {L.status[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            表示
          </button>
        </form>
        <Link href="/contractor/applications/new" className="button primary">
          {L.newLink}
        </Link>
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
                <th scope="col">{L.columns.kind}</th>
                <th scope="col">{L.columns.orderer}</th>
                <th scope="col">{L.columns.guaranteeAmount}</th>
                <th scope="col">{L.columns.delivery}</th>
                <th scope="col">{L.columns.status}</th>
                <th scope="col">{L.columns.number}</th>
                <th scope="col">{L.columns.updatedAt}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/contractor/applications/${row.id}`}>{row.projectName ?? L.untitled}</Link>
                  </th>
                  <td>{row.guaranteeKind ? GUARANTEE_KIND_SHORT[row.guaranteeKind] : L.none}</td>
                  <td>{row.orderer?.name ?? L.none}</td>
                  <td className="num">{row.guaranteeAmount === null ? L.none : row.guaranteeAmount.toLocaleString('ja-JP')}</td>
                  <td>{row.deliveryMethod ? L.delivery[row.deliveryMethod] : L.none}</td>
                  <td>
                    <ApplicationStatusTag status={row.status} />
                  </td>
                  <td>{row.guarantee?.number ?? L.none}</td>
                  <td>{formatDateTime(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/contractor/applications" query={{ status }} />
    </>
  );
}
