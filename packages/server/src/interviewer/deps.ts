import { randomBytes } from 'node:crypto';
import type { EnvironmentModel } from '@stageflow/domain';
import { createSecretBox, type SecretBox } from '../auth/secret-box.ts';
import {
  createInterviewerModel,
  DEFAULT_MODEL_CLIENT_OPTIONS,
  type InterviewerModel,
  type ModelClientOptions,
  type ModelEndpoint,
} from './model.ts';

/** What the interviewer's settings and calls need from the server: one per process. */
export interface InterviewerDeps {
  /** The server's default model (`INTERVIEWER_*`), or null. */
  readonly environment: EnvironmentModel | null;
  /** Seals workspaces' API keys under a key derived from the server's secret (auth/secret-box.ts). */
  readonly keys: SecretBox;
  readonly client: ModelClientOptions;
  /** The client for an endpoint, made once: building the SDK's provider costs more than a whole turn's own work. */
  readonly modelFor: (endpoint: ModelEndpoint) => InterviewerModel;
}

/** Endpoints kept at once; past it the cache starts again (a key or address changed many times). */
const MAX_CLIENTS = 64;

/** One client per endpoint (address, model and key), kept in this process's memory only. */
function clientCache(options: ModelClientOptions) {
  const clients = new Map<string, InterviewerModel>();
  return (endpoint: ModelEndpoint): InterviewerModel => {
    const key = JSON.stringify([endpoint.baseUrl, endpoint.model, endpoint.apiKey]);
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      client = createInterviewerModel(endpoint, options);
      clients.set(key, client);
    }
    return client;
  };
}

/** Each purpose derives its own key from the server's secret. */
const KEY_PURPOSE = 'interviewer model api key';

/**
 * `secret` is the server's (`AUTH_SECRET`, or the one kept beside the database): keys sealed under it
 * open after a restart. Without one (tests, demo data, the bench), a random secret of this process:
 * nothing sealed then outlives it, and no key is ever sealed under a secret anyone could know.
 */
export function interviewerDeps(
  options: {
    readonly secret?: string | undefined;
    readonly environment?: EnvironmentModel | null | undefined;
    readonly client?: Partial<ModelClientOptions> | undefined;
  } = {},
): InterviewerDeps {
  const client = { ...DEFAULT_MODEL_CLIENT_OPTIONS, ...options.client };
  return {
    environment: options.environment ?? null,
    keys: createSecretBox(options.secret ?? randomBytes(32).toString('base64url'), KEY_PURPOSE),
    client,
    modelFor: clientCache(client),
  };
}
