import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { ListTable } from '@/components/list-table';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { GUARANTEE_KINDS, roundingLabel } from '@/domain/premium/calculate';
import { formatYen } from '@/lib/money';
import { findRateTableInForce, listRateTables } from '@/domain/premium/rate-tables';
import { formatDateTime, todayInTokyo, formatIsoDate } from '@/lib/dates';
import { PREMIUM_RATE_LABELS as L } from './labels';
import { DemoBadge, RateGrid, StatusText, TableFacts, tableStatus } from './_components/rate-table-view';
import styles from './_components/premium-rates.module.css';

export const metadata: Metadata = { title: L.listMeta };

/** Per kind: the table in force today (its grid), and every table of the kind (the history). */
export default async function PremiumRatesPage() {
  const actor = await requirePageActor('admin');
  const db = await getDb();
  const today = todayInTokyo();
  const kinds = await Promise.all(
    GUARANTEE_KINDS.map(async (kind) => ({
      kind,
      inForce: await findRateTableInForce(db, kind, today),
      history: await listRateTables(db, actor, kind),
    })),
  );
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      {kinds.map(({ kind, inForce, history }) => {
        const label = GUARANTEE_KIND_LABEL[kind];
        const headingId = `kind-${kind}`;
        return (
          <section key={kind} className={`panel ${styles.kind}`} aria-labelledby={headingId}>
            <div className="section-head">
              <h2 id={headingId}>{label}</h2>
              <Link href={`/admin/premium-rates/new?kind=${kind}${inForce ? `&from=${inForce.id}` : ''}`} className="button primary">
                {L.newFor(label)}
              </Link>
            </div>
            {inForce ? (
              <>
                <h3>
                  {L.inForceHeading}
                  <DemoBadge isDemo={inForce.isDemo} />
                </h3>
                <TableFacts table={inForce} />
                <RateGrid table={inForce} />
                <p className="actions">
                  <Link href={`/admin/premium-rates/${inForce.id}`}>{L.openTable}</Link>
                </p>
              </>
            ) : (
              <p className="empty">{L.noTableInForce}</p>
            )}
            <h3>{L.historyHeading(label)}</h3>
            <ListTable
              className="table"
              columns={[
                {
                  header: L.historyColumns.effectiveFrom,
                  rowHeader: true,
                  cell: (row) => (
                    <>
                      <Link href={`/admin/premium-rates/${row.id}`}>{formatIsoDate(row.effectiveFrom)}</Link>
                      <DemoBadge isDemo={row.isDemo} />
                    </>
                  ),
                },
                { header: L.historyColumns.status, cell: (row) => <StatusText status={tableStatus(row, inForce?.id, today)} /> },
                { header: L.historyColumns.minimumPremium, className: 'num', cell: (row) => L.yen(formatYen(row.minimumPremium)) },
                { header: L.historyColumns.rounding, cell: (row) => roundingLabel(row.roundingUnit, row.rounding) },
                { header: L.historyColumns.createdBy, cell: (row) => row.createdByName ?? L.unknownUser },
                { header: L.historyColumns.createdAt, cell: (row) => formatDateTime(row.createdAt) },
              ]}
              rows={history}
              rowKey={(row) => row.id}
              empty={L.historyEmpty}
            />
          </section>
        );
      })}
    </>
  );
}
