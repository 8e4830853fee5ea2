import {
  type EnvironmentModel,
  InterviewerApiKey,
  InterviewerBaseUrl,
  InterviewerModelName,
  normalizeBaseUrl,
} from '@stageflow/domain';

/**
 * The server's default interviewer model, from `INTERVIEWER_BASE_URL`, `INTERVIEWER_MODEL` and
 * `INTERVIEWER_API_KEY` (README, Settings). Checked with the same rules as a workspace's setting. A
 * wrong or half-given default is not fatal: the server starts without one and says why (the app
 * works without any model), so `problem` is for the operator's log; it never contains the key.
 */
export function interviewerModelFromEnv(env: Readonly<Record<string, string | undefined>>): {
  readonly model: EnvironmentModel | null;
  readonly problem?: string;
} {
  const baseUrl = env.INTERVIEWER_BASE_URL?.trim() || undefined;
  const model = env.INTERVIEWER_MODEL?.trim() || undefined;
  const apiKey = env.INTERVIEWER_API_KEY?.trim() || undefined;
  if (!baseUrl && !model && !apiKey) return { model: null };
  const ignored = 'the server runs without a default interviewer model';
  if (!baseUrl || !model) {
    const missing = [!baseUrl && 'INTERVIEWER_BASE_URL', !model && 'INTERVIEWER_MODEL'].filter(Boolean).join(' and ');
    return { model: null, problem: `${missing} not set: ${ignored}. Set both, or neither.` };
  }
  const url = InterviewerBaseUrl.safeParse(baseUrl);
  if (!url.success)
    return { model: null, problem: `INTERVIEWER_BASE_URL ${url.error.issues[0]?.message}: ${ignored}.` };
  const name = InterviewerModelName.safeParse(model);
  if (!name.success) return { model: null, problem: `INTERVIEWER_MODEL ${name.error.issues[0]?.message}: ${ignored}.` };
  const key = apiKey === undefined ? undefined : InterviewerApiKey.safeParse(apiKey);
  if (key && !key.success) {
    return { model: null, problem: `INTERVIEWER_API_KEY ${key.error.issues[0]?.message}: ${ignored}.` };
  }
  return { model: { base_url: normalizeBaseUrl(url.data), model: name.data, api_key: key?.data ?? null } };
}
