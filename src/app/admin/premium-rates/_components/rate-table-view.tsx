import type { ReactNode } from 'react';
import { formatIsoDate } from '@/lib/dates';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { amountTierLabel, formatRatePercent, periodBandLabel, rateGrid, roundingLabel, type AmountTier, type PremiumLine, type RateTableInput } from '@/domain/premium/calculate';
import { formatYen } from '@/lib/money';
import { ListTable } from '@/components/list-table';
import { PREMIUM_RATE_LABELS as L } from '../labels';
import styles from './premium-rates.module.css';

/** 「デモ用料率」: every demo table carries it wherever it is shown. */
export function DemoBadge({ isDemo }: { isDemo: boolean }) {
  if (!isDemo) return null;
  return (
    <span className={styles.demoBadge} title={L.demoNote}>
      {L.demo}
    </span>
  );
}

export type TableStatus = keyof typeof L.status;

/** 適用中 (the table in force today), 適用予定 (from a later date) or 適用終了 (superseded). */
export function tableStatus(table: { id: string; effectiveFrom: string }, inForceId: string | undefined, today: string): TableStatus {
  if (table.effectiveFrom > today) return 'scheduled';
  return table.id === inForceId ? 'current' : 'ended';
}

export function StatusText({ status }: { status: TableStatus }) {
  return <span className={status === 'current' ? styles.statusCurrent : undefined}>{L.status[status]}</span>;
}

/** The rates as a grid: rows = amount tiers, columns = period bands, cells = rate in %. */
export function RateGrid({ table }: { table: RateTableInput }) {
  const grid = rateGrid(table.brackets);
  const kind = GUARANTEE_KIND_LABEL[table.guaranteeKind];
  return (
    <ListTable
      className={`table ${styles.grid}`}
      caption={L.grid.caption(kind)}
      captionClassName=""
      columns={[
        { header: L.grid.corner, rowHeader: true, cell: (tier) => amountTierLabel(tier.amountFrom, tier.amountTo) },
        ...grid.bands.map((band) => ({
          header: periodBandLabel(band.periodFromDays, band.periodToDays),
          cell: (tier: AmountTier) => {
            const ppm = grid.rate(tier, band);
            return ppm === undefined ? '—' : `${formatRatePercent(ppm)}%`;
          },
        })),
      ]}
      rows={grid.tiers}
      rowKey={(tier) => `${tier.amountFrom}`}
    />
  );
}

/** 適用開始日, 最低保証料, 端数処理 (and whatever the page adds), as a definition list; the heading carries the demo badge. */
export function TableFacts({ table, children }: { table: RateTableInput; children?: ReactNode }) {
  return (
    <dl className="details">
      <dt>{L.details.effectiveFrom}</dt>
      <dd>{formatIsoDate(table.effectiveFrom)}</dd>
      <dt>{L.details.minimumPremium}</dt>
      <dd>{L.yen(formatYen(table.minimumPremium))}</dd>
      <dt>{L.details.rounding}</dt>
      <dd>{roundingLabel(table.roundingUnit, table.rounding)}</dd>
      {children}
    </dl>
  );
}

/** The computation line by line, as it is kept with the 保証料計算書. */
export function PremiumLines({ lines, caption }: { lines: PremiumLine[]; caption: string }) {
  return (
    <ListTable
      className={`table ${styles.lines}`}
      caption={caption}
      captionClassName="muted"
      columns={[
        { header: L.preview.columns.item, rowHeader: true, cell: (line) => line.label },
        { header: L.preview.columns.detail, cell: (line) => line.detail ?? '' },
        { header: L.preview.columns.amount, className: styles.amount, cell: (line) => line.amount },
      ]}
      rows={lines}
      rowKey={(_, index) => index}
      rowClassName={(line) => (line === lines.at(-1) ? styles.total : undefined)}
    />
  );
}
