import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, type ModelMessage, Output, streamText } from 'ai';
import type { z } from 'zod';
import { type FailedCall, InterviewerUnavailableError, timedOut, unavailableFrom } from './failures.ts';
import { retryingFetch } from './retrying-fetch.ts';

/**
 * The interviewer's model client (docs/architecture.md#the-interviewer): the AI SDK's
 * OpenAI-compatible provider pointed at one endpoint, with our timeouts and retries, and every
 * failure turned into `InterviewerUnavailableError` (failures.ts). Which endpoint a workspace uses is
 * decided elsewhere (application/interviewer-model.ts); this module only talks to it.
 */

/** Where the calls go: an endpoint resolved from the workspace's setting or the environment. */
export interface ModelEndpoint {
  readonly baseUrl: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer …`; null for servers that need none (a local Ollama). */
  readonly apiKey: string | null;
}

export interface ModelClientOptions {
  /** A whole non-streamed call (a structured answer), retries included. */
  readonly callTimeoutMs: number;
  /** Streaming: the longest wait for the first piece of an answer, and between two pieces. */
  readonly idleTimeoutMs: number;
  /** Streaming: a whole turn. */
  readonly turnTimeoutMs: number;
  /** The connection test: a tiny prompt, so a short wait. */
  readonly testTimeoutMs: number;
  /** Retries after a 429, a 5xx or a dropped connection (retrying-fetch.ts). */
  readonly maxRetries: number;
  readonly retryBaseDelayMs: number;
  /** The longest wait between tries; a `Retry-After` asking for more is not waited for. */
  readonly retryMaxDelayMs: number;
  /** Tries for a structured answer that comes back unreadable (a model's JSON slip). */
  readonly structuredAttempts: number;
}

export const DEFAULT_MODEL_CLIENT_OPTIONS: ModelClientOptions = {
  callTimeoutMs: 90_000,
  idleTimeoutMs: 30_000,
  turnTimeoutMs: 120_000,
  testTimeoutMs: 20_000,
  maxRetries: 2,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 10_000,
  structuredAttempts: 2,
};

/** What the connection test asks: anything that answers at all will do. */
const PING_PROMPT = 'Reply with the single word OK.';

/**
 * A deadline over the caller's signal: aborts after `ms` (and, with `idleMs`, after that long
 * without `touch()`), and remembers that it was the clock, not the caller, that aborted.
 */
function deadline(caller: AbortSignal | undefined, ms: number, idleMs?: number) {
  const controller = new AbortController();
  let timeout: InterviewerUnavailableError | undefined;
  const expire = (after: number) => () => {
    timeout = timedOut(after);
    controller.abort(timeout);
  };
  const total = setTimeout(expire(ms), ms);
  let idle = idleMs === undefined ? undefined : setTimeout(expire(idleMs), idleMs);
  return {
    signal: caller ? AbortSignal.any([caller, controller.signal]) : controller.signal,
    /** The timeout that fired, if one did. */
    expired: () => timeout,
    touch() {
      if (idle === undefined || idleMs === undefined) return;
      clearTimeout(idle);
      idle = setTimeout(expire(idleMs), idleMs);
    },
    clear() {
      clearTimeout(total);
      clearTimeout(idle);
    },
  };
}

export interface InterviewerModel {
  readonly endpoint: ModelEndpoint;
  /**
   * One streamed chat turn: the interviewer's next message, piece by piece. Throws
   * `InterviewerUnavailableError` (or the caller's own abort reason when `signal` aborts).
   */
  streamTurn(input: {
    system: string;
    messages: readonly ModelMessage[];
    signal?: AbortSignal;
  }): AsyncGenerator<string, void, undefined>;
  /** One answer in `schema`'s shape (the scorecard), asked for as JSON schema structured output. */
  structured<T>(input: {
    system: string;
    prompt: string;
    schema: z.ZodType<T>;
    /** Names the output for the model (`scorecard`). */
    name: string;
    signal?: AbortSignal;
  }): Promise<T>;
  /** The connection test: sends a tiny prompt; answers how long the whole call took. */
  ping(signal?: AbortSignal): Promise<{ latencyMs: number }>;
}

export function createInterviewerModel(
  endpoint: ModelEndpoint,
  options: ModelClientOptions = DEFAULT_MODEL_CLIENT_OPTIONS,
): InterviewerModel {
  const provider = createOpenAICompatible({
    name: 'interviewer',
    baseURL: endpoint.baseUrl,
    ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}),
    includeUsage: true,
    supportsStructuredOutputs: true,
    fetch: retryingFetch({
      maxRetries: options.maxRetries,
      baseDelayMs: options.retryBaseDelayMs,
      maxDelayMs: options.retryMaxDelayMs,
    }),
  });
  const model = provider.chatModel(endpoint.model);
  const call: FailedCall = { ...endpoint, maxRetries: options.maxRetries };

  /** The caller's abort goes back as it is; a timeout or any other failure becomes ours. */
  const failure = (error: unknown, clock: ReturnType<typeof deadline>, caller: AbortSignal | undefined) => {
    if (caller?.aborted) return caller.reason;
    return clock.expired() ?? unavailableFrom(error, call);
  };

  return {
    endpoint,

    async *streamTurn({ system, messages, signal }) {
      const clock = deadline(signal, options.turnTimeoutMs, options.idleTimeoutMs);
      try {
        const result = streamText({
          model,
          system,
          messages: [...messages],
          abortSignal: clock.signal,
          // Retries happen in the fetch, where a streamed answer's status is known before its body.
          maxRetries: 0,
          // Failures arrive as parts of the stream below; without this the SDK prints them.
          onError: () => undefined,
        });
        for await (const part of result.fullStream) {
          clock.touch();
          if (part.type === 'text-delta') yield part.text;
          else if (part.type === 'error') throw failure(part.error, clock, signal);
          else if (part.type === 'abort') throw failure(clock.signal.reason, clock, signal);
        }
      } catch (error) {
        throw failure(error, clock, signal);
      } finally {
        clock.clear();
      }
    },

    async structured<T>({
      system,
      prompt,
      schema,
      name,
      signal,
    }: {
      system: string;
      prompt: string;
      schema: z.ZodType<T>;
      name: string;
      signal?: AbortSignal;
    }): Promise<T> {
      let last: unknown;
      for (let attempt = 0; attempt < Math.max(1, options.structuredAttempts); attempt++) {
        const clock = deadline(signal, options.callTimeoutMs);
        try {
          const { output } = await generateText({
            model,
            system,
            prompt,
            output: Output.object({ schema, name }),
            abortSignal: clock.signal,
            maxRetries: 0,
          });
          return output as T;
        } catch (error) {
          last = failure(error, clock, signal);
          // Only an unreadable answer is asked again: the server itself answered, and may do better.
          if (!(last instanceof InterviewerUnavailableError) || last.reason !== 'bad_response') throw last;
        } finally {
          clock.clear();
        }
      }
      throw last;
    },

    async ping(signal) {
      const clock = deadline(signal, options.testTimeoutMs);
      const started = performance.now();
      try {
        await generateText({ model, prompt: PING_PROMPT, abortSignal: clock.signal, maxRetries: 0 });
        return { latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        throw failure(error, clock, signal);
      } finally {
        clock.clear();
      }
    },
  };
}
