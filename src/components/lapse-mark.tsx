import { LAPSE_LABELS } from '@/domain/contracts/lapse-labels';
import type { LapseKind } from '@/domain/contracts/lapse-rules';

/**
 * The lapse watcher's mark in a list (decision 075): the orderer's register and the contractor's
 * 保証工事一覧. 「要変更契約」 above the kinds, so that the mark stays narrow in its column; read as one
 * phrase (the line break adds no text).
 */
export function LapseMark({ kinds }: { kinds: readonly LapseKind[] }) {
  const [head, detail] = LAPSE_LABELS.markLines(kinds);
  return (
    <strong className="lapse-mark">
      {head}
      <br />
      {detail}
    </strong>
  );
}
