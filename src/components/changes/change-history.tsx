import type { HistoryEntry } from '@/domain/changes/queries';
import { formatPremiumDifference, formatTermValue } from '@/domain/changes/format';
import { formatDateTime, formatIsoDate } from '@/lib/dates';
import { CHANGE_VIEW_LABELS as L } from './labels';

/**
 * The 変更契約 history of one guarantee, newest first: every change, whether it issued a (変更)
 * version or was recorded only (【注2】【注3】, with the note's wording as its title).
 */
export function ChangeHistory({ changes, showPremium, showRecordedBy = false }: { changes: HistoryEntry[]; showPremium: boolean; showRecordedBy?: boolean }) {
  return (
    <section className="panel" aria-labelledby="history-title" id="history">
      <h2 id="history-title">{L.historyTitle}</h2>
      <p className="hint">{L.historyLead}</p>
      {changes.length === 0 ? (
        <p className="empty">{L.noHistory}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{L.historyTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{L.columns.changeDate}</th>
                <th scope="col">{L.columns.fields}</th>
                <th scope="col">{L.columns.certificate}</th>
                {showPremium ? <th scope="col">{L.columns.premium}</th> : null}
                <th scope="col">{L.columns.reason}</th>
                <th scope="col">{L.columns.recordedAt}</th>
                {showRecordedBy ? <th scope="col">{L.columns.recordedBy}</th> : null}
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <td>{formatIsoDate(c.changeDate)}</td>
                  <td>
                    <ul className="plain change-fields">
                      {c.fields.map((f) => (
                        <li key={f.field}>
                          <strong>{f.label}</strong> {formatTermValue(f.field, f.before)} {L.arrow} {formatTermValue(f.field, f.after)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{c.version ? L.issued(c.version) : <span title={L.notIssuedTitle(c.reasonNote)}>{L.notIssued(c.reasonNote)}</span>}</td>
                  {showPremium ? <td>{c.premiumDifference === null ? L.noPremium : formatPremiumDifference(c.premiumDifference)}</td> : null}
                  <td className="pre-wrap">{c.reason}</td>
                  <td>{formatDateTime(c.recordedAt)}</td>
                  {showRecordedBy ? <td>{c.recordedBy}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
