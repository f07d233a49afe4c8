import type { Metadata } from 'next';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import Link from 'next/link';
import { applicantJointVentures } from '@/domain/applications/form-options';
import { listJointVentures } from '@/domain/joint-ventures/queries';
import { pageParam } from '@/lib/search-params';
import { JointVentureTable } from '@/app/_components/joint-venture-table';
import { CONTRACTOR_JOINT_VENTURE_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.meta };

/** The JVs the company is a 代表者 or 構成員 of, read-only: the surety registers and changes them. */
export default async function ContractorJointVenturesPage({ searchParams }: PageProps<'/contractor/joint-ventures'>) {
  const actor = await requirePageActor('contractor');
  const db = await getDb();
  const list = await listJointVentures(db, actor, { page: pageParam(await searchParams) });
  const open = new Set((await applicantJointVentures(db, actor)).filter((j) => j.open).map((j) => j.id));
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.lead}</p>
      <p className="muted">{L.note}</p>
      <JointVentureTable
        rows={list.rows}
        empty={L.empty}
        pagination={list.total > 0 ? { page: list.page, pageCount: list.pageCount, total: list.total, basePath: '/contractor/joint-ventures', query: {} } : undefined}
        action={{
          header: L.applyColumn,
          // Only the 代表者's users apply for a JV, and only while it is open (issue 16, D3, D10).
          cell: (row) =>
            open.has(row.id) ? <Link href={`/contractor/applications/new?jv=${row.id}`}>{L.apply}</Link> : L.applyNone,
        }}
      />
    </>
  );
}
