import type { Key, ReactNode } from 'react';
import { Pagination } from './pagination';

/** One column of a list: its header, and what each row shows in it. */
export type ListColumn<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The row's name for screen readers (`<th scope="row">`): the cell that links to the row's page. */
  rowHeader?: boolean;
  /** On the body cells, e.g. 'num' for right-aligned figures. */
  className?: string;
  /** On the column header; separate from `className` because most lists align only the figures. */
  headerClassName?: string;
  /** aria-sort of a sortable column's header (the header then holds the sort link). */
  ariaSort?: 'ascending' | 'descending';
};

type PaginationProps = Parameters<typeof Pagination>[0];

/**
 * A table of rows under their column headers (a list page's, or a panel's), or the list's empty
 * message, then the paging with its 「全 N 件」 when `pagination` is given (pages with a note between
 * the table and the paging, or keyset paging, render their own). Columns are data, so each page says
 * only what differs.
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
  /** The table's classes: 'table wide' scrolls sideways on narrow screens, 'table' fits the page. */
  className?: string;
  /** The scrolling wrapper's classes; '' for a short table that stands without one. */
  wrapClassName?: string;
  pagination?: PaginationProps;
}) {
  const table = (
    <table className={className}>
      {caption ? <caption className={captionClassName || undefined}>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" aria-sort={column.ariaSort} className={column.headerClassName}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowKey(row, rowIndex)} className={rowClassName?.(row)}>
            {columns.map((column, index) =>
              column.rowHeader ? (
                <th key={index} scope="row" className={column.className}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={index} className={column.className}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  const wrapped = wrapClassName ? <div className={wrapClassName}>{table}</div> : table;
  return (
    <>
      {rows.length === 0 && empty !== undefined ? <p className="empty">{empty}</p> : wrapped}
      {pagination ? <Pagination {...pagination} /> : null}
    </>
  );
}
