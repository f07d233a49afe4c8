import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { findRateTableInForce, getRateTable } from '@/domain/premium/rate-tables';
import { formatDateTime, todayInTokyo, formatIsoDate } from '@/lib/dates';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { PREMIUM_RATE_LABELS as L } from '../labels';
import { PremiumPreview } from '../_components/premium-preview';
import { DemoBadge, RateGrid, StatusText, TableFacts, tableStatus } from '../_components/rate-table-view';

export const metadata: Metadata = { title: L.detailMeta };

/** One rate table as stored (never edited), its status today, and the calculator to check it. */
export default async function PremiumRateTablePage({ params, searchParams }: PageProps<'/admin/premium-rates/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const query = await searchParams;
  const db = await getDb();
  const table = await orNotFound(getRateTable(db, actor, requireUuid(id)));
  const today = todayInTokyo();
  const inForce = await findRateTableInForce(db, table.guaranteeKind, today);
  const kind = GUARANTEE_KIND_LABEL[table.guaranteeKind];
  const saved = firstParam(query, 'saved');
  // The calculator's fields as sent, blank ones included (a blank field is answered with its error).
  const raw = (name: string) => {
    const value = query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/premium-rates', label: L.listTitle }]} />
      <h1>
        {L.detailTitle(kind, formatIsoDate(table.effectiveFrom))}
        <DemoBadge isDemo={table.isDemo} />
      </h1>
      <SavedMessage message={saved === 'created' ? L.created : null} />
      <section className="panel" aria-labelledby="table-heading">
        <div className="section-head">
          <h2 id="table-heading">{L.details.kind}: {kind}</h2>
          <Link href={`/admin/premium-rates/new?kind=${table.guaranteeKind}&from=${table.id}`} className="button">
            {L.newFrom}
          </Link>
        </div>
        <TableFacts table={table}>
          <dt>{L.details.status}</dt>
          <dd>
            <StatusText status={tableStatus(table, inForce?.id, today)} />
          </dd>
          <dt>{L.details.createdBy}</dt>
          <dd>{table.createdByName ?? L.unknownUser}</dd>
          <dt>{L.details.createdAt}</dt>
          <dd>{formatDateTime(table.createdAt)}</dd>
          {table.note ? (
            <>
              <dt>{L.details.note}</dt>
              <dd>{table.note}</dd>
            </>
          ) : null}
        </TableFacts>
        <RateGrid table={table} />
        <p className="muted">{L.grid.explanation}</p>
      </section>
      <PremiumPreview
        table={table}
        action={`/admin/premium-rates/${table.id}`}
        amount={raw('amount')}
        days={raw('days')}
      />
    </>
  );
}
