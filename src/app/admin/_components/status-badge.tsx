import { COMMON_LABELS as L } from '../labels';

export function StatusBadge({ active }: { active: boolean }) {
  return <span className={active ? 'badge on' : 'badge off'}>{active ? L.active : L.inactive}</span>;
}
