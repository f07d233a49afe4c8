import type { Metadata } from 'next';
import { createOrdererAction } from '@/actions/admin-organization-actions';
import { requirePageActor } from '@/auth/guards';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { ORDERER_LABELS as L } from '../../labels';
import { NEW_ORDERER_DEFAULTS } from '../_components/orderer-defaults';
import { OrdererForm } from '../_components/orderer-form';

export const metadata: Metadata = { title: L.newMeta };

export default async function NewOrdererPage() {
  await requirePageActor('admin');
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/orderers', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.lead}</p>
      <section className="panel">
        <OrdererForm action={createOrdererAction} defaultValue={NEW_ORDERER_DEFAULTS} departments={[]} mode="create" />
      </section>
    </>
  );
}
