/**
 * The targets of bench/README.md#targets, read from one run's measurements: each figure is a ratio to a baseline from
 * the same run, or (for latency and bundle bytes) the absolute bound the README names.
 */
import type { BundleReport } from './bundle.ts';
import type { Measurement } from './load.ts';

/** `T0` is the Stageflow server answering the no-op `bench.noop`; `stageflow` the same server's endpoints. */
export type Server = 'B0' | 'B1' | 'T0' | 'stageflow';

export interface Row extends Measurement {
  /** `E1.stages.list`, `E2.board.100000`, … */
  readonly id: string;
  readonly label: string;
  readonly server: Server;
  /** Calls per request (10 for a tRPC batch, 500 for a bulk create): CPU per call divides by it. */
  readonly callsPerRequest: number;
  /**
   * T0's CPU per request measured on the same server just before this row: ratios to T0 use it, so
   * a shared machine's drift between the start of the run and this row cancels out.
   */
  readonly t0CpuUs?: number;
}

export interface Target {
  readonly label: string;
  readonly value: number | null;
  readonly limit: number;
  readonly unit: '×' | 'ms' | 'kB' | 'count';
  readonly compare: '≤' | '≥' | '<' | '=';
  readonly pass: boolean;
  readonly note?: string;
}

/** CPU per call: a batch request carries ten calls, a bulk create 500. */
export const perCall = (r: Row | undefined): number | null => (r ? r.cpuUs / r.callsPerRequest : null);

/** 1 kB = 1000 bytes here (the stricter reading of "KB"). */
export const KB = 1000;

function check(
  label: string,
  value: number | null,
  compare: Target['compare'],
  limit: number,
  unit: Target['unit'],
  note?: string,
): Target {
  const pass =
    value !== null &&
    (compare === '≤'
      ? value <= limit
      : compare === '≥'
        ? value >= limit
        : compare === '<'
          ? value < limit
          : value === limit);
  return { label, value, limit, unit, compare, pass, ...(note ? { note } : {}) };
}

export interface TargetInput {
  readonly rows: readonly Row[];
  readonly scales: readonly number[];
  readonly bundle: BundleReport | undefined;
  /** T0 and B0 measured in alternation (requests/s of each round); else the T0 and B0 rows. */
  readonly adapter?: { readonly t0Rps: readonly number[]; readonly b0Rps: readonly number[] } | undefined;
}

export const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function evaluateTargets({ rows, scales, bundle, adapter }: TargetInput): Target[] {
  const find = (id: string, server: Server) => rows.find((r) => r.id === id && r.server === server);
  const t0 = find('T0', 'T0');
  const b0 = find('T0', 'B0');
  const ratio = (a: number | null, b: number | null | undefined) => (a !== null && b ? a / b : null);
  /** CPU per call against T0: the paired T0 measurement when there is one. */
  const overT0 = (r: Row) => ratio(perCall(r), r.t0CpuUs ?? t0?.cpuUs);
  /** Where the data floor alone lands against the same T0: when it is over the limit, so is any server. */
  const floorNote = (r: Row) => {
    const b1 = find(r.id, 'B1');
    const floor = b1 && ratio(perCall(b1), r.t0CpuUs ?? t0?.cpuUs);
    return floor ? `B1, the data access alone, is ${floor.toFixed(2)}× T0` : undefined;
  };
  const targets: Target[] = [];

  targets.push(
    adapter
      ? check(
          'T0 req/s vs B0 req/s (the shipped adapter)',
          ratio(median(adapter.t0Rps), median(adapter.b0Rps)),
          '≥',
          0.12,
          '×',
          `medians of ${adapter.t0Rps.length} alternating rounds`,
        )
      : check('T0 req/s vs B0 req/s (the shipped adapter)', ratio(t0?.rps ?? null, b0?.rps), '≥', 0.12, '×'),
  );

  const reads = [
    'E1.stages.list',
    'E1.participants.byId',
    'E5.rest.stages',
    'E5.rest.byId',
    'E5.batch.stages',
    'E5.batch.byId',
  ];
  for (const id of reads) {
    const row = find(id, 'stageflow');
    if (row) targets.push(check(`${row.label}: CPU per call vs T0 (read)`, overT0(row), '≤', 1.5, '×', floorNote(row)));
  }
  const complete = find('E3.complete', 'stageflow');
  if (complete) {
    targets.push(check(`${complete.label}: CPU vs T0 (command)`, overT0(complete), '≤', 2.5, '×', floorNote(complete)));
  }
  const bulk = find('E4.bulk', 'stageflow');
  if (bulk) {
    const note = ['each row is one enrolment command', floorNote(bulk)].filter(Boolean).join('; ');
    targets.push(check(`${bulk.label}: CPU per participant vs T0 (command)`, overT0(bulk), '≤', 2.5, '×', note));
  }

  // Latency under load: the single-call endpoints at 50 connections (a batch carries ten calls).
  for (const row of rows) {
    if (row.server !== 'stageflow' && row.server !== 'T0') continue;
    if (row.connections < 50 || row.callsPerRequest > 1) continue;
    targets.push(check(`${row.label}: p99 at ${row.connections} connections`, row.p99, '≤', 50, 'ms'));
  }
  // Baselines count too: a B0 or B1 answering errors would make every ratio to them meaningless.
  const failures = rows.reduce((n, r) => n + r.non2xx + r.errors, 0);
  targets.push(check('non-2xx responses and errors, every run (baselines too)', failures, '=', 0, 'count'));

  const largest = Math.max(...scales);
  const smallest = Math.min(...scales);
  for (const kind of ['board', 'funnel'] as const) {
    const big = find(`E2.${kind}.${largest}`, 'stageflow');
    const small = find(`E2.${kind}.${smallest}`, 'stageflow');
    if (!big || !small) continue;
    targets.push(check(`${big.label}: median latency`, big.p50, '<', 50, 'ms'));
    const growth = ratio(big.cpuUs, small.cpuUs);
    targets.push(
      check(
        `${kind} growth ${smallest}→${largest} (CPU per request)`,
        growth,
        '≤',
        largest / smallest,
        '×',
        'at most linear',
      ),
    );
  }

  // Analytics at the largest scale: the funnel against B1 running the same SQL raw, and the rule simulation.
  const funnel = find(`E7.analytics.funnel.${largest}`, 'stageflow');
  if (funnel) {
    const floor = find(`E7.analytics.funnel.${largest}`, 'B1');
    const note = floor ? `×B1 ${ratio(funnel.p50, floor.p50)?.toFixed(2)} (B1 median ${floor.p50} ms)` : undefined;
    targets.push(check(`${funnel.label}: median latency`, funnel.p50, '<', 100, 'ms', note));
  }
  const simulation = find(`E8.analytics.simulate.${largest}`, 'stageflow');
  if (simulation) targets.push(check(`${simulation.label}: median latency`, simulation.p50, '<', 1000, 'ms'));

  if (bundle) {
    targets.push(check('web: initial JavaScript (gzip)', bundle.initialGz / KB, '≤', 200, 'kB'));
    const route = bundle.routes[0];
    targets.push(
      check(
        `web: largest route, ${route?.chunk ?? 'none'} (gzip, with the initial load)`,
        route ? route.totalGz / KB : 0,
        '≤',
        350,
        'kB',
      ),
    );
  }
  return targets;
}
