import type { Metadata } from 'next';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { saveApplicationAction } from '@/actions/application-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ApplicationForm } from '../_components/application-form';
import { ordererOptions } from '../_components/orderer-options';
import { APPLICATION_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.newMeta };

export default async function NewApplicationPage() {
  await requirePageActor('contractor');
  const orderers = await ordererOptions(await getDb());
  return (
    <>
      <Breadcrumbs items={[{ href: '/contractor/applications', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="muted">{L.invoiceNote}</p>
      <ApplicationForm action={saveApplicationAction.bind(null, undefined)} defaultValue={{ deliveryMethod: 'ELECTRONIC' }} orderers={orderers} />
    </>
  );
}
