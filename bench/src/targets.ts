/**
 * The targets of bench/README.md#targets, read from one run's measurements: each figure is a ratio to a
 * baseline from the same run (B1 for an endpoint, B2 for the request path), or, where the README names
 * one, an absolute bound (board and funnel latency, the analytics, bundle bytes).
 */
import type { BundleReport } from './bundle.ts';
import type { Measurement } from './load.ts';

/**
 * `T0` is the Stageflow server answering the no-op `bench.noop`; `stageflow` the same server's endpoints;
 * `B2` the bare tRPC adapter answering the same no-op; `B1` the data floor; `B0` raw HTTP.
 */
export type Server = 'B0' | 'B1' | 'B2' | 'T0' | 'stageflow';

export interface Row extends Measurement {
  /** `E1.stages.list`, `E2.board.100000`, … */
  readonly id: string;
  readonly label: string;
  readonly server: Server;
  /** Calls per request (10 for a tRPC batch, 500 for a bulk create): CPU per call divides by it. */
  readonly callsPerRequest: number;
  /**
   * The probe whose B1 row is this one's data floor, when it is another's: REST and batch calls read
   * the same rows as the single tRPC call (`E5.rest.byId` → `E1.participants.byId`).
   */
  readonly floor?: string;
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

/** Endpoint CPU per call ≤ this × its B1; p99 at 50 connections ≤ this × B1's p99. */
export const FLOOR_LIMIT = 1.5;
/** T0 CPU per request ≤ this × B2's. */
export const REQUEST_PATH_LIMIT = 1.25;

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

/** T0 and B2 measured in alternation, CPU µs per request of each round. */
export interface RequestPathRounds {
  readonly t0CpuUs: readonly number[];
  readonly b2CpuUs: readonly number[];
}

export interface TargetInput {
  readonly rows: readonly Row[];
  readonly scales: readonly number[];
  readonly bundle: BundleReport | undefined;
  /** Else the T0 and B2 rows. */
  readonly requestPath?: RequestPathRounds | undefined;
}

export const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a !== null && a !== undefined && b ? a / b : null;

/** The row a Stageflow row is held to: its B1 (or another probe's, `floor`); B2 for T0. */
export function floorOf(rows: readonly Row[], row: Row): Row | undefined {
  if (row.server === 'T0') return rows.find((r) => r.id === row.id && r.server === 'B2');
  const id = row.floor ?? row.id;
  return rows.find((r) => r.id === id && r.server === 'B1');
}

export function evaluateTargets({ rows, scales, bundle, requestPath }: TargetInput): Target[] {
  const find = (id: string, server: Server) => rows.find((r) => r.id === id && r.server === server);
  const targets: Target[] = [];

  const t0 = find('T0', 'T0');
  const b2 = find('T0', 'B2');
  const label = 'T0 (key, rate limit, log, context) CPU per request vs B2 (bare tRPC adapter)';
  targets.push(
    requestPath && requestPath.t0CpuUs.length > 0
      ? check(
          label,
          ratio(median(requestPath.t0CpuUs), median(requestPath.b2CpuUs)),
          '≤',
          REQUEST_PATH_LIMIT,
          '×',
          `medians of ${requestPath.t0CpuUs.length} alternating rounds: ${median(requestPath.t0CpuUs)?.toFixed(0)} vs ${median(requestPath.b2CpuUs)?.toFixed(0)} µs`,
        )
      : check(label, ratio(t0?.cpuUs, b2?.cpuUs), '≤', REQUEST_PATH_LIMIT, '×'),
  );

  // Every endpoint with a data floor: CPU per call against the floor's CPU per call.
  for (const row of rows) {
    if (row.server !== 'stageflow') continue;
    const floor = floorOf(rows, row);
    if (!floor) continue;
    const note = `${perCall(row)?.toFixed(0)} vs ${perCall(floor)?.toFixed(0)} µs`;
    targets.push(
      check(`${row.label}: CPU per call vs B1`, ratio(perCall(row), perCall(floor)), '≤', FLOOR_LIMIT, '×', note),
    );
  }

  // Latency under load: single-call requests at 50 connections, against their floor's p99 in the same run.
  for (const row of rows) {
    if (row.server !== 'stageflow' && row.server !== 'T0') continue;
    if (row.connections < 50 || row.callsPerRequest > 1) continue;
    const floor = floorOf(rows, row);
    if (!floor) continue;
    const name = floor.server === 'B2' ? 'B2' : 'B1';
    targets.push(
      check(
        `${row.label}: p99 at ${row.connections} connections vs ${name}'s`,
        ratio(row.p99, floor.p99),
        '≤',
        FLOOR_LIMIT,
        '×',
        `${row.p99} vs ${floor.p99} ms`,
      ),
    );
  }
  // Baselines count too: a B0, B1 or B2 answering errors would make every ratio to them meaningless.
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

  // Analytics at the largest scale: the funnel's latency (its ×B1 is above), and the rule simulation (no B1).
  const funnel = find(`E7.analytics.funnel.${largest}`, 'stageflow');
  if (funnel) {
    const floor = find(`E7.analytics.funnel.${largest}`, 'B1');
    const note = floor ? `B1, the same SQL raw: median ${floor.p50} ms` : undefined;
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
