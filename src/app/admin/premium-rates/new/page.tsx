import type { Metadata } from 'next';
import { formatIsoDate } from '@/lib/dates';
import { createRateTableAction } from '@/actions/admin-premium-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { GUARANTEE_KINDS, type GuaranteeKind } from '@/domain/premium/calculate';
import { getRateTable } from '@/domain/premium/rate-tables';
import { rateTableFormValues, type RateTableFormInput } from '@/domain/premium/schemas';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { PREMIUM_RATE_LABELS as L } from '../labels';
import { RateTableForm } from '../_components/rate-table-form';

export const metadata: Metadata = { title: L.newMeta };

const isKind = (value: unknown): value is GuaranteeKind => GUARANTEE_KINDS.some((kind) => kind === value);

/** `?kind=ADVANCE&from=<id>`: a new table of the kind, prefilled from an existing table (any kind). */
export default async function NewPremiumRateTablePage({ searchParams }: PageProps<'/admin/premium-rates/new'>) {
  const actor = await requirePageActor('admin');
  const query = await searchParams;
  const kindParam = firstParam(query, 'kind');
  const fromParam = firstParam(query, 'from');
  const source = fromParam ? await orNotFound(getRateTable(await getDb(), actor, requireUuid(fromParam))) : null;
  const kind = isKind(kindParam) ? kindParam : (source?.guaranteeKind ?? 'ADVANCE');
  const defaultValue: Partial<RateTableFormInput> = source
    ? { ...rateTableFormValues(source), guaranteeKind: kind, note: '' }
    : { guaranteeKind: kind, minimumPremium: '0', roundingUnit: '1', rounding: 'FLOOR' };
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/premium-rates', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.newLead}</p>
      {source ? <p className="muted">{L.copiedFrom(GUARANTEE_KIND_LABEL[source.guaranteeKind], formatIsoDate(source.effectiveFrom))}</p> : null}
      <section className="panel">
        <RateTableForm action={createRateTableAction} defaultValue={defaultValue} />
      </section>
    </>
  );
}
