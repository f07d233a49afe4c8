import Link from 'next/link';
import { COMMON_LABELS as L } from '@/components/common-labels';

/** Where this page sits: the list it belongs to and, for nested records, their parent. */
export function Breadcrumbs({ items }: { items: { href: string; label: string }[] }) {
  return (
    <nav aria-label={L.breadcrumbs} className="breadcrumbs">
      <ol>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href}>{item.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
