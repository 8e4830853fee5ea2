import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Column<Row> {
  header: string;
  /** The heading is for screen readers only (an actions column). */
  hiddenHeader?: boolean;
  /** Drawn in the heading cell instead of `header` (a "select all" box); `header` still keys the column. */
  headerCell?: ReactNode;
  /** This cell names the row (`<th scope="row">`): screen readers read it out with every other cell. */
  rowHeader?: boolean;
  className?: string;
  cell: (row: Row, index: number) => ReactNode;
}

interface DataTableProps<Row> {
  rows: readonly Row[];
  /** In order; `false` leaves a column out (one that only some people see). */
  columns: ReadonlyArray<Column<Row> | false>;
  rowKey: (row: Row, index: number) => string | number;
  rowClassName?: (row: Row) => string | undefined;
  /** Names the table for screen readers. */
  caption?: ReactNode;
  /** More classes on the table (`table-compact`) and on the box that scrolls it sideways. */
  className?: string;
  wrapClassName?: string;
}

/** A table of records, one column definition per column; it scrolls sideways in its box on narrow screens. */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  rowClassName,
  caption,
  className,
  wrapClassName,
}: DataTableProps<Row>) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className ? `table ${className}` : 'table'}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.header} scope="col">
                {column.headerCell ??
                  (column.hiddenHeader ? <span className="visually-hidden">{column.header}</span> : column.header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className={rowClassName?.(row)}>
              {shown.map((column) =>
                column.rowHeader ? (
                  <th key={column.header} scope="row" className={column.className}>
                    {column.cell(row, index)}
                  </th>
                ) : (
                  <td key={column.header} className={column.className}>
                    {column.cell(row, index)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A row's name as the link to its page, with a line about it underneath. `j`/`k` move between these. */
export function RowLink({ to, children, sub }: { to: string; children: ReactNode; sub?: ReactNode }) {
  return (
    <>
      <Link to={to} className="row-link" data-shortcut-row="">
        {children}
      </Link>
      {sub && <span className="row-sub">{sub}</span>}
    </>
  );
}
