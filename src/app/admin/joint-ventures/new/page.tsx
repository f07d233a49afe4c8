import type { Metadata } from 'next';
import { createJointVentureAction } from '@/actions/admin-joint-venture-actions';
import { requirePageActor } from '@/auth/guards';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { JointVentureForm } from '../_components/joint-venture-form';
import { JOINT_VENTURE_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.newMeta };

/** A new 共同企業体: a 特定JV of 甲型 is the usual case, so the form starts there. */
export default async function NewJointVenturePage() {
  await requirePageActor('admin');
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/joint-ventures', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.lead}</p>
      <section className="panel">
        <JointVentureForm action={createJointVentureAction} defaultValue={{ kind: 'SPECIFIC', mode: 'JOINT', representative: '0', members: [] }} companies={[]} mode="create" />
      </section>
    </>
  );
}
