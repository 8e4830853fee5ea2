import { z } from 'zod';
import { Text } from './common.ts';

/**
 * The model that runs a workspace's AI interviews: any OpenAI-compatible chat endpoint
 * (docs/entities.md#interviewer-model). A workspace's own setting wins over the server's
 * (`INTERVIEWER_*` in the environment); with neither, nothing calls out.
 */

/** Where the model in use comes from. */
export const INTERVIEWER_MODEL_SOURCES = ['workspace', 'environment', 'none'] as const;
export const InterviewerModelSource = z.enum(INTERVIEWER_MODEL_SOURCES);
export type InterviewerModelSource = z.infer<typeof InterviewerModelSource>;

const BASE_URL_EXAMPLE = 'http://localhost:11434/v1';

/**
 * Why a base URL cannot be used, or undefined when it can: an http(s) address without a user name,
 * password, query or fragment. The SDK appends `/chat/completions` to it, so a query would end up
 * in the middle; credentials belong in `api_key`, which is encrypted and never shown again.
 */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an http:// or https:// address such as "${BASE_URL_EXAMPLE}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must be an http:// or https:// address such as "${BASE_URL_EXAMPLE}"`;
  }
  if (url.username || url.password) return 'must not carry a user name or password: put the key in api_key';
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    return 'must not have a query (?…) or fragment (#…)';
  }
  return undefined;
}

/** The address as stored: trimmed, without trailing slashes (the SDK adds `/chat/completions`). */
export const normalizeBaseUrl = (value: string) => value.trim().replace(/\/+$/, '');

export const InterviewerBaseUrl = Text.trim()
  .min(1, `enter the model server's address, such as "${BASE_URL_EXAMPLE}"`)
  .max(2048)
  .check((ctx) => {
    const problem = baseUrlProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
  });

export const InterviewerModelName = Text.trim()
  .min(1, 'enter the model name, such as "llama3.1:8b" or "gpt-4o-mini"')
  .max(200);

/** Printable ASCII without spaces: it travels in an `Authorization` header. */
export const InterviewerApiKey = Text.trim()
  .min(1, 'enter the key, or remove the saved one')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces or line breaks');

/**
 * A workspace's own model. `api_key`: a new key replaces the saved one, `null` removes it, and
 * leaving it out keeps it, unless the address moves to another server (`nextInterviewerModel`).
 */
export const UpdateInterviewerModelInput = z.strictObject({
  base_url: InterviewerBaseUrl,
  model: InterviewerModelName,
  api_key: InterviewerApiKey.nullable().optional(),
});
export type UpdateInterviewerModelInput = z.input<typeof UpdateInterviewerModelInput>;

/** A model as a reader sees it: the key is never shown, only whether one is saved. */
export const InterviewerModelEndpoint = z.object({
  base_url: z.string(),
  model: z.string(),
  has_api_key: z.boolean(),
});
export type InterviewerModelEndpoint = z.infer<typeof InterviewerModelEndpoint>;

export const InterviewerModelSettings = z.object({
  /** Which model interviews run on now: the workspace's, the server's default, or none. */
  source: InterviewerModelSource,
  /** The model in use; `null` with `source: 'none'`. */
  base_url: z.string().nullable(),
  model: z.string().nullable(),
  has_api_key: z.boolean(),
  /** The workspace's own setting, when it has one. */
  workspace: InterviewerModelEndpoint.extend({ updated_at: z.string(), updated_by: z.string() }).nullable(),
  /** The server's default (`INTERVIEWER_*`), used when the workspace has none. */
  environment: InterviewerModelEndpoint.nullable(),
});
export type InterviewerModelSettings = z.infer<typeof InterviewerModelSettings>;

/** Why the interviewer could not be reached, for staff and programs (docs/rules.md#interviewer-model). */
export const INTERVIEWER_UNAVAILABLE_REASONS = [
  'not_configured',
  'key_unreadable',
  'unreachable',
  'unauthorized',
  'unknown_model',
  'timeout',
  'rate_limited',
  'server_error',
  'refused',
  'bad_response',
] as const;
export const InterviewerUnavailableReason = z.enum(INTERVIEWER_UNAVAILABLE_REASONS);
export type InterviewerUnavailableReason = z.infer<typeof InterviewerUnavailableReason>;

/** What a participant is told when the model fails mid-session: their answers are kept either way. */
export const INTERVIEWER_UNAVAILABLE_MESSAGE = 'The interviewer is unavailable; your answers are saved';

/** What "Test connection" reports: a tiny prompt sent to the model in use. */
export const InterviewerModelTestResult = z.object({
  ok: z.boolean(),
  /** From sending the prompt to the whole answer (retries included); 0 when nothing was sent. */
  latency_ms: z.number(),
  /** The model asked; `null` when none is set up. */
  model: z.string().nullable(),
  source: InterviewerModelSource,
  /** When not ok: what went wrong, in plain words. */
  error: z.string().optional(),
  reason: InterviewerUnavailableReason.optional(),
});
export type InterviewerModelTestResult = z.infer<typeof InterviewerModelTestResult>;
