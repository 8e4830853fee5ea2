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

export async function measure(server: RunningServer, call: Call, spec: LoadSpec): Promise<Measurement> {
  const offset = { n: 0 };
  let amount = spec.amount ?? spec.min ?? 100;
  if (spec.warmup > 0) {
    const warm = await fire(server.url, call, spec, spec.warmup, offset);
    if (spec.measureSeconds) {
      const rate = spec.warmup / ((warm.finish.getTime() - warm.start.getTime()) / 1000);
      amount = Math.round(Math.min(spec.max ?? Infinity, Math.max(spec.min ?? 1, rate * spec.measureSeconds)));
    }
  }
  const before = await server.cpu();
  const result = await fire(server.url, call, spec, amount, offset);
  const after = await server.cpu();
  const requests = result['2xx'] + result.non2xx;
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requests,
    connections: Math.min(spec.connections, amount),
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    // autocannon counts a timeout among its errors too.
    errors: result.errors,
    cpuUs: (after.user + after.system - before.user - before.system) / Math.max(1, requests),
    rssMb: after.rss / 2 ** 20,
  };
}
