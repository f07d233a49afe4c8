import type { JvRole } from '@/domain/guarantees/list';
import { GUARANTEE_LABELS as L } from '../labels';

/**
 * A JV guarantee's mark after its 区分 (issue 16 B6): 「JV代表」 / 「JV構成員」 seen, and its full words
 * (「共同企業体（代表者）」…) for screen readers; nothing for a single company's guarantee.
 */
export function JvMark({ role }: { role: JvRole | null }) {
  if (!role) return null;
  return (
    <>
      {' '}
      <span className="badge" aria-hidden="true">
        {L.jvMark[role]}
      </span>
      <span className="visually-hidden">{L.jvMarkLong[role]}</span>
    </>
  );
}
