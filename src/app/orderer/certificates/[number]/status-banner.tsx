import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../lookup/labels';

/** The guarantee's status, prominent, in words (never colour alone). */
export function StatusBanner({ status, compact }: { status: GuaranteeStatus; compact?: boolean }) {
  const label = L.statusLabel[status];
  return (
    <p className={`status-banner status-banner-${status}${compact ? ' compact' : ''}`} role={compact ? undefined : 'status'}>
      {L.statusBanner(label)}
    </p>
  );
}
