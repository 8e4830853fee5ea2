import { STATUS_CODES } from 'node:http';
import { INTERVIEWER_UNAVAILABLE_MESSAGE, type InterviewerUnavailableReason } from '@stageflow/domain';
import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
  TypeValidationError,
} from 'ai';
import { errorCode } from './retrying-fetch.ts';

/**
 * Every way a model call fails becomes ONE error (docs/rules.md#interviewer-model): the interviewer
 * is unavailable. Participants are told only that, with the reassurance that their answers are
 * saved; staff get `detail`, the failure in plain words (wrong address, refused key, unknown model,
 * too slow, busy, broken answer). `detail` never holds the API key, and never the request's
 * prompt: the error is safe to log and to show to admins.
 */
export class InterviewerUnavailableError extends Error {
  override readonly name = 'InterviewerUnavailableError';
  /** What a participant is shown. */
  readonly publicMessage = INTERVIEWER_UNAVAILABLE_MESSAGE;
  constructor(
    readonly reason: InterviewerUnavailableReason,
    /** For staff: what went wrong, in plain words. */
    readonly detail: string,
  ) {
    super(`The interviewer is unavailable: ${detail}`);
  }
}

/** What a failure is described against: where the call went, and how it was made. */
export interface FailedCall {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey: string | null;
  /** Retries that were allowed before giving up on a busy or failing server. */
  readonly maxRetries: number;
}

const MAX_QUOTED = 300;

/**
 * The provider's own explanation from an OpenAI-style error body (`{ error: { message } }` and the
 * like), cleaned for showing: one line, short, with the key (and anything shaped like a key) masked.
 * Only JSON error messages are quoted, never a raw body: an admin aiming the address at some other
 * server learns no more than its error message.
 */
export function providerMessage(body: string | undefined, apiKey: string | null): string | undefined {
  if (!body) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const p = parsed as { error?: unknown; message?: unknown; detail?: unknown };
  const nested = typeof p.error === 'object' && p.error !== null ? (p.error as { message?: unknown }).message : p.error;
  const message = [nested, p.message, p.detail].find((m): m is string => typeof m === 'string' && m.trim() !== '');
  if (!message) return undefined;
  let text = message.replace(/\s+/g, ' ').trim();
  if (apiKey) text = text.split(apiKey).join('[the key]');
  text = text.replace(/\b(sk|pk|rk|key|api)[-_][\w*.-]{6,}/gi, '[a key]');
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

const statusWords = (status: number) => `${status} ${STATUS_CODES[status] ?? 'Error'}`.trim();
const afterRetries = (call: FailedCall) => (call.maxRetries > 0 ? ` after ${call.maxRetries + 1} tries` : '');
const said = (message: string | undefined) => (message ? ` The server said: “${message}”` : '');

function fromStatus(status: number, body: string | undefined, call: FailedCall): InterviewerUnavailableError {
  const quoted = providerMessage(body, call.apiKey);
  if (status === 401) {
    return new InterviewerUnavailableError(
      'unauthorized',
      call.apiKey
        ? 'The model server refused the API key (401 Unauthorized): check the key.'
        : 'The model server asks for an API key (401 Unauthorized): add one.',
    );
  }
  if (status === 403) {
    return new InterviewerUnavailableError(
      'unauthorized',
      `The model server refused access (403 Forbidden): check that the key may use the model "${call.model}".`,
    );
  }
  if (status === 404) {
    return new InterviewerUnavailableError(
      'unknown_model',
      `The model server answered 404 Not Found: it has no model "${call.model}", or the base URL is wrong (it usually ends in /v1).${said(quoted)}`,
    );
  }
  if (status === 429) {
    return new InterviewerUnavailableError(
      'rate_limited',
      `The model server is limiting requests (429 Too Many Requests) and still refused${afterRetries(call)}: try again later.${said(quoted)}`,
    );
  }
  if (status >= 500) {
    return new InterviewerUnavailableError(
      'server_error',
      `The model server failed (${statusWords(status)})${afterRetries(call)}.${said(quoted)}`,
    );
  }
  return new InterviewerUnavailableError(
    'refused',
    `The model server refused the request (${statusWords(status)}).${said(quoted)}`,
  );
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** The messages of an error and of the errors it wraps. */
function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) messages.push(e.message);
  }
  return messages;
}

function fromNetwork(error: unknown, call: FailedCall): InterviewerUnavailableError {
  const url = new URL(call.baseUrl);
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') {
    return new InterviewerUnavailableError(
      'unreachable',
      `Could not connect to ${url.origin}: the connection was refused. Check the base URL and that the model server is running.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new InterviewerUnavailableError(
      'unreachable',
      `Could not find the host "${url.hostname}": check the base URL.`,
    );
  }
  if (causeMessages(error).includes('bad port')) {
    // fetch refuses ports the web reserves for other services (the Fetch standard's "bad ports").
    return new InterviewerUnavailableError(
      'unreachable',
      `Could not connect to ${url.origin}: port ${url.port} is reserved for other services and never used for HTTP. Check the base URL's port.`,
    );
  }
  if (code && CERTIFICATE_CODES.test(code)) {
    return new InterviewerUnavailableError(
      'unreachable',
      `Could not make a secure connection to ${url.origin}: its certificate is not trusted (${code}).`,
    );
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new InterviewerUnavailableError(
      'unreachable',
      `The connection to ${url.origin} was dropped${afterRetries(call)}.`,
    );
  }
  return new InterviewerUnavailableError(
    'unreachable',
    `Could not connect to ${url.origin}${code ? ` (${code})` : ''}. Check the base URL and the network.`,
  );
}

const BAD_ANSWER_ERRORS = [
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  NoContentGeneratedError,
  JSONParseError,
  TypeValidationError,
  InvalidResponseDataError,
  EmptyResponseBodyError,
];

/** The one error a failed model call becomes, whatever the SDK or the network threw. */
export function unavailableFrom(error: unknown, call: FailedCall): InterviewerUnavailableError {
  if (error instanceof InterviewerUnavailableError) return error;
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) {
    return cause.statusCode === undefined
      ? fromNetwork(cause.cause ?? cause, call)
      : fromStatus(cause.statusCode, cause.responseBody, call);
  }
  if (BAD_ANSWER_ERRORS.some((kind) => kind.isInstance(cause))) {
    return new InterviewerUnavailableError(
      'bad_response',
      `The model's answer could not be read: it was not the JSON asked for (model "${call.model}"). A larger or instruction-tuned model usually does better.`,
    );
  }
  if (errorCode(cause) || causeMessages(cause).includes('fetch failed')) return fromNetwork(cause, call);
  return new InterviewerUnavailableError(
    'bad_response',
    `The call to the model failed unexpectedly (${cause instanceof Error ? cause.name : typeof cause}).`,
  );
}

/** A call that ran out of time: the same error, with how long it was given. */
export function timedOut(ms: number): InterviewerUnavailableError {
  const seconds = Math.round(ms / 100) / 10;
  const given = ms < 1000 ? `${ms} ms` : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return new InterviewerUnavailableError('timeout', `The model server did not answer within ${given}.`);
}
