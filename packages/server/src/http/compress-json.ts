import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/** JSON answers of at least this many bytes are compressed for clients that accept it. */
export const COMPRESS_JSON_FROM_BYTES = 1024;

const JSON_TYPE = /^application\/json\b/i;
const gzipOrDeflate = compress({ threshold: COMPRESS_JSON_FROM_BYTES, contentTypeFilter: JSON_TYPE });

/**
 * hono/compress on JSON answers of 1 KB or more (docs/decisions/015-static-files-and-compression.md).
 * It sizes an answer by its `Content-Length`, which ours do not carry, so on its own it would
 * compress every answer, however small, and copy each one to add `Vary`, which takes it off
 * @hono/node-server's fast path (see `withHeaders` in node-response-headers.ts). So a request that does not
 * accept gzip or deflate (the bench's load generator, curl, most API clients) passes untouched, and
 * for one that does, the answer is measured first: small ones go out as they are.
 */
export const compressLargeJson: MiddlewareHandler = (c, next) => {
  if (!compressionWanted(c)) return next();
  return gzipOrDeflate(c, async () => {
    await next();
    await declareLength(c);
  });
};

/** Whether the client accepts gzip or deflate: `compressLargeJson` passes every other request untouched. */
export function compressionWanted(c: Context): boolean {
  const header = c.req.header('accept-encoding');
  return header !== undefined && /gzip|deflate|\*/i.test(header);
}

/** Reads a whole JSON answer (never a stream) to give it the `Content-Length` compress sizes it by. */
async function declareLength(c: Context): Promise<void> {
  const { res } = c;
  const type = res.headers.get('content-type') ?? '';
  if (!res.body || !JSON_TYPE.test(type) || res.headers.has('content-length') || res.headers.has('transfer-encoding')) {
    return;
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const sized = new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
  sized.headers.set('content-length', String(bytes.byteLength));
  c.res = sized;
}
