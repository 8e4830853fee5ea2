import type { Reads, StoragePort } from '@stageflow/db';
import type { DecideContext, PortalCopy } from '@stageflow/domain';

/**
 * What a command runs with, whoever calls it (a tRPC or REST procedure, the CLI, a bulk action, a
 * background job): the caller's workspace and identity, the clock and id source, and the storage.
 * A procedure's context satisfies it as it is.
 */
export interface AppContext {
  readonly storage: StoragePort;
  /**
   * Reads outside a command (looking up which participant a session belongs to, the pipeline), on either
   * engine: awaited; reads that must agree run in one `storage.snapshot` (docs/decisions/036-reads-on-either-engine.md).
   */
  readonly reads: Reads;
  readonly workspaceId: string;
  /** `user:<id>` | `api_key:<id>` | `system`: who the audit trail says did it. */
  readonly actor: string;
  readonly now: () => string;
  readonly newId: () => string;
}

/**
 * What a participant's own command from their portal runs with: the participant as the actor, and the
 * words they read (their template's language, docs/surfaces.md#portal-language) for what it answers.
 */
export interface PortalAppContext extends AppContext {
  readonly copy: PortalCopy;
}

export const decideContext = (ctx: AppContext): DecideContext => ({
  now: ctx.now(),
  newId: ctx.newId,
  actor: ctx.actor,
});
