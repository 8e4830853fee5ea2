import { type DomainError, notFound } from '@stageflow/domain';
import { type Db, writeTx } from '../client.ts';
import type { ApiKeySummary } from '../repositories/api-keys.ts';
import { withIdempotency } from '../repositories/idempotency.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Pipeline, PortalLinkOpening, StageUsage, StoragePort } from './port.ts';

/**
 * The embedded engine: every method is one synchronous `immediate` transaction on better-sqlite3,
 * so concurrent writers serialize and nothing awaits between the load and the store.
 */
export function createSqliteStorage(db: Db, repos: Repositories): StoragePort {
  const {
    participants,
    pipelines,
    templates,
    agentProfiles,
    apiKeys,
    portalLinks,
    portalNotice,
    interviewerModels,
    answers,
    mail,
  } = repos;
  return {
    mail: {
      enqueue: (messages) => writeTx(db, (tx) => mail.insert(tx, messages)),
      claim: (lease, limit) => writeTx(db, (tx) => mail.claim(tx, lease, limit)),
      settle: (id, owner, after) => writeTx(db, (tx) => mail.settle(tx, id, owner, after)),
      setReviewDigest: (workspaceId, userId, on, now) =>
        writeTx(db, (tx) => mail.setReviewDigest(tx, workspaceId, userId, on, now)),
    },
    answers: {
      change: (workspaceId, participantId, sessionId, step) =>
        writeTx(db, (tx) => {
          const loaded = participants.load.participant(workspaceId, participantId);
          if (!loaded) return notFound('Participant', participantId);
          const change = step({ loaded, ...answers.forSession(workspaceId, sessionId) });
          if (change instanceof Error) return change;
          answers.upsert(tx, workspaceId, sessionId, change.save);
          if (change.submission) answers.submit(tx, workspaceId, change.submission);
          if (change.emitted.length > 0) participants.store(tx, workspaceId, loaded, change.state, change.emitted);
          return change.answer;
        }),
    },
    apiKeys: {
      issue: (key) => writeTx(db, (tx) => apiKeys.insert(tx, key)),
      change: (workspaceId, id, step) =>
        writeTx(db, (tx): ApiKeySummary | DomainError => {
          const before = apiKeys.byId(workspaceId, id);
          if (!before) return notFound('API key', id);
          const change = step(before);
          if (change instanceof Error) return change;
          if (change.revoked_at) apiKeys.revoke(tx, workspaceId, id, change.revoked_at);
          if (change.expires_at) apiKeys.expireAt(tx, workspaceId, id, change.expires_at);
          if (change.issue) apiKeys.insert(tx, change.issue);
          return apiKeys.byId(workspaceId, id) ?? before;
        }),
    },
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
    interviewerModels: {
      change: (workspaceId, step) =>
        writeTx(db, (tx) => {
          const next = step(interviewerModels.byWorkspace(workspaceId));
          if (next instanceof Error) return next;
          if (next) interviewerModels.save(tx, workspaceId, next);
          else interviewerModels.remove(tx, workspaceId);
          return next;
        }),
    },
    portalLinks: {
      change: (workspaceId, participantId, step) =>
        writeTx(db, (tx) => {
          const participant = portalLinks.participant(workspaceId, participantId);
          if (!participant) return notFound('Participant', participantId);
          const change = step({ participant, current: portalLinks.latest(workspaceId, participantId) ?? null });
          if (change instanceof Error) return change;
          if (change.revoke) portalLinks.revoke(tx, workspaceId, change.revoke.id, change.revoke.revoked_at);
          if (change.insert) portalLinks.insert(tx, change.insert);
          portalLinks.appendEvents(tx, participant, change.events);
          if (change.mail) mail.insert(tx, change.mail);
          return portalLinks.latest(workspaceId, participantId) ?? notFound('Portal link', participantId);
        }),
      open: (tokenHash, step) =>
        writeTx(db, (tx): PortalLinkOpening => {
          const found = portalLinks.byHash(tokenHash);
          if (!found) return { refused: 'unknown' };
          const { workspace_id: workspaceId, ...link } = found;
          const participant = portalLinks.participant(workspaceId, link.participant_id);
          if (!participant) return { refused: 'unknown' };
          const opened = step(link);
          if ('refused' in opened) return opened;
          portalLinks.markOpened(tx, workspaceId, link.id, opened.opened_at);
          portalLinks.appendEvents(tx, participant, opened.events);
          return { link: { ...link, last_opened_at: opened.opened_at }, participant };
        }),
    },
    portalNotice: {
      change: (workspaceId, step) =>
        writeTx(db, (tx) => {
          const next = step(portalNotice.get(workspaceId));
          if (next instanceof Error) return next;
          portalNotice.save(tx, workspaceId, next);
          return portalNotice.get(workspaceId);
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
              if (outcome.portalLink) {
                portalLinks.insert(tx, outcome.portalLink.insert);
                portalLinks.appendEvents(
                  tx,
                  { workspace_id: workspaceId, evaluation_template_id: loaded.state.template.id },
                  outcome.portalLink.events,
                );
              }
              if (outcome.mail) mail.insert(tx, outcome.mail);
              return outcome.answer;
            }),
          ),
        ),
    },
    pipelines: {
      change: (workspaceId, templateId, step, options) =>
        writeTx(db, (tx): Pipeline | DomainError => {
          const before = pipelines.load(workspaceId, templateId);
          if (!before) return notFound('Evaluation template', templateId);
          const usage = new Map<string, StageUsage>(
            options?.withUsage
              ? before.stages.map((s) => [
                  s.id,
                  {
                    activeParticipants: participants.activeAtStage(workspaceId, s.id),
                    references: participants.referencesToStage(workspaceId, s.id),
                  },
                ])
              : [],
          );
          const others = options?.withNames ? templates.names(workspaceId) : [];
          const next = step(before, usage, others);
          if (next instanceof Error) return next;
          pipelines.store(tx, workspaceId, before, next);
          return next;
        }),
      create: (workspaceId, sourceTemplateId, step) =>
        writeTx(db, (tx): Pipeline | DomainError => {
          const source = sourceTemplateId ? (pipelines.load(workspaceId, sourceTemplateId) ?? null) : null;
          const next = step(source, templates.names(workspaceId));
          if (next instanceof Error) return next;
          pipelines.store(tx, workspaceId, null, next);
          return next;
        }),
    },
  };
}
