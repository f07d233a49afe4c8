import type { Metadata } from 'next';
import { removeGatewayRangeAction, updateGatewayRangeAction } from '@/actions/admin-gateway-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { getDb } from '@/db/client';
import { getGatewayRange } from '@/domain/gateways/queries';
import { GatewayRangeForm } from '../_components/gateway-form';
import { RemoveGatewayRangeForm } from '../_components/remove-form';
import { GATEWAY_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.editMeta };

export default async function GatewayRangePage({ params }: PageProps<'/admin/gateways/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const range = await orNotFound(getGatewayRange(await getDb(), actor, requireUuid(id)));
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/gateways', label: L.listTitle }]} />
      <h1>
        {L.editTitle}: {range.name}
      </h1>
      <section className="panel">
        <GatewayRangeForm
          key={range.updatedAt.toISOString()}
          action={updateGatewayRangeAction.bind(null, range.id)}
          defaultValue={{ name: range.name, cidr: range.cidr, mode: range.mode, failuresPerHour: range.failuresPerHour === null ? undefined : String(range.failuresPerHour) }}
          mode="edit"
        />
      </section>
      <section className="panel" aria-labelledby="remove-heading">
        <h2 id="remove-heading">{L.removeHeading}</h2>
        <p>{L.removeLead}</p>
        <RemoveGatewayRangeForm action={removeGatewayRangeAction.bind(null, range.id)} name={range.name} />
      </section>
    </>
  );
}
