import Link from 'next/link';
import type { ReactNode } from 'react';
import { COMMON_LABELS as L } from '@/components/common-labels';

/**
 * A list's search box: a plain GET form, so the search lives in the URL (bookmarkable, works without
 * JavaScript) and a new search starts again at page 1.
 */
export function SearchForm({
  action,
  label,
  q,
  active,
  children,
}: {
  action: string;
  label: string;
  q: string | undefined;
  active: boolean;
  children?: ReactNode;
}) {
  return (
    <form action={action} method="get" role="search" className="search">
      {children}
      <div className="field">
        <label htmlFor="list-q">{label}</label>
        <input id="list-q" name="q" type="search" defaultValue={q ?? ''} maxLength={100} />
      </div>
      <button type="submit" className="button">
        {L.search}
      </button>
      {active ? (
        <Link href={action} className="button">
          {L.clear}
        </Link>
      ) : null}
    </form>
  );
}
