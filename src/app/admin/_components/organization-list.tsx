import Link from 'next/link';
import type { ReactNode } from 'react';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listOrganizations } from '@/domain/organizations/queries';
import type { OrganizationKind } from '@/generated/prisma/enums';
import { Pagination } from '@/app/_components/pagination';
import { firstParam, pageParam, type SearchParams } from '@/lib/search-params';
import { SearchForm } from '@/app/_components/search-form';

type Row = Awaited<ReturnType<typeof listOrganizations>>['rows'][number];

/** The list page of one kind of organisation: search, 登録 link, table, paging (all in the URL). */
export async function OrganizationList({
  kind,
  basePath,
  searchParams,
  labels,
  columns,
}: {
  kind: OrganizationKind;
  basePath: string;
  searchParams: Promise<SearchParams>;
  labels: { listTitle: string; lead: string; searchLabel: string; newLink: string; empty: string; columns: { name: string } };
  columns: { header: string; numeric?: boolean; cell: (row: Row) => ReactNode }[];
}) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const list = await listOrganizations(await getDb(), actor, { kind, q, page: pageParam(params) });
  return (
    <>
      <h1>{labels.listTitle}</h1>
      <p className="lead">{labels.lead}</p>
      <div className="toolbar">
        <SearchForm action={basePath} label={labels.searchLabel} q={q} active={Boolean(q)} />
        <Link href={`${basePath}/new`} className="button primary">
          {labels.newLink}
        </Link>
      </div>
      {list.rows.length === 0 ? (
        <p className="empty">{labels.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{labels.columns.name}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`${basePath}/${row.id}`}>{row.name}</Link>
                  </th>
                  {columns.map((c) => (
                    <td key={c.header} className={c.numeric ? 'num' : undefined}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath={basePath} query={{ q }} />
    </>
  );
}
