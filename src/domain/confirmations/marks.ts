import type { GuaranteeStatus } from '@/generated/prisma/enums';

/**
 * What happened to a certificate since the orderer last confirmed it (pure, shared by the 確認済み一覧,
 * its CSV and the tests):
 *   CHANGED    「新しい版を未確認」: the latest version was issued after what the orderer confirmed, and
 *              none of its staff has confirmed it yet (with the key, or without it on the certificate
 *              page: 「この版を確認しました」); the mark stays until then;
 *   RECORDED   a 変更契約 that issued no certificate (【注2】【注3】) was recorded after the confirmation:
 *              the certificate the clerk holds is still the latest, but the contract moved;
 *   CANCELLED  the guarantee was cancelled (解除) after the confirmation;
 *   EXPIRED    its 保証期間 ran out (期間満了) after the confirmation;
 *   ENDING     its 保証期間 ends within 30 days while the 工期 goes on after it (isPeriodEnding in
 *              domain/guarantees/status.ts) — a warning about now, shown whenever it holds.
 * `status` is the effective one (期間満了 computed from today). A status mark shows only when the
 * status now differs from the status at confirmation: a clerk who confirmed a certificate already
 * 解除 was shown that status then and is not told it again.
 */
export type ConfirmationMark = 'CHANGED' | 'RECORDED' | 'CANCELLED' | 'EXPIRED' | 'ENDING';

export interface MarkInput {
  confirmedVersion: number;
  latestVersion: number;
  statusAtConfirmation: GuaranteeStatus;
  status: GuaranteeStatus;
  /** isPeriodEnding today. */
  ending?: boolean;
  /** A record-only 変更契約 was recorded after the confirmation. */
  recordedSince?: boolean;
  /**
   * Whether any of the orderer's confirmations is of the latest version (the list asks the database);
   * left out: whether the version confirmed is the latest.
   */
  latestVersionConfirmed?: boolean;
}

export function marksSinceConfirmation(c: MarkInput): ConfirmationMark[] {
  const marks: ConfirmationMark[] = [];
  if (!(c.latestVersionConfirmed ?? c.confirmedVersion >= c.latestVersion)) marks.push('CHANGED');
  if (c.recordedSince) marks.push('RECORDED');
  if (c.status !== c.statusAtConfirmation && c.status !== 'ACTIVE') marks.push(c.status);
  if (c.ending && c.status === 'ACTIVE') marks.push('ENDING');
  return marks;
}

/** The orderer's words for a certificate's state (SPEC flow 6: 有効 / 変更済 / 解除 / 期間満了). */
export type DisplayStatus = 'ACTIVE' | 'CHANGED' | 'CANCELLED' | 'EXPIRED';

/** 解除 and 期間満了 outrank 変更済: a cancelled guarantee is cancelled, whatever its versions. */
export function displayStatus(status: GuaranteeStatus, changed: boolean): DisplayStatus {
  if (status !== 'ACTIVE') return status;
  return changed ? 'CHANGED' : 'ACTIVE';
}

export const DISPLAY_STATUS_LABEL: Record<DisplayStatus, string> = {
  ACTIVE: '有効',
  CHANGED: '変更済',
  CANCELLED: '解除',
  EXPIRED: '期間満了',
};

export const MARK_LABEL: Record<ConfirmationMark, string> = {
  CHANGED: '新しい版を未確認',
  RECORDED: '変更契約あり（証書の発行なし）',
  CANCELLED: '解除',
  EXPIRED: '期間満了',
  ENDING: '保証期間満了間近',
};
