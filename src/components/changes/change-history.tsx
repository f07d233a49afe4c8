import type { HistoryEntry } from '@/domain/changes/queries';
import { formatPremiumDifference, formatTermValue } from '@/domain/changes/format';
import { formatDateTime, formatIsoDate } from '@/lib/dates';
import { ListTable, type ListColumn } from '@/components/list-table';
import { CHANGE_VIEW_LABELS as L } from './labels';

/** 保証料の増減: the contractor's and the officers' pages show it, the orderer's does not. */
const premiumColumn: ListColumn<HistoryEntry> = {
  header: L.columns.premium,
  cell: (c) => (c.premiumDifference === null ? L.noPremium : formatPremiumDifference(c.premiumDifference)),
};

/** Who recorded the change: the officers' page only. */
const recordedByColumn: ListColumn<HistoryEntry> = { header: L.columns.recordedBy, cell: (c) => c.recordedBy };

/**
 * The 変更契約 history of one guarantee, newest first: every change, whether it issued a (変更)
 * version or was recorded only (【注2】【注3】, with the note's wording as its title).
 */
export function ChangeHistory({ changes, showPremium, showRecordedBy = false }: { changes: HistoryEntry[]; showPremium: boolean; showRecordedBy?: boolean }) {
  return (
    <section className="panel" aria-labelledby="history-title" id="history">
      <h2 id="history-title">{L.historyTitle}</h2>
      <p className="hint">{L.historyLead}</p>
      <ListTable
        className="table"
        caption={L.historyTitle}
        columns={[
          { header: L.columns.changeDate, cell: (c) => formatIsoDate(c.changeDate) },
          {
            header: L.columns.fields,
            grow: true,
            cell: (c) => (
              <ul className="plain change-fields">
                {c.fields.map((f) => (
                  <li key={f.field}>
                    <strong>{f.label}</strong> {formatTermValue(f.field, f.before)} {L.arrow} {formatTermValue(f.field, f.after)}
                  </li>
                ))}
              </ul>
            ),
          },
          { header: L.columns.certificate, cell: (c) => (c.version ? L.issued(c.version) : <span title={L.notIssuedTitle(c.reasonNote)}>{L.notIssued(c.reasonNote)}</span>) },
          ...(showPremium ? [premiumColumn] : []),
          { header: L.columns.reason, grow: true, className: 'pre-wrap', cell: (c) => c.reason },
          { header: L.columns.recordedAt, cell: (c) => formatDateTime(c.recordedAt) },
          ...(showRecordedBy ? [recordedByColumn] : []),
        ]}
        rows={changes}
        rowKey={(c) => c.id}
        empty={L.noHistory}
      />
    </section>
  );
}
