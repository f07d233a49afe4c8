import type { ReactNode } from 'react';

/** Labelled values as the house's definition list (`.details`): each value keeps its line breaks. */
export function DetailsList({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label} className="details-row">
          <dt>{label}</dt>
          <dd className="pre-wrap">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
