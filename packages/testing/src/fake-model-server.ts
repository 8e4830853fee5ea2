/**
 * A fake OpenAI-compatible model server for tests: real HTTP on a free loopback port, answering
 * `POST /v1/chat/completions` (streamed as server-sent events ending in `data: [DONE]`, or as one
 * JSON answer) and `GET /v1/models`, from replies a test queues (docs/architecture.md#tests).
 *
 * Each request takes the next queued reply, or the default reply when the queue is empty. A reply can
 * be text, a structured answer (sent as the message content for `response_format`, or as a tool call
 * when the request offers tools), content that is not valid JSON, an HTTP error (429 with
 * `Retry-After`, 500, …), or a dropped connection; any of them late (`delayMs` before the answer
 * starts, `chunkDelayMs` between streamed chunks). Every request is recorded, the refused ones too,
 * for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply = (
  | { readonly type: 'text'; readonly text: string }
  /** Structured output: the message content for `response_format`, a tool call when tools are offered. */
  | { readonly type: 'json'; readonly value: unknown }
  /** Content that does not parse as JSON (or does not fit the schema asked for). */
  | { readonly type: 'malformed'; readonly content?: string }
  | {
      readonly type: 'error';
      readonly status: number;
      readonly message?: string;
      /** Sent as the `Retry-After` header (seconds, or an HTTP date). */
      readonly retryAfter?: number | string;
    }
  /** Closes the connection without an answer. */
  | { readonly type: 'disconnect' }
) & {
  /** Wait this long before answering at all (a slow model, or one that never answers in time). */
  readonly delayMs?: number;
  /** Streaming only: wait this long before each chunk after the first. */
  readonly chunkDelayMs?: number;
};

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body parsed, the raw text when it is not JSON, or undefined without a body. */
  readonly body: unknown;
}

export interface FakeModelServerOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401 as OpenAI words it. */
  readonly apiKey?: string;
  /** When set, a chat request for another model gets a 404 `model_not_found`; also what `/v1/models` lists. */
  readonly models?: readonly string[];
  /** Answered when the queue is empty. Default: the text "OK". */
  readonly defaultReply?: FakeReply;
}

