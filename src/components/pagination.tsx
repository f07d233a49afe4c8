import Link from 'next/link';
import { COMMON_LABELS as L } from './common-labels';

/** Page numbers shown around the current one; the first and last are always reachable. */
function pageWindow(page: number, pageCount: number): (number | 'gap')[] {
  const pages = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && p - last > 1) out.push('gap');
    out.push(p);
  }
  return out;
}

/** Paging links that keep the list's other query parameters (search, filters). */
export function Pagination({
  page,
  pageCount,
  total,
  basePath,
  query,
}: {
  page: number;
  pageCount: number;
  total: number;
  basePath: string;
  query: Record<string, string | undefined>;
}) {
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (target > 1) params.set('page', String(target));
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  return (
    <nav className="pagination" aria-label={L.pagination}>
      <p className="muted">
        {L.total(total)}
        {pageCount > 1 ? `（${L.pageOf(Math.min(page, pageCount), pageCount)}）` : null}
      </p>
      {pageCount > 1 ? (
        <ul>
          {page > 1 ? (
            <li>
              <Link href={href(Math.min(page - 1, pageCount))} rel="prev">
                {L.previous}
              </Link>
            </li>
          ) : null}
          {pageWindow(page, pageCount).map((p, index) =>
            p === 'gap' ? (
              <li key={`gap-${index}`} aria-hidden="true">
                …
              </li>
            ) : (
              <li key={p}>
                <Link href={href(p)} aria-label={L.pageLink(p)} aria-current={p === page ? 'page' : undefined}>
                  {p}
                </Link>
              </li>
            ),
          )}
          {page < pageCount ? (
            <li>
              <Link href={href(page + 1)} rel="next">
                {L.next}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </nav>
  );
}
