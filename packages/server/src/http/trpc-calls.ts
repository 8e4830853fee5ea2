/**
 * The procedures one `/trpc` request calls: `/trpc/a.b` calls one, a batch
 * (`/trpc/a.b,c.d?batch=1`) one per comma-separated path, read as tRPC's fetch adapter reads them
 * (percent-decoded first). Undefined when the path does not decode, which tRPC cannot read either.
 * Three middlewares ask for the same request's calls in turn, so the last answer is kept.
 */
export function trpcCallPaths(url: string): readonly string[] | undefined {
  if (last?.url !== url) last = { url, calls: read(url) };
  return last.calls;
}

let last: { readonly url: string; readonly calls: readonly string[] | undefined } | undefined;

function read(url: string): readonly string[] | undefined {
  const { pathname, searchParams } = new URL(url);
  const marker = pathname.indexOf('/trpc/');
  const raw = marker === -1 ? '' : pathname.slice(marker + '/trpc/'.length).replace(/\/+$/, '');
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return searchParams.get('batch') === '1' ? path.split(',') : [path];
}
