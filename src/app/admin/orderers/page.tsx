import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listOrganizations } from '@/domain/organizations/queries';
import { Pagination } from '../_components/pagination';
import { firstParam, pageParam } from '../_components/params';
import { SearchForm } from '../_components/search-form';
import { COMMON_LABELS as C, ORDERER_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.listMeta };

export default async function OrderersPage({ searchParams }: PageProps<'/admin/orderers'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const list = await listOrganizations(await getDb(), actor, { kind: 'ORDERER', q, page: pageParam(params) });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <div className="toolbar">
        <SearchForm action="/admin/orderers" label={L.searchLabel} q={q} active={Boolean(q)} />
        <Link href="/admin/orderers/new" className="button primary">
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
                <th scope="col">{L.columns.certificateName}</th>
                <th scope="col">{L.columns.departments}</th>
                <th scope="col">{L.columns.users}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/admin/orderers/${row.id}`}>{row.name}</Link>
                  </th>
                  <td>{row.certificateName ?? C.none}</td>
                  <td className="num">{C.count(row._count.departments)}</td>
                  <td className="num">{C.count(row._count.users)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/admin/orderers" query={{ q }} />
    </>
  );
}
