import type { Metadata } from 'next';
import Link from 'next/link';
import { createGatewayRangeAction } from '@/actions/admin-gateway-actions';
import { requirePageActor } from '@/auth/guards';
import { SavedMessage } from '@/app/_components/saved-message';
import { ListTable } from '@/components/list-table';
import { addressBudgetDefaults } from '@/config/budgets';
import { getDb } from '@/db/client';
import { listGatewayRanges } from '@/domain/gateways/queries';
import { firstParam } from '@/lib/search-params';
import { GatewayRangeForm } from './_components/gateway-form';
import { GATEWAY_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

export default async function GatewayRangesPage({ searchParams }: PageProps<'/admin/gateways'>) {
  const actor = await requirePageActor('admin');
  const saved = firstParam(await searchParams, 'saved');
  const ranges = await listGatewayRanges(await getDb(), actor);
  const defaults = addressBudgetDefaults();
  return (
    <>
      <h1>{L.listTitle}</h1>
      <SavedMessage message={saved && Object.hasOwn(L.saved, saved) ? L.saved[saved] : null} />
      <p className="lead">{L.lead}</p>
      <p>{L.defaults(defaults.lookupPerHour, defaults.signInPer15Minutes)}</p>
      <p>{L.exemptSignIn(defaults.signInExemptRangePer15Minutes)}</p>

      <section className="panel" aria-labelledby="ranges-heading">
        <h2 id="ranges-heading">{L.listHeading}</h2>
        <ListTable
          caption={L.listHeading}
          columns={[
            { header: L.columns.name, rowHeader: true, cell: (range) => <Link href={`/admin/gateways/${range.id}`}>{range.name}</Link> },
            { header: L.columns.cidr, className: 'mono', cell: (range) => range.cidr },
            { header: L.columns.mode, cell: (range) => L.modeCell(range.mode, range.failuresPerHour) },
          ]}
          rows={ranges}
          rowKey={(range) => range.id}
          empty={L.empty}
        />
      </section>

      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">{L.addHeading}</h2>
        <GatewayRangeForm key={ranges.length} action={createGatewayRangeAction} mode="create" />
      </section>
    </>
  );
}
