import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { useRef } from 'react';
import { useWidth } from './use-width.ts';

export interface BarSeries {
  readonly name: string;
  /** One value per category. */
  readonly values: readonly number[];
  /** The colour class (analytics.css). */
  readonly tone: 'primary' | 'success' | 'warning' | 'muted';
}

interface HorizontalBarsProps {
  /** What the chart shows, read out in place of the drawing: the table beside it has the numbers. */
  label: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** The id of the table with the numbers. */
  tableId: string;
}

const BAR = 14;
const GAP = 10;
const MARGIN = { top: 8, right: 16, bottom: 28 };

/** Long stage names are cut to what fits beside the bars on a phone. */
const shorten = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** Bars per category (a stage), one per series, drawn to the width of their box. */
export function HorizontalBars({ label, categories, series, tableId }: HorizontalBarsProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const left = width < 480 ? 96 : 140;
  const chars = width < 480 ? 12 : 18;
  const bandHeight = series.length * BAR + GAP;
  const innerHeight = Math.max(bandHeight, categories.length * bandHeight);
  const innerWidth = Math.max(40, width - left - MARGIN.right);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const y = scaleBand({ domain: categories.map((_, i) => i), range: [0, innerHeight], padding: 0 });
  const x = scaleLinear({ domain: [0, max], range: [0, innerWidth], nice: true });

  return (
    <div ref={box} className="chart-box">
      <svg
        width={width}
        height={innerHeight + MARGIN.top + MARGIN.bottom}
        role="img"
        aria-label={label}
        aria-describedby={tableId}
      >
        <Group left={left} top={MARGIN.top}>
          {categories.map((_, i) =>
            series.map((s, k) => (
              <Bar
                key={`${i}-${k}`}
                className={`chart-bar chart-${s.tone}`}
                x={0}
                y={(y(i) ?? 0) + k * BAR + GAP / 2}
                width={x(s.values[i] ?? 0)}
                height={BAR - 2}
              />
            )),
          )}
          <AxisLeft
            scale={y}
            tickFormat={(i) => shorten(categories[Number(i)] ?? '', chars)}
            hideTicks
            tickLabelProps={{ className: 'chart-tick', textAnchor: 'end', dx: -4, dy: 4 }}
            axisLineClassName="chart-axis"
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            // Counts of people: whole numbers only.
            tickValues={x.ticks(width < 480 ? 3 : 6).filter(Number.isInteger)}
            tickFormat={(v) => String(v)}
            tickLabelProps={{ className: 'chart-tick', textAnchor: 'middle' }}
            axisLineClassName="chart-axis"
            tickClassName="chart-axis"
          />
        </Group>
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span className={`chart-swatch chart-${s.tone}`} />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
