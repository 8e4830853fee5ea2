/**
 * A webhook receiver for tests: real HTTP on a free loopback port that checks every request's
 * signature with the `standardwebhooks` package, the reference implementation a customer would use
 * (docs/webhooks.md#verifying-a-webhook), so the tests hold the server to the specification rather
 * than to its own signing code.
 *
 * Each request takes the next queued reply, or `200 OK` when the queue is empty. A reply can be any
 * status with headers (`Retry-After`) and a body, or `hang` (no answer until the receiver closes: the
 * sender's timeout). Every request is recorded, with whether it verified, and tests wait for a number
 * of them with `waitFor` (event-driven, never a fixed sleep).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type ReceiverReply =
  | {
      readonly status: number;
      readonly body?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Never answers; the connection stays open until the sender gives up or the receiver closes. */
  | { readonly hang: true };

export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  /** The body exactly as received. */
  readonly body: string;
  /** The body parsed when it is JSON. */
  readonly json: { type?: string; timestamp?: string; data?: Record<string, unknown> } | undefined;
  /** Whether `standardwebhooks` accepted it with one of the receiver's secrets. */
  readonly verified: boolean;
  /** Which of the secrets verified it, in the order given; null when none did. */
  readonly verifiedWith: number | null;
  /** Why it did not verify (the library's words, for each secret). */
  readonly verifyErrors: readonly string[];
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** What this receiver answered: the status, or `hang`. */
  readonly answered: number | 'hang';
}

export interface WebhookReceiver {
  /** Where to point an endpoint: `http://127.0.0.1:<port>/hooks`. */
  readonly url: string;
  /** The secrets signatures are checked with (set them once the endpoint's secret is known). */
  secrets: string[];
  readonly received: readonly ReceivedWebhook[];
  /** Queues replies for the next requests, in order. */
  reply(...replies: ReceiverReply[]): void;
  /** Resolves once at least `count` requests arrived (rejects after `timeoutMs`), with all received so far. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedWebhook[]>;
  close(): Promise<void>;
}

function verify(secrets: readonly string[], body: string, headers: Record<string, string>) {
  const errors: string[] = [];
  for (const [i, secret] of secrets.entries()) {
    try {
      new Webhook(secret).verify(body, headers);
      return { verified: true, verifiedWith: i, verifyErrors: errors };
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return { verified: false, verifiedWith: null, verifyErrors: secrets.length === 0 ? ['no secret given'] : errors };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startWebhookReceiver(options: { secrets?: string[] } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queue: ReceiverReply[] = [];
  const waiters = new Set<() => void>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    let json: ReceivedWebhook['json'];
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const reply = queue.shift() ?? { status: 200, body: 'OK' };
    received.push({
      id: headers['webhook-id'] ?? '',
      timestamp: headers['webhook-timestamp'] ?? '',
      signature: headers['webhook-signature'] ?? '',
      body,
      json,
      ...verify(receiver.secrets, body, headers),
      headers,
      answered: 'hang' in reply ? 'hang' : reply.status,
    });
    for (const wake of waiters) wake();
    if ('hang' in reply) return;
    res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    secrets: options.secrets ?? [],
    received,
    reply: (...replies) => {
      queue.push(...replies);
    },
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          cleanup();
          resolve([...received]);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`The receiver got ${received.length} of ${count} webhooks within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
