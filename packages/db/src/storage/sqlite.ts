import { type DomainError, notFound } from '@stageflow/domain';
import { type Db, writeTx } from '../client.ts';
import { withIdempotency } from '../repositories/idempotency.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Pipeline, StoragePort } from './port.ts';

/**
 * The embedded engine: every method is one synchronous `immediate` transaction on better-sqlite3,
 * so concurrent writers serialize and nothing awaits between the load and the store.
 */
export function createSqliteStorage(db: Db, repos: Repositories): StoragePort {
  const { participants, pipelines, agentProfiles } = repos;
  return {
    agentProfiles: {
      insert: (workspaceId, profile) =>
        writeTx(db, (tx) => {
          agentProfiles.insert(tx, workspaceId, profile);
          return profile;
        }),
      change: (workspaceId, id, step) =>
        writeTx(db, (tx) => {
          const before = agentProfiles.byId(workspaceId, id);
          if (!before) return notFound('Agent profile', id);
          const next = step(before);
          if (!(next instanceof Error)) agentProfiles.update(tx, workspaceId, next);
          return next;
        }),
    },
    participants: {
      run: (workspaceId, units) =>
        writeTx(db, (tx) =>
          units.map((unit) =>
            withIdempotency(tx, workspaceId, unit.idempotency, () => {
              const loaded = participants.loadTarget(workspaceId, unit.target);
              if (loaded instanceof Error) return loaded;
              const emailTakenIn = unit.email
                ? participants.emailTakenIn(
                    workspaceId,
                    loaded.state.template.id,
                    unit.email,
                    loaded.state.participant?.id,
                  )
                : null;
              const outcome = unit.step({ loaded, emailTakenIn });
              if (outcome instanceof Error) return outcome;
              if (outcome.emitted.length > 0)
                participants.store(tx, workspaceId, loaded, outcome.state, outcome.emitted);
              return outcome.answer;
            }),
          ),
        ),
    },
    pipelines: {
      change: (workspaceId, templateId, step) =>
        writeTx(db, (tx): Pipeline | DomainError => {
          const before = pipelines.load(workspaceId, templateId);
          if (!before) return notFound('Evaluation template', templateId);
          const next = step(before);
          if (next instanceof Error) return next;
          pipelines.store(tx, workspaceId, before, next);
          return next;
        }),
      create: (workspaceId, sourceTemplateId, step) =>
        writeTx(db, (tx): Pipeline | DomainError => {
          const source = sourceTemplateId ? (pipelines.load(workspaceId, sourceTemplateId) ?? null) : null;
          const next = step(source);
          if (next instanceof Error) return next;
          pipelines.store(tx, workspaceId, null, next);
          return next;
        }),
    },
  };
}
