import { Badge, type BadgeTone } from '../../ui/Badge.tsx';
import { type ImpactRow, type ImpactTable, impactHeader, impactRows, type Measure } from './impact.ts';

const VERDICT_TONES: Record<ImpactRow['status'], BadgeTone> = {
  reference: 'info',
  compared: 'success',
  insufficient_data: 'neutral',
};

const tone = (row: ImpactRow | undefined): BadgeTone =>
  !row ? 'neutral' : row.below_four_fifths ? 'danger' : VERDICT_TONES[row.status];

/**
 * One dimension of one measure as a table (docs/rules.md#adverse-impact): each category with its N, its
 * rate, its impact ratio against the highest rate, the two-sided Fisher exact p-value and the four-fifths
 * verdict; those with no category last. Cells come from `impactRows`, the same the export writes.
 */
export function ImpactTableView({
  table,
  measure,
  caption,
}: {
  table: ImpactTable;
  measure: Measure;
  caption: string;
}) {
  const header = impactHeader(measure);
  const rows = impactRows(table);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1)
    <section className="table-wrap impact-table" tabIndex={0} aria-label={`${caption}: the numbers`}>
      <table className="table table-compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={h} scope="col" className={i > 0 && i < header.length - 1 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => {
            const row = table.rows[r];
            return (
              <tr key={String(cells[0])} className={row?.below_four_fifths ? 'impact-flagged' : undefined}>
                <th scope="row">{cells[0]}</th>
                {cells.slice(1, -1).map((value, i) => (
                  <td key={header[i + 1]} className="num">
                    {value}
                  </td>
                ))}
                <td>
                  <Badge tone={tone(row)}>{cells.at(-1)}</Badge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
