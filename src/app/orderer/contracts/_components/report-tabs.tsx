import Link from 'next/link';
import { REPORT_LABELS as L } from '../report-labels';
import styles from './report-tabs.module.css';

const TABS = [
  { key: 'register', href: '/orderer/contracts' },
  { key: 'report', href: '/orderer/contracts/report' },
  { key: 'unconfirmed', href: '/orderer/contracts/unconfirmed' },
] as const;

/** The register and its two reports (decision 072 amended), one link each; the page shown marked. */
export function ReportTabs({ current }: { current: (typeof TABS)[number]['key'] }) {
  return (
    <nav aria-label={L.tabs.label}>
      <ul className={styles.tabs}>
        {TABS.map((t) => (
          <li key={t.key}>
            <Link href={t.href} aria-current={t.key === current ? 'page' : undefined}>
              {L.tabs[t.key]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
