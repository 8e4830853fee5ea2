import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear } from '@visx/scale';
import { Bar, Line } from '@visx/shape';
import { useRef } from 'react';
import { useWidth } from './use-width.ts';

interface HistogramProps {
  label: string;
  bins: readonly { from: number; to: number; count: number }[];
  /** Drawn as a line across the bins; none: no pass mark. */
  passMark: number | null;
  tableId: string;
}

const HEIGHT = 180;
const MARGIN = { top: 18, right: 12, bottom: 28, left: 36 };

/** A stage's scores, 0–100 in bins, with its pass mark drawn across them. */
export function Histogram({ label, bins, passMark, tableId }: HistogramProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const innerWidth = Math.max(60, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear({ domain: [0, 100], range: [0, innerWidth] });
  const y = scaleLinear({ domain: [0, Math.max(1, ...bins.map((b) => b.count))], range: [innerHeight, 0], nice: true });

  return (
    <div ref={box} className="chart-box">
      <svg width={width} height={HEIGHT} role="img" aria-label={label} aria-describedby={tableId}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {bins.map((b) => (
            <Bar
              key={b.from}
              className="chart-bar chart-primary"
              x={x(b.from) + 1}
              y={y(b.count)}
              width={Math.max(0, x(b.to) - x(b.from) - 2)}
              height={innerHeight - y(b.count)}
            />
          ))}
          {passMark !== null && (
            <g className="chart-mark">
              <Line from={{ x: x(passMark), y: -10 }} to={{ x: x(passMark), y: innerHeight }} />
              <text x={x(passMark) + 4} y={-4} className="chart-tick">
                Pass mark {passMark}
              </text>
            </g>
          )}
          <AxisLeft
            scale={y}
            tickValues={y.ticks(4).filter(Number.isInteger)}
            tickFormat={(v) => String(v)}
            tickLabelProps={{ className: 'chart-tick', textAnchor: 'end', dx: -4, dy: 4 }}
            axisLineClassName="chart-axis"
            tickClassName="chart-axis"
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            numTicks={width < 480 ? 5 : 10}
            tickLabelProps={{ className: 'chart-tick', textAnchor: 'middle' }}
            axisLineClassName="chart-axis"
            tickClassName="chart-axis"
          />
        </Group>
      </svg>
    </div>
  );
}
