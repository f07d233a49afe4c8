import type { MailStatus } from '@/generated/prisma/enums';
import { isWithdrawnKeyNotice } from './withdrawn-key-notice';

/**
 * Where a 「発注者へ送信」 stands, as its contractor is told (pure): read from its outbox mail (009),
 * whose delivery errors (SMTP replies, in English) are never shown to them.
 */
export type SubmissionState =
  /** Queued, not tried yet. */
  | { kind: 'queued' }
  /** Tried and failed; the worker tries again at `nextAttemptAt`. */
  | { kind: 'retrying'; nextAttemptAt: Date }
  /** Accepted by the mail server at `at` (always recorded by the worker). */
  | { kind: 'sent'; at: Date | null }
  /** Failed for good after the last attempt (an officer may 再送 it; the contractor may send again). */
  | { kind: 'gaveUp' }
  /** Not sent, or failed and never to be sent again: the key was reissued (019, 046; withdrawn-key-notice.ts). */
  | { kind: 'withdrawn' }
  /** No outbox mail recorded with it. */
  | { kind: 'unknown' };

export interface SubmissionMail {
  status: MailStatus;
  attempts: number;
  sentAt: Date | null;
  nextAttemptAt: Date;
  lastError: string | null;
}

export function submissionState(mail: SubmissionMail | null): SubmissionState {
  if (!mail) return { kind: 'unknown' };
  switch (mail.status) {
    case 'SENT':
      return { kind: 'sent', at: mail.sentAt };
    case 'FAILED':
      return isWithdrawnKeyNotice(mail) ? { kind: 'withdrawn' } : { kind: 'gaveUp' };
    case 'PENDING':
      return mail.attempts > 0 ? { kind: 'retrying', nextAttemptAt: mail.nextAttemptAt } : { kind: 'queued' };
  }
}

/** Whether the state may still change by itself (the page then offers to look again). */
export const stillMoving = (state: SubmissionState) => state.kind === 'queued' || state.kind === 'retrying';
