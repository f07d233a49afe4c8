import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listJointVentures } from '@/domain/joint-ventures/queries';
import { firstParam, pageParam } from '@/lib/search-params';
import { JointVentureTable } from '@/app/_components/joint-venture-table';
import { SearchForm } from '@/app/_components/search-form';
import { JOINT_VENTURE_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

const BASE = '/admin/joint-ventures';

/** 共同企業体 (decision 065): every JV by name, searched by a part of its name, 50 a page. */
export default async function JointVenturesPage({ searchParams }: PageProps<'/admin/joint-ventures'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const list = await listJointVentures(await getDb(), actor, { q, page: pageParam(params) });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <div className="toolbar">
        <SearchForm action={BASE} label={L.searchLabel} q={q} active={Boolean(q)} />
        <Link href={`${BASE}/new`} className="button primary">
          {L.newLink}
        </Link>
      </div>
      <JointVentureTable
        rows={list.rows}
        href={(row) => `${BASE}/${row.id}`}
        empty={q ? L.noMatch : L.empty}
        pagination={{ page: list.page, pageCount: list.pageCount, total: list.total, basePath: BASE, query: { q } }}
      />
    </>
  );
}
