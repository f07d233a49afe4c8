import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listOrganizations } from '@/domain/organizations/queries';
import { Pagination } from '../_components/pagination';
import { firstParam, pageParam } from '../_components/params';
import { SearchForm } from '../_components/search-form';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.listMeta };

export default async function ContractorsPage({ searchParams }: PageProps<'/admin/contractors'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const list = await listOrganizations(await getDb(), actor, { kind: 'CONTRACTOR', q, page: pageParam(params) });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <div className="toolbar">
        <SearchForm action="/admin/contractors" label={L.searchLabel} q={q} active={Boolean(q)} />
        <Link href="/admin/contractors/new" className="button primary">
          {L.newLink}
        </Link>
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">{L.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{L.columns.name}</th>
                <th scope="col">{L.columns.address}</th>
                <th scope="col">{L.columns.users}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/admin/contractors/${row.id}`}>{row.name}</Link>
                  </th>
                  <td>{row.address ?? C.none}</td>
                  <td className="num">{C.count(row._count.users)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/admin/contractors" query={{ q }} />
    </>
  );
}
