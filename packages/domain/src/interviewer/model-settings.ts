import { badInput, type DomainError } from '../errors.ts';
import {
  type InterviewerModelSettings,
  type InterviewerModelSource,
  normalizeBaseUrl,
} from '../schemas/interviewer-model.ts';

/**
 * Which model a workspace's interviews run on, and how a workspace's own setting changes
 * (docs/rules.md#interviewer-model). Encrypting the key is the server's (crypto); these rules see
 * only whether a key is saved, as an opaque value the server made.
 */

/** A workspace's own model as stored: `api_key` is whatever the server keeps for it (encrypted). */
export interface WorkspaceModelRecord<Key = string> {
  readonly base_url: string;
  readonly model: string;
  readonly api_key: Key | null;
  readonly updated_at: string;
  readonly updated_by: string;
}

/** The server's default from its environment (`INTERVIEWER_*`); its key is a plain value. */
export interface EnvironmentModel {
  readonly base_url: string;
  readonly model: string;
  readonly api_key: string | null;
}

export type ResolvedModel<Key = string> =
  | { readonly source: 'workspace'; readonly endpoint: WorkspaceModelRecord<Key> }
  | { readonly source: 'environment'; readonly endpoint: EnvironmentModel }
  | { readonly source: 'none' };

/**
 * The workspace's own setting wins, whole: its address, model and key (or none) go together, and
 * the server's key is never sent to a workspace's address. Without one, the server's default; with
 * neither, none, and nothing calls out.
 */
export function resolveInterviewerModel<Key>(
  workspace: WorkspaceModelRecord<Key> | null,
  environment: EnvironmentModel | null,
): ResolvedModel<Key> {
  if (workspace) return { source: 'workspace', endpoint: workspace };
  if (environment) return { source: 'environment', endpoint: environment };
  return { source: 'none' };
}

/** What a reader is shown: never a key, only whether one is saved. */
export function interviewerModelSettings(
  workspace: WorkspaceModelRecord<unknown> | null,
  environment: EnvironmentModel | null,
): InterviewerModelSettings {
  const resolved = resolveInterviewerModel(workspace, environment);
  const source: InterviewerModelSource = resolved.source;
  const inUse = resolved.source === 'none' ? null : resolved.endpoint;
  return {
    source,
    base_url: inUse?.base_url ?? null,
    model: inUse?.model ?? null,
    has_api_key: inUse ? inUse.api_key !== null : false,
    workspace: workspace && {
      base_url: workspace.base_url,
      model: workspace.model,
      has_api_key: workspace.api_key !== null,
      updated_at: workspace.updated_at,
      updated_by: workspace.updated_by,
    },
    environment: environment && {
      base_url: environment.base_url,
      model: environment.model,
      has_api_key: environment.api_key !== null,
    },
  };
}

/** What happens to the saved key: the caller gave a new one, asked to remove it, or left it out. */
export type ApiKeyChoice<Key> = { readonly replace: Key } | 'remove' | 'keep';

const originOf = (url: string) => new URL(url).origin;

/**
 * A workspace's setting after an update. Leaving the key out keeps the saved one, but only while
 * the address stays on the same server (scheme, host and port): the key is write-only, so moving it
 * to another server without typing it again would hand it to whoever runs that server.
 */
export function nextInterviewerModel<Key>(
  before: WorkspaceModelRecord<Key> | null,
  input: { readonly base_url: string; readonly model: string; readonly api_key: ApiKeyChoice<Key> },
  ctx: { readonly now: string; readonly actor: string },
): WorkspaceModelRecord<Key> | DomainError {
  const base_url = normalizeBaseUrl(input.base_url);
  let api_key: Key | null;
  if (input.api_key === 'remove') api_key = null;
  else if (input.api_key === 'keep') {
    api_key = before?.api_key ?? null;
    if (api_key !== null && before && originOf(before.base_url) !== originOf(base_url)) {
      return badInput(
        ['api_key'],
        'enter the API key again, or remove it: a saved key is sent only to the server it was saved for',
      );
    }
  } else api_key = input.api_key.replace;
  return { base_url, model: input.model, api_key, updated_at: ctx.now, updated_by: ctx.actor };
}
