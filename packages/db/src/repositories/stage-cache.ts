import { type EvaluationStage, liveStages } from '@stageflow/domain';
import { type Db, readTx } from '../client.ts';

/** A template's stages as one version of it holds them: every stage (archived last), and the live ones in order. */
export interface StagesAtVersion {
  readonly version: number;
  readonly all: readonly EvaluationStage[];
  readonly live: readonly EvaluationStage[];
}

/** Templates whose stages are kept; past it the least recently read go first. */
export const KEPT_TEMPLATES = 1000;

/**
 * Templates' stages kept in memory, keyed by the template's version (docs/decisions/032-stage-cache-and-lean-request-path.md).
 * Every change to a template's stages bumps its version in the change's own transaction (application/pipelines.ts),
 * so stages kept at the version a reader sees in its snapshot are the stages of that snapshot; a version committed
 * since, by this process or another, reads them again. A fill reads the version beside the stages, in one snapshot,
 * and never inside the transaction that changed them (it could still roll back). What is kept is frozen: callers
 * share it.
 *
 * `readVersion` and `readAll` are the stage repository's prepared reads (one indexed lookup; the rows in order).
 */
export function createStageCache(
  db: Db,
  readVersion: (workspaceId: string, templateId: string) => number | undefined,
  readAll: (workspaceId: string, templateId: string) => EvaluationStage[],
) {
  const kept = new Map<string, StagesAtVersion>();
  /** Templates whose stages this connection's open transaction changed: not kept until it ends. */
  const changing = new Set<string>();
  const keyOf = (workspaceId: string, templateId: string) => `${workspaceId}/${templateId}`;

  function fill(key: string, workspaceId: string, templateId: string): StagesAtVersion | undefined {
    return readTx(db, () => {
      const version = readVersion(workspaceId, templateId);
      if (version === undefined) return undefined;
      const all = deepFreeze(readAll(workspaceId, templateId));
      const stages: StagesAtVersion = { version, all, live: Object.freeze(liveStages(all)) };
      if (!changing.has(key)) {
        kept.set(key, stages);
        if (kept.size > KEPT_TEMPLATES) kept.delete(kept.keys().next().value!);
      }
      return stages;
    });
  }

  return {
    /**
     * The template's stages, or undefined when the workspace has no such template. `version` is the one the
     * caller read in its own snapshot (the template row), which saves reading it again.
     */
    of(workspaceId: string, templateId: string, version?: number): StagesAtVersion | undefined {
      const key = keyOf(workspaceId, templateId);
      const current = version ?? readVersion(workspaceId, templateId);
      if (current === undefined) return undefined;
      const hit = kept.get(key);
      if (hit?.version !== current) return fill(key, workspaceId, templateId);
      // Most recently read last, so the least recently read are dropped first.
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    },
    /** A change to the template's stages is being stored: forget them, and keep none until its transaction ends. */
    changing(workspaceId: string, templateId: string): void {
      const key = keyOf(workspaceId, templateId);
      kept.delete(key);
      if (!db.$client.inTransaction) return;
      changing.add(key);
      // Transactions on this connection are synchronous (docs/decisions/003-synchronous-sqlite-transactions.md):
      // by the next microtask the one that changed them has committed or rolled back, and reads in later
      // transactions (every command's, every page's) may keep the stages again.
      queueMicrotask(() => changing.delete(key));
    },
  };
}
export type StageCache = ReturnType<typeof createStageCache>;

/** Freezes rows and everything in them, so no caller can change what the next one reads. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
