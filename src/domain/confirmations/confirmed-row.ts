import type { KeysetPage } from '@/domain/guarantees/keyset';
import type { GuaranteeKind, GuaranteeStatus } from '@/generated/prisma/enums';
import type { ConfirmationMark, DisplayStatus } from './marks';

/** One guarantee the orderer confirmed, with its latest confirmation by any of the orderer's staff. */
export interface ConfirmedRow {
  guaranteeId: string;
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  contractorName: string;
  guaranteeAmount: bigint;
  confirmedAt: Date;
  /** Who confirmed (null if the confirmation was not made by a signed-in clerk). */
  userName: string | null;
  departmentName: string | null;
  confirmedVersion: number;
  latestVersion: number;
  statusAtConfirmation: GuaranteeStatus;
  /** In effect today (期間満了 computed from the 保証期間 in Asia/Tokyo). */
  status: GuaranteeStatus;
  displayStatus: DisplayStatus;
  /** What happened since that confirmation, and the ending 保証期間 (empty: nothing). */
  marks: ConfirmationMark[];
  /** The 契約台帳 contract the certificate is matched to, and how many findings of its consistency check are to act on (null: 未照合). */
  contractMatch: { contractId: string; contractNumber: string; problems: number } | null;
}

/** One page of the 確認済み一覧: keyset-paged, the total counted up to COUNT_CAP (decision 017). */
export type ConfirmedPage = KeysetPage<ConfirmedRow>;
