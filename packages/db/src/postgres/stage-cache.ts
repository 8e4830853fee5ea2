import { type EvaluationStage, liveStages } from '@stageflow/domain';
import { deepFreeze, KEPT_TEMPLATES, type StagesAtVersion } from '../repositories/stage-cache.ts';
import type { PgExec } from './client.ts';

/**
 * Templates' stages kept in this process's memory on PostgreSQL, keyed by the template's version, as SQLite keeps
 * them (repositories/stage-cache.ts, docs/decisions/032-stage-cache-and-lean-request-path.md).
 *
 * Every change to a template's stages bumps its version in the change's own transaction, so the stages kept at the
 * version a reader read in its own snapshot are that snapshot's stages; a reader that sees a version committed
 * since, by this process or another, finds none kept at it and reads them again. A fill reads the version and the
 * stages in one statement (one snapshot), and keeps them only when that statement saw nothing uncommitted of the
 * template: it runs on the pool, in a read-only snapshot, or in a write transaction that wrote no template or stage.
 * A transaction that writes one says so (`changing`, from the template and stage writes) and nothing it reads is
 * kept until it has ended (`settled`, from the engine after COMMIT or ROLLBACK): what it read could still roll back,
 * and another transaction then commit the same version with other stages. One cache per database, as many processes
 * as there are: what is kept is frozen, callers share it.
 */
export function createPgStageCache() {
  const kept = new Map<string, StagesAtVersion>();
  /** The transactions (their executors) that wrote stages and have not ended. */
  const changing = new WeakSet<PgExec>();
  const keyOf = (workspaceId: string, templateId: string) => `${workspaceId}/${templateId}`;

  return {
    /** The stages kept for the template at `version`, if any. */
    at(workspaceId: string, templateId: string, version: number): StagesAtVersion | undefined {
      const key = keyOf(workspaceId, templateId);
      const hit = kept.get(key);
      if (hit?.version !== version) return undefined;
      // Most recently read last, so the least recently read are dropped first.
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    },
    /**
     * The stages `exec` read with the template's version in one statement, frozen; kept unless `exec` is a
     * transaction that changed stages.
     */
    keep(exec: PgExec, workspaceId: string, templateId: string, version: number, all: EvaluationStage[]) {
      const frozen = deepFreeze(all);
      const stages: StagesAtVersion = { version, all: frozen, live: Object.freeze(liveStages(frozen)) };
      if (!changing.has(exec)) {
        kept.set(keyOf(workspaceId, templateId), stages);
        if (kept.size > KEPT_TEMPLATES) kept.delete(kept.keys().next().value!);
      }
      return stages;
    },
    /** `tx` is writing stages: nothing it reads is kept until it ends. */
    changing(tx: PgExec): void {
      changing.add(tx);
    },
    /** `tx`'s transaction has committed or rolled back (the engine says so before its connection goes back). */
    settled(tx: PgExec): void {
      changing.delete(tx);
    },
  };
}
export type PgStageCache = ReturnType<typeof createPgStageCache>;
