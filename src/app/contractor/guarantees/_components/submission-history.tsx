import Link from 'next/link';
import { ListTable } from '@/components/list-table';
import type { SubmissionState } from '@/domain/guarantees/submission-state';
import { formatDateTime } from '@/lib/dates';
import { GUARANTEE_LABELS as L } from '../labels';
import styles from './submission-history.module.css';

/** A 発注者へ送信 as the contractor's pages list it (getContractorCertificate's submissions). */
export interface SubmissionRow {
  id: string;
  createdAt: Date;
  toAddress: string;
  subject: string;
  sentBy: { name: string };
  state: SubmissionState;
}

/** The state in a word: 送信待ち, 送信済み（日時）, 送信できませんでした, … */
export function stateWord(state: SubmissionState): string {
  switch (state.kind) {
    case 'sent':
      return state.at ? L.submissionState.sent(formatDateTime(state.at)) : L.submissionState.sent('—');
    case 'queued':
    case 'gaveUp':
    case 'withdrawn':
    case 'unknown':
      return L.submissionState[state.kind];
    case 'retrying':
      return L.submissionState.retrying;
  }
}

/** What the state means for the contractor, when a word is not enough (none for 送信済み). */
function stateNote(state: SubmissionState): string | null {
  switch (state.kind) {
    case 'queued':
    case 'gaveUp':
    case 'withdrawn':
      return L.submissionStateNote[state.kind];
    case 'retrying':
      return L.submissionStateNote.retrying(formatDateTime(state.nextAttemptAt));
    default:
      return null;
  }
}

function StateCell({ state }: { state: SubmissionState }) {
  const note = stateNote(state);
  const tone = { sent: styles.sent, gaveUp: styles.failed, queued: styles.waiting, retrying: styles.waiting, withdrawn: styles.neutral, unknown: styles.neutral }[state.kind];
  return (
    <>
      <span className={`${styles.state} ${tone}`}>{stateWord(state)}</span>
      {note ? <span className={styles.note}>{note}</span> : null}
    </>
  );
}

/** 発注者への送信履歴: newest first, each with where its mail stands (受付日時 and 状態 first: a card on a phone starts with them). */
export function SubmissionHistory({ submissions }: { submissions: readonly SubmissionRow[] }) {
  return (
    <ListTable
      className="table"
      caption={L.submissionsTitle}
      columns={[
        { header: L.submissionColumns.sentAt, rowHeader: true, className: styles.when, cell: (s) => formatDateTime(s.createdAt) },
        { header: L.submissionColumns.status, cell: (s) => <StateCell state={s.state} /> },
        { header: L.submissionColumns.to, className: 'email', cell: (s) => s.toAddress },
        { header: L.submissionColumns.subject, cell: (s) => s.subject },
        { header: L.submissionColumns.by, cell: (s) => s.sentBy.name },
      ]}
      rows={submissions}
      rowKey={(s) => s.id}
      empty={L.noSubmissions}
    />
  );
}

/**
 * Above the key page's 送信履歴: the latest sending's state (announced when the page reads it again
 * and it changed), a link to read it again, and, while it waits, that the page does so by itself.
 */
export function LatestSubmission({ latest, refreshHref, pending }: { latest: SubmissionRow; refreshHref: string; pending: boolean }) {
  return (
    <div className={styles.latest}>
      <p role="status">
        <strong>{L.latestState(stateWord(latest.state))}</strong>
      </p>
      <Link href={refreshHref}>{L.refresh}</Link>
      {pending ? <p className={`muted ${styles.auto}`}>{L.autoRefresh}</p> : null}
    </div>
  );
}
