import type { Metadata } from 'next';
import { createJointVentureAction } from '@/actions/admin-joint-venture-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listMemberChoices } from '@/domain/joint-ventures/queries';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { JointVentureForm } from '../_components/joint-venture-form';
import { JOINT_VENTURE_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.newMeta };

/** A new 共同企業体: a 特定JV of 甲型 is the usual case, so the form starts there. */
export default async function NewJointVenturePage() {
  const actor = await requirePageActor('admin');
  const companies = await listMemberChoices(await getDb(), actor);
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/joint-ventures', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.lead}</p>
      <section className="panel">
        <JointVentureForm action={createJointVentureAction} defaultValue={{ kind: 'SPECIFIC', mode: 'JOINT', representative: '0', members: [] }} companies={companies} mode="create" />
      </section>
    </>
  );
}
