import {
  type BulkActionItem,
  type DomainError,
  notFound,
  participantWebhookEvents,
  stageWebhookEvents,
} from '@stageflow/domain';
import { type Db, readTx, type Tx, writeTx } from '../client.ts';
import { type Reads, runSnapshotNow, snapshotReads } from '../reads.ts';
import type { ApiKeySummary } from '../repositories/api-keys.ts';
import { withIdempotency } from '../repositories/idempotency.ts';
import type { Repositories } from '../repositories/index.ts';
import type { PortalParticipant } from '../repositories/portal-links.ts';
import type {
  CommandTarget,
  ParticipantUnit,
  Pipeline,
  PortalLinkChange,
  PortalLinkOpening,
  StageUsage,
  StoragePort,
} from './port.ts';
import { createWebhookStorage } from './webhooks.ts';

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
    sessionTurns,
    selfIdentification,
    memberGrants,
    members,
    bulkActions,
    mail,
  } = repos;
  // Every change that reports something writes its webhooks in its own transaction (docs/webhooks.md#the-outbox).
  const { outbox } = repos.webhooks;

  const reads: Reads = repos;
  const steps = snapshotReads(reads);

  type LoadTarget = (target: CommandTarget) => ReturnType<typeof participants.loadTarget>;

  /**
   * Loads for one run of units: enrolments into one template (a bulk import's 500) share the template's
   * load, since nothing in it changes within the run; a participant is loaded afresh every time.
   */
  function sharedTemplateLoads(workspaceId: string): LoadTarget {
    const templates = new Map<string, ReturnType<LoadTarget>>();
    return (target) => {
      if (!('templateId' in target)) return participants.loadTarget(workspaceId, target);
      const known = templates.get(target.templateId) ?? participants.loadTarget(workspaceId, target);
      templates.set(target.templateId, known);
      return known;
    };
  }

  /** Loads a unit's target and facts and steps it; what it decided is the caller's to store, or not. */
  function stepUnit<A>(
    workspaceId: string,
    unit: ParticipantUnit<A>,
    load: LoadTarget = (target) => participants.loadTarget(workspaceId, target),
  ) {
    const loaded = load(unit.target);
    if (loaded instanceof Error) return loaded;
    const emailTakenIn = unit.email
      ? participants.emailTakenIn(workspaceId, loaded.state.template.id, unit.email, loaded.state.participant?.id)
      : null;
    const outcome = unit.step({ loaded, emailTakenIn });
    return outcome instanceof Error ? outcome : { loaded, outcome };
  }

  /** One participant unit inside the caller's transaction: load, step, store only when the step succeeded. */
  function runUnit<A>(tx: Tx, workspaceId: string, unit: ParticipantUnit<A>, load?: LoadTarget): A | DomainError {
    return withIdempotency(tx, workspaceId, unit.idempotency, () => {
      const stepped = stepUnit(workspaceId, unit, load);
      if (stepped instanceof Error) return stepped;
      const { loaded, outcome } = stepped;
      if (outcome.emitted.length > 0) {
        participants.store(tx, workspaceId, loaded, outcome.state, outcome.emitted);
        outbox.enqueue(tx, workspaceId, participantWebhookEvents(outcome.emitted, outcome.state));
      }
      // An enrolment that sends the portal link: the link, its events and the message in the same transaction.
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
    });
  }

  /** A portal link step's change inside the caller's transaction: the revocation, the link, the events, the mail. */
  function storeLinkChange(tx: Tx, participant: PortalParticipant, change: PortalLinkChange) {
    if (change.revoke) portalLinks.revoke(tx, participant.workspace_id, change.revoke.id, change.revoke.revoked_at);
    if (change.insert) portalLinks.insert(tx, change.insert);
    portalLinks.appendEvents(tx, participant, change.events);
    if (change.mail) mail.insert(tx, change.mail);
  }

  return {
    reads,
    snapshot: (work) => readTx(db, () => runSnapshotNow(work, steps)),
    webhooks: createWebhookStorage(db, repos),
    bulkActions: {
      start: (action, idempotency) =>
        writeTx(db, (tx) =>
          withIdempotency(tx, action.workspace_id, idempotency, () => {
            bulkActions.insert(tx, action);
            return action.id;
          }),
        ),
      applyItem: (workspaceId, bulkActionId, item, at, unit, settle) =>
        writeTx(db, (tx) => {
          if (!bulkActions.isPending(workspaceId, bulkActionId, item.position)) return null;
          const line = settle(runUnit(tx, workspaceId, unit));
          bulkActions.settle(tx, workspaceId, bulkActionId, item.position, line, at);
          return line;
        }),
      applyLinkItem: (workspaceId, bulkActionId, item, at, step, missing) =>
        writeTx(db, (tx) => {
          if (!bulkActions.isPending(workspaceId, bulkActionId, item.position)) return null;
          const participant = portalLinks.participant(workspaceId, item.participant_id);
          let line: BulkActionItem;
          if (participant) {
            const stepped = step({ participant, current: portalLinks.latest(workspaceId, participant.id) ?? null });
            if (stepped.change) storeLinkChange(tx, participant, stepped.change);
            line = stepped.line;
          } else {
            line = missing(notFound('Participant', item.participant_id));
          }
          bulkActions.settle(tx, workspaceId, bulkActionId, item.position, line, at);
          return line;
        }),
      claim: (workspaceId, bulkActionId, lease) =>
        writeTx(db, (tx) => bulkActions.claim(tx, workspaceId, bulkActionId, lease)),
      release: (workspaceId, bulkActionId, owner) =>
        writeTx(db, (tx) => bulkActions.release(tx, workspaceId, bulkActionId, owner)),
    },
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
          if (change.emitted.length > 0) {
            participants.store(tx, workspaceId, loaded, change.state, change.emitted);
            outbox.enqueue(tx, workspaceId, participantWebhookEvents(change.emitted, change.state));
          }
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
          storeLinkChange(tx, participant, change);
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
    interviews: {
      append: (workspaceId, participantId, sessionId, step) =>
        writeTx(db, (tx) => {
          const loaded = participants.load.participant(workspaceId, participantId);
          if (!loaded) return notFound('Participant', participantId);
          const decided = step({ loaded, turns: sessionTurns.list(workspaceId, sessionId) });
          if (decided instanceof Error) return decided;
          sessionTurns.append(tx, workspaceId, sessionId, decided.append);
          return decided.answer;
        }),
    },
    selfIdentification: {
      change: (workspaceId, participantId, step) =>
        writeTx(db, (tx) => {
          const participant = portalLinks.participant(workspaceId, participantId);
          if (!participant) return notFound('Participant', participantId);
          const current = selfIdentification.byParticipant(workspaceId, participantId) ?? null;
          const change = step({ participant, current });
          if (change instanceof Error) return change;
          if (change.record) selfIdentification.save(tx, workspaceId, change.record);
          portalLinks.appendEvents(tx, participant, change.events);
          return change.record ?? current ?? notFound('Self-identification', participantId);
        }),
    },
    memberGrants: {
      change: (workspaceId, userId, scope, step) =>
        writeTx(db, (tx) => {
          const role = members.roleOf(workspaceId, userId);
          const current = memberGrants.scopesOf(workspaceId, userId).includes(scope);
          const decided = step({ member: role ? { role } : null, current });
          if (decided instanceof Error) return decided;
          // A grant is made by the event that records it: its time and actor are the grant's.
          const made = decided.change === 'grant' ? decided.events[0] : undefined;
          if (made) {
            memberGrants.grant(tx, {
              workspace_id: workspaceId,
              user_id: userId,
              scope,
              granted_at: made.occurred_at,
              granted_by: made.actor,
            });
          }
          if (decided.change === 'revoke') memberGrants.revoke(tx, workspaceId, userId, scope);
          memberGrants.appendEvents(tx, workspaceId, decided.events);
          return decided.change === null ? current : made !== undefined;
        }),
    },
    participants: {
      run: (workspaceId, units) =>
        writeTx(db, (tx) => {
          const load = sharedTemplateLoads(workspaceId);
          return units.map((unit) => runUnit(tx, workspaceId, unit, load));
        }),
      dryRun: (workspaceId, units) =>
        readTx(db, () => {
          const load = sharedTemplateLoads(workspaceId);
          return units.map((unit) => {
            const stepped = stepUnit(workspaceId, unit, load);
            return stepped instanceof Error ? stepped : stepped.outcome.answer;
          });
        }),
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
          outbox.enqueue(tx, workspaceId, stageWebhookEvents(before.stages, next.stages));
          return next;
        }),
      create: (workspaceId, sourceTemplateId, step) =>
        writeTx(db, (tx): Pipeline | DomainError => {
          const source = sourceTemplateId ? (pipelines.load(workspaceId, sourceTemplateId) ?? null) : null;
          const next = step(source, templates.names(workspaceId));
          if (next instanceof Error) return next;
          pipelines.store(tx, workspaceId, null, next);
          outbox.enqueue(tx, workspaceId, stageWebhookEvents([], next.stages));
          return next;
        }),
    },
  };
}
