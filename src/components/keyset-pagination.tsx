import Link from 'next/link';

/**
 * The paging of a keyset-paged list (decision 017): the count (capped), the page shown, and links to
 * the first page, the previous and the next — no page numbers to jump to, since they would need
 * OFFSET. The caller builds the links (its cursors live in its own URL) and passes its words.
 */
export function KeysetPagination({
  label,
  total,
  page,
  firstHref,
  previousHref,
  nextHref,
  words,
}: {
  /** The navigation's accessible name (e.g. 「保証一覧のページ」). */
  label: string;
  /** 「全N件」 or 「200件以上」. */
  total: string;
  /** 「2ページ目」, shown when there is more than one page. */
  page: string;
  firstHref?: string;
  previousHref?: string;
  nextHref?: string;
  words: { first: string; previous: string; next: string };
}) {
  const paged = Boolean(previousHref || nextHref);
  return (
    <nav className="pagination" aria-label={label}>
      <p className="muted">
        {total}
        {paged ? `（${page}）` : null}
      </p>
      {paged ? (
        <ul>
          {previousHref ? (
            <>
              {firstHref ? (
                <li>
                  <Link href={firstHref}>{words.first}</Link>
                </li>
              ) : null}
              <li>
                <Link href={previousHref} rel="prev">
                  {words.previous}
                </Link>
              </li>
            </>
          ) : null}
          {nextHref ? (
            <li>
              <Link href={nextHref} rel="next">
                {words.next}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </nav>
  );
}
