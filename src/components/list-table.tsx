import type { Key, ReactNode } from 'react';
import { Pagination } from './pagination';
import styles from './list-table.module.css';

/** One column of a list: its header, and what each row shows in it. */
export type ListColumn<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /**
   * The header as plain text, shown beside each value when the rows are cards (a phone): needed only
   * when `header` is not a string (e.g. a sort link); a string header is its own label. '' for none
   * (a row header that names itself, such as the 項目 of a comparison).
   */
  label?: string;
  /** The row's name for screen readers (`<th scope="row">`): the cell that links to the row's page. It heads the card. */
  rowHeader?: boolean;
  /** Shown first on a card, after the row header (e.g. 工事名, 発注者, the amounts). */
  primary?: boolean;
  /**
   * Long text (工事名, 件名, 理由): it takes the room the other columns leave on a desktop and may
   * wrap there, and the card's whole width on a phone. Other columns keep short names whole
   * (大村市長 never breaks after 市).
   */
  grow?: boolean;
  /** On the body cells, e.g. 'num' for right-aligned figures. */
  className?: string;
  /** On the column header; separate from `className` because most lists align only the figures. */
  headerClassName?: string;
  /** aria-sort of a sortable column's header (the header then holds the sort link). */
  ariaSort?: 'ascending' | 'descending';
};

type PaginationProps = Parameters<typeof Pagination>[0];

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

/** Nothing to show: the card hides the cell (a screen reader still finds it in its column). */
const isEmpty = (content: ReactNode) => content === '' || content === null || content === undefined || content === false;

/**
 * A table of rows under their column headers (a list page's, or a panel's), or the list's empty
 * message, then the paging with its 「全 N 件」 when `pagination` is given (pages with a note between
 * the table and the paging, or keyset paging, render their own). Columns are data, so each page says
 * only what differs.
 *
 * Where the list is narrower than its columns need (a phone; `wide` tables below 52rem, others below
 * 36rem of their own width, a container query in list-table.module.css), each row becomes a card:
 * the row header on top, then the `primary` columns, then the rest, each value under its column's
 * header (`data-label`). The table's roles are written out, so that a screen reader still meets rows
 * of cells under column headers where the browser would drop a restyled table's own.
 */
export function ListTable<Row>({
  columns,
  rows,
  rowKey,
  rowClassName,
  caption,
  captionClassName = 'visually-hidden',
  empty,
  className = 'table wide',
  wrapClassName = 'table-wrap',
  pagination,
  sortLabel,
}: {
  columns: readonly ListColumn<Row>[];
  rows: readonly Row[];
  /** The row's React key; the index serves rows that have no id of their own. */
  rowKey: (row: Row, index: number) => Key;
  rowClassName?: (row: Row) => string | undefined;
  /** The table's accessible name; hidden unless `captionClassName` says otherwise. */
  caption?: ReactNode;
  /** '' for a caption shown as it is, without a class. */
  captionClassName?: string;
  /** Shown instead of the table when there are no rows; without it the table shows its headers only. */
  empty?: ReactNode;
  /** The table's classes: 'table wide' for many columns (cards below 52rem), 'table' for a few (cards below 36rem). */
  className?: string;
  /** The wrapper's classes ('table-wrap' scrolls sideways what still does not fit); '' for none. */
  wrapClassName?: string;
  pagination?: PaginationProps;
  /** Where headers hold sort links: the word shown before them above the cards (e.g. 並べ替え). */
  sortLabel?: string;
}) {
  const wide = className.split(/\s+/).includes('wide');
  const labels = columns.map((column) => (column.label ?? (typeof column.header === 'string' ? column.header : undefined)) || undefined);
  const table = (
    <table className={classes(className, styles.list)} role="table">
      {caption ? <caption className={captionClassName || undefined}>{caption}</caption> : null}
      <thead role="rowgroup">
        <tr role="row" data-sort-label={sortLabel}>
          {columns.map((column, index) => (
            <th key={index} scope="col" role="columnheader" aria-sort={column.ariaSort} className={classes(column.headerClassName, column.grow && styles.grow)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row, rowIndex) => (
          <tr key={rowKey(row, rowIndex)} className={rowClassName?.(row)} role="row">
            {columns.map((column, index) => {
              const content = column.cell(row);
              const cellClass = classes(column.className, column.grow && styles.grow, column.primary && styles.primary, isEmpty(content) && styles.empty);
              return column.rowHeader ? (
                <th key={index} scope="row" role="rowheader" className={cellClass} data-label={labels[index]}>
                  {content}
                </th>
              ) : (
                <td key={index} role="cell" className={cellClass} data-label={labels[index]}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {rows.length === 0 && empty !== undefined ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className={classes('list-table', styles.container, wide ? styles.wide : styles.narrow, wrapClassName)}>{table}</div>
      )}
      {pagination ? <Pagination {...pagination} /> : null}
    </>
  );
}
