import {
  type ApiKeyChoice,
  type InterviewerModelSettings,
  type InterviewerModelTestResult,
  interviewerModelSettings,
  nextInterviewerModel,
  resolveInterviewerModel,
  unwrap,
} from '@stageflow/domain';
import type { InterviewerDeps } from '../interviewer/deps.ts';
import { InterviewerUnavailableError } from '../interviewer/failures.ts';
import type { InterviewerModel } from '../interviewer/model.ts';
import type { AppContext } from './context.ts';

/**
 * A workspace's interviewer model (docs/rules.md#interviewer-model): reading and changing its own
 * setting, testing the model in use, and the client every interviewer call starts from. The key is
 * sealed here, before the transaction, so the storage step stays pure; it is opened only to call
 * the model, and never leaves the server.
 */

type InterviewerContext = Pick<AppContext, 'storage' | 'reads' | 'workspaceId' | 'actor' | 'now'> & {
  readonly interviewer: InterviewerDeps;
};

export async function readInterviewerModel(ctx: InterviewerContext): Promise<InterviewerModelSettings> {
  return interviewerModelSettings(
    await ctx.reads.interviewerModels.byWorkspace(ctx.workspaceId),
    ctx.interviewer.environment,
  );
}

export async function updateInterviewerModel(
  ctx: InterviewerContext,
  input: { base_url: string; model: string; api_key?: string | null | undefined },
): Promise<InterviewerModelSettings> {
  const api_key: ApiKeyChoice<string> =
    input.api_key === undefined
      ? 'keep'
      : input.api_key === null
        ? 'remove'
        : { replace: ctx.interviewer.keys.seal(input.api_key, ctx.workspaceId) };
  const now = ctx.now();
  unwrap(
    await ctx.storage.interviewerModels.change(ctx.workspaceId, (before) =>
      nextInterviewerModel(
        before,
        { base_url: input.base_url, model: input.model, api_key },
        { now, actor: ctx.actor },
      ),
    ),
  );
  return readInterviewerModel(ctx);
}

/** Removes the workspace's own setting: its interviews use the server's default again, if there is one. */
export async function resetInterviewerModel(ctx: InterviewerContext): Promise<InterviewerModelSettings> {
  await ctx.storage.interviewerModels.change(ctx.workspaceId, () => null);
  return readInterviewerModel(ctx);
}

/**
 * The client for the workspace's model in use, or null when none is set up (then nothing calls
 * out). Throws `InterviewerUnavailableError` when the saved key cannot be opened: the server's
 * secret changed since it was sealed.
 */
export async function interviewerModelFor(ctx: InterviewerContext): Promise<InterviewerModel | null> {
  const resolved = resolveInterviewerModel(
    await ctx.reads.interviewerModels.byWorkspace(ctx.workspaceId),
    ctx.interviewer.environment,
  );
  if (resolved.source === 'none') return null;
  const { endpoint } = resolved;
  let apiKey = endpoint.api_key;
  if (resolved.source === 'workspace' && endpoint.api_key !== null) {
    apiKey = ctx.interviewer.keys.open(endpoint.api_key, ctx.workspaceId) ?? null;
    if (apiKey === null) {
      throw new InterviewerUnavailableError(
        'key_unreadable',
        "The saved API key can no longer be read: the server's AUTH_SECRET changed since it was saved. Enter the key again.",
      );
    }
  }
  return ctx.interviewer.modelFor({ baseUrl: endpoint.base_url, model: endpoint.model, apiKey });
}

/** Sends the model in use a tiny prompt: whether it answered, how fast, or what went wrong in plain words. */
export async function testInterviewerModel(ctx: InterviewerContext): Promise<InterviewerModelTestResult> {
  const settings = await readInterviewerModel(ctx);
  const failed = (error: InterviewerUnavailableError): InterviewerModelTestResult => ({
    ok: false,
    latency_ms: 0,
    model: settings.model,
    source: settings.source,
    error: error.detail,
    reason: error.reason,
  });
  let model: InterviewerModel | null;
  try {
    model = await interviewerModelFor(ctx);
  } catch (error) {
    if (error instanceof InterviewerUnavailableError) return failed(error);
    throw error;
  }
  if (!model) {
    return failed(
      new InterviewerUnavailableError(
        'not_configured',
        'No interviewer model is set up: enter a base URL and a model, or ask the server operator to set INTERVIEWER_BASE_URL and INTERVIEWER_MODEL.',
      ),
    );
  }
  const started = performance.now();
  try {
    const { latencyMs } = await model.ping();
    return { ok: true, latency_ms: latencyMs, model: settings.model, source: settings.source };
  } catch (error) {
    if (!(error instanceof InterviewerUnavailableError)) throw error;
    return { ...failed(error), latency_ms: Math.round(performance.now() - started) };
  }
}
