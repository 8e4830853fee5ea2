/** The printed report: one line per endpoint with its baselines, then the targets with pass/short. */
import type { BundleReport } from './bundle.ts';
import { floorOf, KB, perCall, type Row, type Target } from './targets.ts';

export interface ReportInput {
  readonly rows: readonly Row[];
  /** The PostgreSQL run's rows (`pg1:` one process and its B1, `pg2:` two processes), reported apart. */
  readonly postgres?: readonly Row[];
  readonly targets: readonly Target[];
  readonly bundle: BundleReport | undefined;
  readonly machine: { cpu: string; cores: number; memoryGiB: number; node: string; pinned: boolean };
  readonly smoke: boolean;
  readonly seconds: number;
}

/** Text columns (`left`) align left, figures right. */
function table(head: readonly string[], body: readonly (readonly string[])[], left: readonly number[] = [0]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const n0 = (x: number | null | undefined) => (x === undefined || x === null ? '–' : Math.round(x).toLocaleString('en'));
const n1 = (x: number | null | undefined) =>
  x === undefined || x === null ? '–' : x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2);
const times = (a: number | null | undefined, b: number | undefined) =>
  a !== undefined && a !== null && b ? `${(a / b).toFixed(2)}×` : '–';

export function formatReport({ rows, postgres, targets, bundle, machine, smoke, seconds }: ReportInput): string {
  const ids = [...new Set(rows.map((r) => r.id))];
  const body = ids.map((id) => {
    const e = rows.find((r) => r.id === id && (r.server === 'stageflow' || r.server === 'T0'))!;
    const b0 = rows.find((r) => r.id === id && r.server === 'B0');
    const floor = floorOf(rows, e);
    return [
      e.label,
      String(e.connections),
      n0(e.rps),
      n1(e.p50),
      n1(e.p99),
      String(e.non2xx + e.errors),
      n0(e.cpuUs),
      e.callsPerRequest > 1 ? n0(perCall(e)) : '',
      floor ? `${n0(perCall(floor))}${floor.server === 'B2' ? ' (B2)' : ''}` : '',
      times(perCall(e), perCall(floor) ?? undefined),
      floor ? n1(floor.p99) : '',
      floor && e.connections >= 50 ? times(e.p99, floor.p99) : '',
      n0(b0?.rps),
      n0(b0?.cpuUs),
    ];
  });
  const out = [
    '',
    `Stageflow bench${smoke ? ' (smoke: toy sizes, no targets)' : ''} — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}` +
      `${machine.pinned ? ', server on core 0, load on core 1' : ', not pinned'}; ${seconds.toFixed(0)} s`,
    '',
    table(
      [
        'endpoint',
        'conns',
        'req/s',
        'p50 ms',
        'p99 ms',
        'non-2xx',
        'CPU µs/req',
        'µs/call',
        'floor µs/call',
        '×floor',
        'floor p99',
        'p99÷floor',
        'B0 req/s',
        'B0 µs',
      ],
      body,
    ),
    '',
    'floor: B1 (the same data access, raw) for an endpoint; B2 (the bare tRPC adapter) for T0.',
  ];
  if (rows.length === 0) out.splice(2);
  if (postgres && postgres.length > 0) out.push('', formatPostgres(postgres));
  if (bundle) {
    out.push(
      '',
      table(
        ['web (apps/web/dist)', 'gzip kB', 'with initial kB'],
        [
          ['initial JavaScript', (bundle.initialGz / KB).toFixed(1), ''],
          ...bundle.routes
            .slice(0, 5)
            .map((r) => [`route ${r.chunk}`, (r.ownGz / KB).toFixed(1), (r.totalGz / KB).toFixed(1)]),
        ],
      ),
    );
  }
  if (targets.length > 0) {
    out.push(
      '',
      table(
        ['target', 'value', 'limit', 'result', 'note'],
        targets.map((t) => [
          t.label,
          t.value === null ? '–' : t.unit === 'count' ? n0(t.value) : `${n1(t.value)} ${t.unit}`,
          `${t.compare} ${t.limit}${t.unit === 'count' ? '' : ` ${t.unit}`}`,
          t.pass ? 'pass' : 'SHORT',
          t.note ?? '',
        ]),
        [0, 4],
      ),
      '',
      `${targets.filter((t) => t.pass).length} of ${targets.length} targets hold.`,
    );
  }
  return out.join('\n');
}

/**
 * The PostgreSQL run: each endpoint on one process against B1 on PostgreSQL, then on two processes, and how
 * requests/s grew from one to two.
 */
export function formatPostgres(rows: readonly Row[]): string {
  const find = (id: string, server: Row['server']) => rows.find((r) => r.id === id && r.server === server);
  const ids = [...new Set(rows.filter((r) => r.id.startsWith('pg1:')).map((r) => r.id.slice(4)))];
  const body = ids.map((id) => {
    const one = find(`pg1:${id}`, 'stageflow')!;
    const floor = find(`pg1:${id}`, 'B1');
    const two = find(`pg2:${id}`, 'stageflow');
    return [
      one.label,
      two ? `${one.connections} / ${two.connections}` : String(one.connections),
      n0(one.rps),
      n1(one.p99),
      n0(one.cpuUs),
      n0(floor?.cpuUs),
      times(one.cpuUs, floor?.cpuUs),
      n0(floor?.rps),
      n1(floor?.p99),
      n0(two?.rps),
      n1(two?.p99),
      n0(two?.cpuUs),
      times(two?.rps, one.rps),
    ];
  });
  return [
    'On PostgreSQL: one Stageflow process (core 0) against B1 on PostgreSQL, then two processes (cores 0 and 1)',
    '',
    table(
      [
        'endpoint',
        'conns 1 / 2',
        '1 proc req/s',
        'p99 ms',
        'CPU µs/req',
        'B1 µs',
        '×B1',
        'B1 req/s',
        'B1 p99',
        '2 procs req/s',
        'p99 ms',
        'CPU µs/req',
        'req/s 2÷1',
      ],
      body,
    ),
    '',
    "Two processes share the connections, one each at least. CPU is the server processes' own (both, for two);",
    "PostgreSQL's own CPU is not counted, on either side.",
  ].join('\n');
}
