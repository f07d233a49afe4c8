import type { Metadata } from 'next';
import { closeJointVentureAction, updateJointVentureAction } from '@/actions/admin-joint-venture-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { getJointVenture } from '@/domain/joint-ventures/queries';
import { formatShare } from '@/domain/joint-ventures/rules';
import { dbDateToIso, formatIsoDate } from '@/lib/dates';
import { firstParam } from '@/lib/search-params';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { jointVentureStatus } from '@/app/_components/joint-venture-table';
import { SavedMessage } from '@/app/_components/saved-message';
import { CloseJointVentureForm } from '../_components/close-form';
import { JointVentureForm, type JointVentureFormValue } from '../_components/joint-venture-form';
import { JOINT_VENTURE_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.editMeta };

/** One 共同企業体: its form (members, shares, the warnings), then 解散. */
export default async function JointVenturePage({ params, searchParams }: PageProps<'/admin/joint-ventures/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const saved = firstParam(await searchParams, 'saved');
  const db = await getDb();
  const jv = await orNotFound(getJointVenture(db, actor, requireUuid(id)));
  // The members' names only: any other company is found through the company box.
  const companies = jv.members.map((m) => ({ id: m.organizationId, name: m.organization.active ? m.organization.name : `${m.organization.name}${L.inactive}` }));
  const defaultValue: JointVentureFormValue = {
    name: jv.name,
    nameKana: jv.nameKana ?? undefined,
    kind: jv.kind,
    mode: jv.mode,
    formedOn: jv.formedOn ? formatIsoDate(dbDateToIso(jv.formedOn)) : undefined,
    representative: String(Math.max(0, jv.members.findIndex((m) => m.role === 'REPRESENTATIVE'))),
    members: jv.members.map((m) => ({ organizationId: m.organizationId, share: formatShare(m.shareBasisPoints) })),
    note: jv.note ?? undefined,
  };
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/joint-ventures', label: L.listTitle }]} />
      <h1>
        {L.editTitle}: {jv.name}
      </h1>
      <SavedMessage message={saved ? L.saved[saved] : null} />
      <p>
        {L.status}: {jointVentureStatus(jv.closedOn)}
      </p>
      <section className="panel">
        <JointVentureForm
          key={jv.updatedAt.toISOString()}
          action={updateJointVentureAction.bind(null, jv.id)}
          defaultValue={defaultValue}
          companies={companies}
          mode="edit"
          revision={jv.revision}
          locked={jv.lockedAt !== null}
        />
      </section>
      <section className="panel" id="close" aria-labelledby="close-heading">
        <h2 id="close-heading">{L.close.heading}</h2>
        <CloseJointVentureForm
          key={jv.updatedAt.toISOString()}
          action={closeJointVentureAction.bind(null, jv.id)}
          closedOn={jv.closedOn ? formatIsoDate(dbDateToIso(jv.closedOn)) : undefined}
          revision={jv.revision}
        />
      </section>
    </>
  );
}
