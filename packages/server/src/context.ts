import { randomUUID } from 'node:crypto';
import { createSqliteStorage, type Db, type Reads, type Repositories, type StoragePort } from '@stageflow/db';
import { extended } from '@stageflow/domain';
import { type BulkRunner, createBulkRunner } from './application/bulk-runner.ts';
import type { Identity } from './auth/identify.ts';
import { actorOf, type Principal } from './auth/principal.ts';
import { type InterviewerDeps, interviewerDeps } from './interviewer/deps.ts';
import type { Logger } from './logger.ts';
import { type MailDeps, mailNotSetUp } from './mail/deps.ts';
import { checkedOutput, type ParseOutput } from './parse-output.ts';
import { type WebhookDeps, webhookDeps } from './webhooks/deps.ts';

/** What every procedure is given, on either engine (docs/decisions/036-reads-on-either-engine.md). */
export interface ContextDeps {
  /** Where commands run: one transaction each (application/, packages/db storage port). */
  readonly storage: StoragePort;
  /**
   * What server code reads through, on either engine: every repository's reads, awaited (`storage.reads`).
   * Reads that must agree run in one `storage.snapshot` (docs/decisions/036-reads-on-either-engine.md).
   */
  readonly reads: Reads;
  readonly log: Logger;
  /** Where people open the app (PUBLIC_URL, no trailing slash): links given out (portal links) start with it. */
  readonly publicUrl: string;
  /** The interviewer's model: the server's default, how workspace keys are sealed, timeouts (interviewer/deps.ts). */
  readonly interviewer: InterviewerDeps;
  /** Endpoints' sealed secrets and the operator's webhook settings (webhooks/deps.ts). */
  readonly webhooks: WebhookDeps;
  /** Runs applied bulk actions person by person in this process (application/bulk-runner.ts). */
  readonly bulkRunner: BulkRunner;
  /** Whether mail is set up, and how to wake this process's mail worker (mail/deps.ts). */
  readonly mail: MailDeps;
  /** How each answer meets its output schema: checked exactly, or sent as built (parse-output.ts). */
  readonly parseOutput: ParseOutput;
}

/** Where links point when the server was given no PUBLIC_URL (tests, scripts). */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** The dependencies over a storage engine, either one. */
export const engineDeps = (
  storage: StoragePort,
  log: Logger,
  publicUrl: string = DEFAULT_PUBLIC_URL,
  interviewer: InterviewerDeps = interviewerDeps(),
  webhooks: WebhookDeps = webhookDeps(),
  mail: MailDeps = mailNotSetUp,
  parseOutput: ParseOutput = checkedOutput,
): ContextDeps => ({
  storage,
  reads: storage.reads,
  log,
  publicUrl: publicUrl.replace(/\/+$/, ''),
  interviewer,
  webhooks,
  bulkRunner: createBulkRunner(log),
  mail,
  parseOutput,
});

/**
 * The dependencies over one SQLite database: the embedded engine, and its own handles (its connection and
 * repositories) for start-up, auth and tests, which arrange rows directly.
 */
export const contextDeps = (
  db: Db,
  repos: Repositories,
  log: Logger,
  ...rest: Parameters<typeof engineDeps> extends [unknown, unknown, ...infer R] ? R : never
): ContextDeps & { readonly db: Db; readonly repos: Repositories } => ({
  ...engineDeps(createSqliteStorage(db, repos), log, ...rest),
  db,
  repos,
});

/**
 * What every procedure starts from. Tests build it directly with a fresh database and a principal;
 * the HTTP adapter builds it per request from the session cookie or the API key.
 */
export interface BaseContext extends ContextDeps {
  /** Null when the request carried no valid credentials. */
  readonly principal: Principal | null;
  /** Why the credentials sent were refused (e.g. a revoked API key): every procedure answers 401 with it. */
  readonly authError?: string | undefined;
  /**
   * The principal's workspace and audit name, worked out once here so a procedure's guard, once it has checked
   * the scope, hands the context on as it is (trpc.ts): procedures read them from `Context`.
   */
  readonly workspaceId?: string | null;
  readonly actor?: string | null;
  readonly now: () => string;
  readonly newId: () => string;
}

/**
 * What a procedure sees once its declared scope was checked: the workspace always comes from the
 * caller's credentials here, never from input.
 */
export interface Context extends BaseContext {
  readonly principal: Principal;
  readonly workspaceId: string;
  /** `user:<id>` | `api_key:<id>`: who the audit trail says did it. */
  readonly actor: string;
}

const wallClock = () => new Date().toISOString();

export function createInnerContext(
  deps: ContextDeps,
  principal: Principal | null,
  overrides: Partial<Pick<BaseContext, 'now' | 'newId' | 'authError'>> = {},
): BaseContext {
  return extended(deps, {
    principal,
    workspaceId: principal?.workspaceId ?? null,
    actor: principal ? actorOf(principal) : null,
    authError: overrides.authError,
    now: overrides.now ?? wallClock,
    newId: overrides.newId ?? randomUUID,
  });
}

/** Builds each request's context; `identify` reads the credentials (see auth/identify.ts). */
export function createRequestContext(deps: ContextDeps, identify: (req: Request) => Promise<Identity>) {
  return async ({ req }: { req: Request }): Promise<BaseContext> => {
    const identity = await identify(req);
    if (identity?.kind === 'rejected') return createInnerContext(deps, null, { authError: identity.message });
    return createInnerContext(deps, identity);
  };
}
