import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { Field } from '@/components/form';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { readUnconfirmedDays, unconfirmedGuarantees } from '@/domain/contracts/match-report';
import { unconfirmedRequiredText } from '@/domain/contracts/report-csv';
import { formatSlashDate } from '@/lib/date-input';
import { todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { firstParam } from '@/lib/search-params';
import { ReportTabs } from '../_components/report-tabs';
import { REPORT_LABELS as L } from '../report-labels';
import styles from './unconfirmed.module.css';

export const metadata: Metadata = { title: L.unconfirmedMeta };

/**
 * 保証未確認: contracts whose required guarantee has no confirmed certificate of its kind matched `days`
 * days after 契約日 (default 14, `?days=`; decision 072 amended), oldest first, with its CSV.
 */
export default async function UnconfirmedPage({ searchParams }: PageProps<'/orderer/contracts/unconfirmed'>) {
  const actor = await requirePageActor('orderer');
  const typed = firstParam(await searchParams, 'days');
  const { days, invalid } = readUnconfirmedDays(typed);
  const rows = await unconfirmedGuarantees(await getDb(), actor, days, todayInTokyo());
  const meta = { id: 'unconfirmed-days', name: 'days', errorId: 'unconfirmed-days-error', errors: invalid ? [L.daysError] : [] };
  return (
    <>
      <h1>{L.unconfirmedTitle}</h1>
      <ReportTabs current="unconfirmed" />
      <p className="lead">{L.unconfirmedLead}</p>
      <form action="/orderer/contracts/unconfirmed" method="get" className={styles.form}>
        <Field meta={meta} label={L.daysLabel} hint={L.daysHint}>
          <span className={styles.inline}>
            <input
              id={meta.id}
              name="days"
              type="text"
              inputMode="numeric"
              className={styles.days}
              defaultValue={invalid ? (typed ?? '') : String(days)}
              aria-invalid={invalid || undefined}
              aria-describedby={`unconfirmed-days-hint${invalid ? ' unconfirmed-days-error' : ''}`}
              size={4}
            />
            <span className={styles.unit}>{L.daysUnit}</span>
          </span>
        </Field>
        <div className={styles.button}>
          <button type="submit" className="button">
            {L.show}
          </button>
        </div>
      </form>
      <p>
        <strong>{L.unconfirmedCount(rows.length, days)}</strong>
      </p>
      <div className="actions">
        <a href={`/orderer/contracts/unconfirmed/csv?days=${days}`} className="button" download aria-describedby="unconfirmed-csv-hint">
          {L.csv}
        </a>
      </div>
      <p className="muted" id="unconfirmed-csv-hint">
        {L.unconfirmedCsvHint}
      </p>
      <ListTable
        caption={L.unconfirmedCaption(actor.organizationName, days)}
        columns={[
          {
            header: L.unconfirmedColumns.contractNumber,
            rowHeader: true,
            cell: (r) => (
              <Link href={`/orderer/contracts/${r.contractId}`} aria-label={L.openContract(r.contractNumber)}>
                {r.contractNumber}
              </Link>
            ),
          },
          { header: L.unconfirmedColumns.projectName, primary: true, grow: true, cell: (r) => r.projectName },
          { header: L.unconfirmedColumns.contractorName, primary: true, cell: (r) => r.contractorName },
          { header: L.unconfirmedColumns.contractAmount, headerClassName: 'num', className: 'num', cell: (r) => formatYen(r.contractAmount) },
          { header: L.unconfirmedColumns.contractDate, cell: (r) => formatSlashDate(r.contractDate) },
          { header: L.unconfirmedColumns.daysSince, headerClassName: 'num', className: 'num', cell: (r) => L.daysSince(r.daysSince) },
          { header: L.unconfirmedColumns.required, cell: (r) => unconfirmedRequiredText(r) },
          { header: L.unconfirmedColumns.missing, primary: true, cell: (r) => <strong>{r.missing.map((m) => L.requiredGuarantee[m]).join('・')}</strong> },
          { header: L.unconfirmedColumns.matched, cell: (r) => r.matchedNumber ?? L.none },
        ]}
        rows={rows}
        rowKey={(r) => r.contractId}
        empty={L.unconfirmedEmpty(days)}
      />
    </>
  );
}
