/**
 * One measurement: autocannon (no pipelining) against a server, a warm-up first, then a fixed number
 * of requests during which the server's own CPU time is read before and after.
 */
import autocannon from 'autocannon';
import type { RunningServer } from './servers.ts';

export interface Call {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** An endpoint the bench measures: its call, and the same data access on B1. */
export interface Probe {
  readonly id: string;
  readonly label: string;
  readonly call: Call;
  /** The same data access on B1. */
  readonly b1?: Call;
  /** Another probe whose B1 is this one's floor (REST and batches read what the tRPC call reads). */
  readonly floor?: string;
  readonly spec: LoadSpec;
  readonly callsPerRequest?: number;
}

export interface LoadSpec {
  readonly connections: number;
  /** Warm-up requests, discarded; also sizes the measured run when `measureSeconds` is set. */
  readonly warmup: number;
  /** The measured requests: a fixed count, or sized from the warm-up's rate to last about this long. */
  readonly amount?: number;
  readonly measureSeconds?: number;
  /** Bounds for a sized run. */
  readonly min?: number;
  readonly max?: number;
  /** The n-th request of the whole run (warm-up included), when each must differ (a new session, new emails). */
  readonly next?: (n: number) => Call;
}

export interface Measurement {
  readonly requests: number;
  readonly connections: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  /** The server process's CPU time (user + system, every thread) per request, µs. */
  readonly cpuUs: number;
  readonly rssMb: number;
}

async function fire(url: string, call: Call, spec: LoadSpec, amount: number, offset: { n: number }) {
  const next = spec.next;
  return autocannon({
    url: `${url}${call.path}`,
    connections: Math.min(spec.connections, amount),
    pipelining: 1,
    amount,
    timeout: 30,
    // autocannon notices the last response on its next sample tick: tick often, so a run of a fixed
    // number of requests ends when they are answered (req/s below is counted from start to finish).
    sampleInt: 10,
    method: call.method,
    headers: { ...call.headers },
    body: call.body,
    requests: next
      ? [
          {
            setupRequest: (req) => {
              const c = next(offset.n++);
              return {
                ...req,
                method: c.method,
                path: c.path,
                body: c.body,
                headers: { ...req.headers, ...c.headers },
              };
            },
          },
        ]
      : undefined,
  });
}

/**
 * Given several servers (processes on one database), the connections and requests are shared evenly between
 * them, all at once: req/s counts every answer from the first start to the last finish, CPU per request sums
 * the processes' CPU, and p50 / p99 are the slowest process's.
 */
export async function measure(
  on: RunningServer | readonly RunningServer[],
  call: Call,
  spec: LoadSpec,
): Promise<Measurement> {
  const servers = Array.isArray(on) ? on : [on as RunningServer];
  const share = { ...spec, connections: Math.ceil(spec.connections / servers.length) };
  const each = (amount: number) => Math.ceil(amount / servers.length);
  const offset = { n: 0 };
  const fireAll = (amount: number) => Promise.all(servers.map((s) => fire(s.url, call, share, each(amount), offset)));
  let amount = spec.amount ?? spec.min ?? 100;
  if (spec.warmup > 0) {
    const warm = await fireAll(spec.warmup);
    if (spec.measureSeconds) {
      const rate = spec.warmup / (span(warm) / 1000);
      amount = Math.round(Math.min(spec.max ?? Infinity, Math.max(spec.min ?? 1, rate * spec.measureSeconds)));
    }
  }
  const cpu = () => Promise.all(servers.map((s) => s.cpu()));
  const before = await cpu();
  const results = await fireAll(amount);
  const after = await cpu();
  const sum = (f: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + f(r), 0);
  const requests = sum((r) => r['2xx'] + r.non2xx);
  const cpuUs = after.reduce((n, a, i) => n + a.user + a.system - before[i]!.user - before[i]!.system, 0);
  return {
    requests,
    connections: Math.min(share.connections, each(amount)) * servers.length,
    rps: requests / (span(results) / 1000),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: sum((r) => r.non2xx),
    // autocannon counts a timeout among its errors too.
    errors: sum((r) => r.errors),
    cpuUs: cpuUs / Math.max(1, requests),
    rssMb: after.reduce((n, a) => n + a.rss, 0) / 2 ** 20,
  };
}

/** Milliseconds from the first start to the last finish of runs made at once. */
function span(results: readonly autocannon.Result[]): number {
  const start = Math.min(...results.map((r) => r.start.getTime()));
  return Math.max(...results.map((r) => r.finish.getTime())) - start;
}
