import Link from 'next/link';
import styles from './waiting-panel.module.css';
import { WAITING_HREF, WAITING_LABELS as L } from './waiting-labels';

export type Waiting = Record<keyof typeof L.items, number>;

const ORDER = ['applications', 'failedMails', 'locks', 'unpaidPremiums'] as const satisfies readonly (keyof Waiting)[];

/** The admin home's first panel: what waits for an officer, each count a link to its filtered list. */
export function WaitingPanel({ waiting }: { waiting: Waiting }) {
  return (
    <section aria-labelledby="waiting-heading" className={`panel ${styles.panel}`}>
      <h2 id="waiting-heading">{L.title}</h2>
      <ul className={styles.items}>
        {ORDER.map((key) => (
          <li key={key}>
            <Link href={WAITING_HREF[key]} className={waiting[key] > 0 ? styles.waiting : styles.clear}>
              <span className={styles.label}>{L.items[key]}</span> <span className={styles.count}>{waiting[key] > 0 ? L.count(waiting[key]) : L.none}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
