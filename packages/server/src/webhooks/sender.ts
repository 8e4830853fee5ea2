import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { blockedAddressKind, blockedAddressMessage, WEBHOOK_RESPONSE_KEEP_BYTES } from '@stageflow/domain';

/**
 * One HTTP attempt of a webhook (docs/webhooks.md#delivery-and-retries): a POST that follows no
 * redirect, gives up after the timeout, keeps the first 1 KB of the answer, and refuses private,
 * loopback and link-local addresses unless allowed, checking the very address it connects to (the
 * name is resolved here, so a DNS answer that changes after the URL was saved cannot slip past).
 */

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What came back; `status` is null when no answer did (then `error` says why). Never throws. */
export interface WebhookAnswer {
  readonly status: number | null;
  readonly retry_after: string | null;
  /** The first 1 KB of the answer's body. */
  readonly body: string | null;
  readonly error: string | null;
  readonly latency_ms: number;
}

export interface SenderOptions {
  readonly timeoutMs: number;
  readonly allowPrivateNetworks: boolean;
  /** How names are resolved: the system's resolver unless a test gives its own. */
  readonly lookup?: typeof dnsLookup;
}

export type WebhookSender = (request: WebhookRequest) => Promise<WebhookAnswer>;

class RefusedAddress extends Error {}

/** Resolves as the system does, then refuses the lot if any address is one webhooks may not reach. */
function guardedLookup(resolve: typeof dnsLookup, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = found as unknown as LookupAddress[];
      const blocked = allowPrivate
        ? undefined
        : addresses.map((a) => ({ a, kind: blockedAddressKind(a.address) })).find((x) => x.kind);
      if (blocked?.kind) {
        return callback(
          new RefusedAddress(`${hostname} resolves to ${blockedAddressMessage(blocked.a.address, blocked.kind)}`),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Plain words for what went wrong before an answer came. */
function describe(error: Error & { code?: string }, url: URL, timeoutMs: number): string {
  if (error instanceof RefusedAddress) return error.message;
  switch (error.code) {
    case 'ETIMEDOUT_WEBHOOK':
      return `No answer within ${timeoutMs / 1000} s`;
    case 'ECONNREFUSED':
      return `Connection refused by ${url.host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${url.hostname} does not resolve to an address`;
    case 'ECONNRESET':
      return 'The connection was closed before an answer came';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${url.host} cannot be reached from the server`;
    default:
      return error.code && error.message ? `${error.message} (${error.code})` : error.message || 'The request failed';
  }
}

/** Why a status that is not 2xx did not count, in the log's words. */
function statusError(res: IncomingMessage): string | null {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) {
    const to = res.headers.location;
    return `Redirects are not followed: answered ${status}${to ? ` to ${to}` : ''}; change the endpoint's URL instead`;
  }
  if (status === 410) return 'Answered 410 Gone: the endpoint was disabled';
  return `Answered ${status}: only a 2xx answer counts as delivered`;
}

export function createWebhookSender(options: SenderOptions): WebhookSender {
  const lookup = guardedLookup(options.lookup ?? dnsLookup, options.allowPrivateNetworks);
  return (request) =>
    new Promise<WebhookAnswer>((resolve) => {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        resolve({ status: null, retry_after: null, body: null, error: 'The URL does not parse', latency_ms: 0 });
        return;
      }
      const fail = (error: string) =>
        resolve({ status: null, retry_after: null, body: null, error, latency_ms: latency() });
      // A host written as an address is connected to without a lookup: check it here.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      const kind = /^[\d.]+$|:/.test(literal) ? blockedAddressKind(literal) : null;
      if (kind && !options.allowPrivateNetworks) return fail(blockedAddressMessage(literal, kind));

      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      const req = send(url, {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup,
        // A fresh connection each time: a pooled one would skip the address check.
        agent: false,
      });
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT_WEBHOOK' })),
        options.timeoutMs,
      );
      const finish = (answer: WebhookAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      req.on('error', (error) =>
        finish({
          status: null,
          retry_after: null,
          body: null,
          error: describe(error, url, options.timeoutMs),
          latency_ms: latency(),
        }),
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () => {
          const retryAfter = res.headers['retry-after'];
          finish({
            status: res.statusCode ?? null,
            retry_after: typeof retryAfter === 'string' ? retryAfter : null,
            body: Buffer.concat(chunks).subarray(0, WEBHOOK_RESPONSE_KEEP_BYTES).toString('utf8'),
            error: statusError(res),
            latency_ms: latency(),
          });
          // The rest of a long answer is not needed.
          res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          kept += chunk.length;
          if (kept >= WEBHOOK_RESPONSE_KEEP_BYTES) done();
        });
        res.on('end', done);
        res.on('error', done);
      });
      req.end(request.body);
    });
}