export interface FakeModelServer {
  /** The base URL a client is given, ending in `/v1`: `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** Every request so far, in order. */
  readonly requests: readonly RecordedRequest[];
  /** The chat requests' bodies so far, in order. */
  chatRequests(): Record<string, unknown>[];
  /** Queues replies, answered one per chat request in order. */
  enqueue(...replies: FakeReply[]): void;
  /** Replies still queued. */
  pending(): number;
  /** Forgets queued replies and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const CHAT_PATH = '/v1/chat/completions';
const MODELS_PATH = '/v1/models';
/** A fixed creation time: answers are the same from run to run. */
const CREATED = 1_767_225_600;

const openAiError = (status: number, message: string, code: string | null) => ({
  error: {
    message,
    type: status === 401 ? 'invalid_request_error' : status >= 500 ? 'server_error' : 'invalid_request_error',
    param: null,
    code,
  },
});

const ERROR_WORDS: Record<number, [string, string | null]> = {
  400: ['Bad request.', 'bad_request'],
  401: ['Incorrect API key provided.', 'invalid_api_key'],
  404: ['The model does not exist.', 'model_not_found'],
  429: ['Rate limit reached for requests.', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request.', null],
  503: ['The server is overloaded.', null],
};

/** Text cut into word-sized pieces, as a model streams tokens. */
const pieces = (text: string) => text.match(/\S+\s*|\s+/g) ?? [''];

/** Unref'd: a slow reply still waiting never keeps a test process alive. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const headersOf = (req: IncomingMessage) =>
  Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

interface ChatRequest {
  model?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown };
  tools?: { function?: { name?: string } }[];
  tool_choice?: { function?: { name?: string } } | string;
}

/** The message the reply becomes: content, or a tool call when the request offered tools for a JSON reply. */
function messageFor(
  reply: FakeReply,
  request: ChatRequest,
): { content: string | null; toolCall?: { name: string; arguments: string } } {
  if (reply.type === 'text') return { content: reply.text };
  if (reply.type === 'malformed') return { content: reply.content ?? '{"dimension_scores": [{"name": "Des' };
  if (reply.type !== 'json') return { content: '' };
  const json = JSON.stringify(reply.value);
  const tool =
    (typeof request.tool_choice === 'object' ? request.tool_choice.function?.name : undefined) ??
    request.tools?.[0]?.function?.name;
  return tool ? { content: null, toolCall: { name: tool, arguments: json } } : { content: json };
}

export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const defaultReply = options.defaultReply ?? { type: 'text', text: 'OK' };
  let completions = 0;

  async function chat(req: IncomingMessage, res: ServerResponse, body: unknown) {
    if (typeof body !== 'object' || body === null) {
      sendJson(res, 400, openAiError(400, 'The body is not valid JSON.', 'bad_request'));
      return;
    }
    const request = body as ChatRequest;
    const model = typeof request.model === 'string' ? request.model : '';
    if (options.models && !options.models.includes(model)) {
      sendJson(res, 404, openAiError(404, `The model \`${model}\` does not exist.`, 'model_not_found'));
      return;
    }
    const reply = queue.shift() ?? defaultReply;
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    if (reply.type === 'disconnect') {
      req.socket.destroy();
      return;
    }
    if (reply.type === 'error') {
      const [words, code] = ERROR_WORDS[reply.status] ?? ['The request failed.', null];
      const headers: Record<string, string> =
        reply.retryAfter === undefined ? {} : { 'retry-after': String(reply.retryAfter) };
      sendJson(res, reply.status, openAiError(reply.status, reply.message ?? words, code), headers);
      return;
    }
    const id = `chatcmpl-fake-${++completions}`;
    const message = messageFor(reply, request);
    const finish = message.toolCall ? 'tool_calls' : 'stop';
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    if (request.stream === true) {
      await stream(res, { id, model, message, finish, usage, request, chunkDelayMs: reply.chunkDelayMs ?? 0 });
      return;
    }
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: message.content,
            ...(message.toolCall && {
              tool_calls: [{ id: `call_${completions}`, type: 'function', function: message.toolCall }],
            }),
          },
          finish_reason: finish,
        },
      ],
      usage,
    });
  }

  async function stream(
    res: ServerResponse,
    a: {
      id: string;
      model: string;
      message: ReturnType<typeof messageFor>;
      finish: string;
      usage: Record<string, number>;
      request: ChatRequest;
      chunkDelayMs: number;
    },
  ) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id: a.id, object: 'chat.completion.chunk', created: CREATED, model: a.model, choices, ...extra })}\n\n`,
      );
    const deltas: Record<string, unknown>[] = a.message.toolCall
      ? [
          {
            role: 'assistant',
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: a.message.toolCall.name, arguments: '' } },
            ],
          },
          ...pieces(a.message.toolCall.arguments).map((part) => ({
            tool_calls: [{ index: 0, function: { arguments: part } }],
          })),
        ]
      : [{ role: 'assistant', content: '' }, ...pieces(a.message.content ?? '').map((content) => ({ content }))];
    for (const [i, delta] of deltas.entries()) {
      if (i > 1 && a.chunkDelayMs) await sleep(a.chunkDelayMs);
      if (res.destroyed) return;
      send([{ index: 0, delta, finish_reason: null }]);
    }
    send([{ index: 0, delta: {}, finish_reason: a.finish }]);
    if (a.request.stream_options?.include_usage) send([], { usage: a.usage });
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = req.url ?? '/';
      const headers = headersOf(req);
      requests.push({ method: req.method ?? 'GET', path, headers, body });
      if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
        sendJson(res, 401, openAiError(401, 'Incorrect API key provided.', 'invalid_api_key'));
        return;
      }
      if (req.method === 'GET' && path === MODELS_PATH) {
        const ids = options.models ?? ['fake-model'];
        sendJson(res, 200, {
          object: 'list',
          data: ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'fake' })),
        });
        return;
      }
      if (req.method === 'POST' && path === CHAT_PATH) {
        await chat(req, res, body);
        return;
      }
      sendJson(res, 404, openAiError(404, `Unknown path ${req.method} ${path}.`, null));
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openAiError(500, String(error), null));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () =>
      requests
        .filter((r) => r.path === CHAT_PATH && typeof r.body === 'object')
        .map((r) => r.body as Record<string, unknown>),
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Slow replies still waiting would hold close() open: end their connections now.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
