import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { formatIsoDate } from '@/lib/dates';

/**
 * The status banner's words, on the contractor's certificate page, the orderer's certificate page and
 * inside the certificate sheet (compact). Dates are ISO (YYYY-MM-DD) in, 2027/03/31 out.
 */
export const STATUS_BANNER_LABELS = {
  status: GUARANTEE_STATUS_LABEL,
  headline: (label: string) => `この保証の状態: ${label}`,
  /** What follows the headline on one line: the date that decides the status. */
  when: {
    EXPIRED: (guaranteeEnd: string) => `（保証期間 ${formatIsoDate(guaranteeEnd)} まで）`,
    CANCELLED: (cancelledOn: string | null) => (cancelledOn ? `（解除日 ${formatIsoDate(cancelledOn)}）` : ''),
    ending: (guaranteeEnd: string) => `（保証期間満了間近: ${formatIsoDate(guaranteeEnd)} まで）`,
  },
  expired: (guaranteeEnd: string) => `保証期間（至）${formatIsoDate(guaranteeEnd)} を過ぎたため、この保証は期間満了となりました。`,
  cancelled: (cancelledOn: string | null) => (cancelledOn ? `この保証は ${formatIsoDate(cancelledOn)} 付けで解除されました。` : 'この保証は解除されました。'),
  cancelReason: (reason: string) => `解除の理由: ${reason}`,
  ending: (guaranteeEnd: string, periodEnd: string) =>
    `保証期間は ${formatIsoDate(guaranteeEnd)} までですが、工期（至）は ${formatIsoDate(periodEnd)} です。保証期間の満了後も工期が続きます。`,
} as const;
