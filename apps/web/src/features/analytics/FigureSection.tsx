import { type ReactNode, useId } from 'react';
import { downloadText } from '../../lib/download.ts';
import { Button } from '../../ui/Button.tsx';
import { Section } from '../../ui/Section.tsx';
import { type FigureTable, toCsv } from './csv.ts';

interface FigureSectionProps {
  title: string;
  description: ReactNode;
  /** The chart, given the id of the table that holds its numbers. */
  chart: (tableId: string) => ReactNode;
  table: FigureTable;
  /** The CSV file's name, without `.csv`. */
  fileName: string;
}

/**
 * A chart with its numbers beside it as a table (read by screen readers, copied by anyone) and a CSV
 * export of the same rows. On a phone the table goes under the chart and scrolls sideways in its box.
 */
export function FigureSection({ title, description, chart, table, fileName }: FigureSectionProps) {
  const tableId = useId();
  return (
    <Section
      title={title}
      description={description}
      actions={
        <Button size="sm" onClick={() => downloadText(`${fileName}.csv`, toCsv(table), 'text/csv')}>
          Download CSV
        </Button>
      }
    >
      <div className="figure">
        <div className="figure-chart">{chart(tableId)}</div>
        {/* A box that scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1) */}
        <section className="table-wrap figure-table" tabIndex={0} aria-label={`${title}: the numbers`}>
          <table className="table table-compact" id={tableId}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.header.map((h, i) => (
                  <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={`${r}-${row[0]}`}>
                  {row.map((value, i) =>
                    i === 0 ? (
                      <th key="name" scope="row">
                        {value}
                      </th>
                    ) : (
                      <td key={i} className="num">
                        {value ?? '–'}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </Section>
  );
}
