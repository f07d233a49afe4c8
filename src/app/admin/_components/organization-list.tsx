import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listOrganizations } from '@/domain/organizations/queries';
import type { OrganizationKind } from '@/generated/prisma/enums';
import { ListTable, type ListColumn } from '@/components/list-table';
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
  columns: ListColumn<Row>[];
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
      <ListTable
        className="table"
        columns={[
          { header: labels.columns.name, rowHeader: true, cell: (row: Row) => <Link href={`${basePath}/${row.id}`}>{row.name}</Link> },
          ...columns,
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={labels.empty}
        pagination={{ page: list.page, pageCount: list.pageCount, total: list.total, basePath, query: { q } }}
      />
    </>
  );
}
