/**
 * One `/trpc` request's calls as tRPC's fetch adapter reads them: `/trpc/a.b` calls one procedure, a
 * batch (`/trpc/a.b,c.d?batch=1`) one per comma-separated path (percent-decoded first, one slash
 * trimmed from each end as tRPC trims them), with their JSON input from `?input=` on a GET.
 * Undefined when the path does not decode, which tRPC cannot read either.
 */
export interface TrpcCalls {
  readonly paths: readonly string[];
  readonly isBatch: boolean;
  /** The `input` query parameter, as sent (null when absent). */
  readonly input: string | null;
  /** Whether the URL carries `connectionParams`, which only tRPC's own adapter reads. */
  readonly hasConnectionParams: boolean;
}

/** Where tRPC is served; the call reader and tRPC's own adapter must agree on it. */
export const TRPC_ENDPOINT = '/trpc';

/**
 * Several middlewares and the handler ask for the same request's calls in turn, so the last answer
 * is kept (by URL: a request that interleaves only costs a second read).
 */
export function readTrpcCalls(url: string): TrpcCalls | undefined {
  if (last?.url !== url) last = { url, calls: read(url) };
  return last.calls;
}

/** The procedure paths of `readTrpcCalls`. */
export function trpcCallPaths(url: string): readonly string[] | undefined {
  return readTrpcCalls(url)?.paths;
}

let last: { readonly url: string; readonly calls: TrpcCalls | undefined } | undefined;

function read(url: string): TrpcCalls | undefined {
  const { pathname, searchParams } = new URL(url);
  const raw = trimSlashes(trimSlashes(pathname).slice(trimSlashes(TRPC_ENDPOINT).length));
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const isBatch = searchParams.get('batch') === '1';
  return {
    paths: isBatch ? path.split(',') : [path],
    isBatch,
    input: searchParams.get('input'),
    hasConnectionParams: searchParams.has('connectionParams'),
  };
}

function trimSlashes(path: string): string {
  const start = path.startsWith('/') ? 1 : 0;
  return path.endsWith('/') && path.length > start ? path.slice(start, -1) : path.slice(start);
}
