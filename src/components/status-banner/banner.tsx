import type { StatusView } from '@/domain/guarantees/status';
import { STATUS_BANNER_LABELS as L } from './labels';

/**
 * The headline: 「この保証の状態: 期間満了（保証期間 2027/03/31 まで）」 — the compact banner's one line,
 * also printed on the certificate PDF from the print view (decision 073).
 */
export function statusHeadline(view: StatusView): string {
  const when =
    view.status === 'EXPIRED'
      ? L.when.EXPIRED(view.guaranteeEnd)
      : view.status === 'CANCELLED'
        ? L.when.CANCELLED(view.cancelledOn)
        : view.ending
          ? L.when.ending(view.guaranteeEnd)
          : '';
  return `${L.headline(L.status[view.status])}${when}`;
}

/**
 * A guarantee's status, prominent and in words (never colour alone), as the contractor and the orderer
 * see it: 有効, 解除 with its date and reason, 期間満了 with the end of the 保証期間, and a warning when
 * the 保証期間 ends within 30 days while the 工期 goes on. `compact` is the one-line form inside the
 * certificate sheet (the print view keeps it); `hideActive` shows nothing for a guarantee simply in force.
 */
export function GuaranteeStatusBanner({ view, compact, hideActive }: { view: StatusView; compact?: boolean; hideActive?: boolean }) {
  const quiet = view.status === 'ACTIVE' && !view.ending;
  if (quiet && hideActive) return null;
  const className = `status-banner status-banner-${view.status}${view.status === 'ACTIVE' && view.ending ? ' status-banner-ending' : ''}`;
  if (compact) return <p className={`${className} compact`}>{statusHeadline(view)}</p>;
  const details =
    view.status === 'EXPIRED'
      ? [L.expired(view.guaranteeEnd)]
      : view.status === 'CANCELLED'
        ? [L.cancelled(view.cancelledOn), ...(view.cancelReason ? [L.cancelReason(view.cancelReason)] : [])]
        : view.ending
          ? [L.ending(view.guaranteeEnd, view.periodEnd)]
          : [];
  return (
    <div className={className} role="status">
      <p>{statusHeadline(view)}</p>
      {details.map((line) => (
        <p key={line} className="status-detail">
          {line}
        </p>
      ))}
    </div>
  );
}
