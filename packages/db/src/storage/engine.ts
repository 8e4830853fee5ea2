import {
  type BulkActionItem,
  type DomainError,
  notFound,
  participantWebhookEvents,
  stageWebhookEvents,
  type WebhookEvent,
} from '@stageflow/domain';
import type { ReadStep, Reads, SnapshotWork, TxSteps } from '../reads.ts';
import type { ApiKeySummary } from '../repositories/api-keys.ts';
import { withIdempotency } from './idempotency.ts';
import { runUnit, sharedTemplateLoads, stepUnit, storeLinkChange } from './participant-units.ts';
import type { MaybePromise, Pipeline, PortalLinkOpening, StageUsage, StoragePort } from './port.ts';
import { createWebhookStorage } from './webhooks.ts';

/**
 * What a storage engine runs the port's units on (docs/decisions/036-reads-on-either-engine.md#the-engine).
 * SQLite runs a transaction's work synchronously inside one `immediate` transaction (sqlite.ts); PostgreSQL
 * awaits each step inside one transaction of its own (postgres/engine.ts). The units are written once, here
 * and in webhooks.ts, over the steps `t`: every read and write is `yield*`ed.
 */
export interface Engine {
  /** Every repository's reads, outside any transaction. */
  readonly reads: Reads;
  /** Reads that must agree with each other. */
  snapshot<T>(work: SnapshotWork<T>): MaybePromise<T>;
  /** One write transaction over the merged reads and writes `t`; a throw rolls all of it back. */
  transaction<T>(work: (t: TxSteps) => ReadStep<T>): MaybePromise<T>;
}

/**
 * The storage port over an engine: each method is ONE transaction that loads what a command needs, steps,
 * and stores what the step decided; every change that reports something writes its webhooks in the same
 * transaction (docs/webhooks.md#the-outbox).
 */
export function createStorage(engine: Engine): StoragePort {
  const run = <T>(work: (t: TxSteps) => ReadStep<T>) => engine.transaction(work);

  return {
    reads: engine.reads,
    snapshot: (work) => engine.snapshot(work),
    webhooks: createWebhookStorage(engine),
    bulkActions: {
      start: (action, idempotency) =>
        run(function* (t) {
          return yield* withIdempotency(t, action.workspace_id, idempotency, function* () {
            yield* t.bulkActions.insert(action);
            return action.id;
          });
        }),
      applyItem: (workspaceId, bulkActionId, item, at, unit, settle) =>
        run(function* (t) {
          if (!(yield* t.bulkActions.isPending(workspaceId, bulkActionId, item.position))) return null;
          const line = settle(yield* runUnit(t, workspaceId, unit));
          yield* t.bulkActions.settle(workspaceId, bulkActionId, item.position, line, at);
          return line;
        }),
      applyLinkItem: (workspaceId, bulkActionId, item, at, step, missing) =>
        run(function* (t) {
          if (!(yield* t.bulkActions.isPending(workspaceId, bulkActionId, item.position))) return null;
          const participant = yield* t.portalLinks.participant(workspaceId, item.participant_id);
          let line: BulkActionItem;
          if (participant) {
            const current = (yield* t.portalLinks.latest(workspaceId, participant.id)) ?? null;
            const stepped = step({ participant, current });
            if (stepped.change) yield* storeLinkChange(t, participant, stepped.change);
            line = stepped.line;
          } else {
            line = missing(notFound('Participant', item.participant_id));
          }
          yield* t.bulkActions.settle(workspaceId, bulkActionId, item.position, line, at);
          return line;
        }),
      claim: (workspaceId, bulkActionId, lease) => run((t) => t.bulkActions.claim(workspaceId, bulkActionId, lease)),
      release: (workspaceId, bulkActionId, owner) =>
        run((t) => t.bulkActions.release(workspaceId, bulkActionId, owner)),
    },
    mail: {
      enqueue: (messages) => run((t) => t.mail.insert(messages)),
      claim: (lease, limit) => run((t) => t.mail.claim(lease, limit)),
      settle: (id, owner, after) => run((t) => t.mail.settle(id, owner, after)),
      setReviewDigest: (workspaceId, userId, on, now) =>
        run((t) => t.mail.setReviewDigest(workspaceId, userId, on, now)),
    },
    answers: {
      change: (workspaceId, participantId, sessionId, step) =>
        run(function* (t) {
          const loaded = yield* t.participants.load.participant(workspaceId, participantId);
          if (!loaded) return notFound('Participant', participantId);
          const change = step({ loaded, ...(yield* t.answers.forSession(workspaceId, sessionId)) });
          if (change instanceof Error) return change;
          yield* t.answers.upsert(workspaceId, sessionId, change.save);
          if (change.submission) yield* t.answers.submit(workspaceId, change.submission);
          if (change.emitted.length > 0) {
            yield* t.participants.store(workspaceId, loaded, change.state, change.emitted);
            yield* t.webhooks.outbox.enqueue(workspaceId, participantWebhookEvents(change.emitted, change.state));
          }
          return change.answer;
        }),
    },
    apiKeys: {
      issue: (key) => run((t) => t.apiKeys.insert(key)),
      change: (workspaceId, id, step) =>
        run(function* (t): ReadStep<ApiKeySummary | DomainError> {
          const before = yield* t.apiKeys.byId(workspaceId, id);
          if (!before) return notFound('API key', id);
          const change = step(before);
          if (change instanceof Error) return change;
          if (change.revoked_at) yield* t.apiKeys.revoke(workspaceId, id, change.revoked_at);
          if (change.expires_at) yield* t.apiKeys.expireAt(workspaceId, id, change.expires_at);
          if (change.issue) yield* t.apiKeys.insert(change.issue);
          return (yield* t.apiKeys.byId(workspaceId, id)) ?? before;
        }),
    },
    agentProfiles: {
      insert: (workspaceId, profile) =>
        run(function* (t) {
          yield* t.agentProfiles.insert(workspaceId, profile);
          return profile;
        }),
      change: (workspaceId, id, step) =>
        run(function* (t) {
          const before = yield* t.agentProfiles.byId(workspaceId, id);
          if (!before) return notFound('Agent profile', id);
          const next = step(before);
          if (!(next instanceof Error)) yield* t.agentProfiles.update(workspaceId, next);
          return next;
        }),
    },
    interviewerModels: {
      change: (workspaceId, step) =>
        run(function* (t) {
          const next = step(yield* t.interviewerModels.byWorkspace(workspaceId));
          if (next instanceof Error) return next;
          if (next) yield* t.interviewerModels.save(workspaceId, next);
          else yield* t.interviewerModels.remove(workspaceId);
          return next;
        }),
    },
    portalLinks: {
      change: (workspaceId, participantId, step) =>
        run(function* (t) {
          const participant = yield* t.portalLinks.participant(workspaceId, participantId);
          if (!participant) return notFound('Participant', participantId);
          const change = step({
            participant,
            current: (yield* t.portalLinks.latest(workspaceId, participantId)) ?? null,
          });
          if (change instanceof Error) return change;
          yield* storeLinkChange(t, participant, change);
          return (yield* t.portalLinks.latest(workspaceId, participantId)) ?? notFound('Portal link', participantId);
        }),
      open: (tokenHash, step) =>
        run(function* (t): ReadStep<PortalLinkOpening> {
          const found = yield* t.portalLinks.byHash(tokenHash);
          if (!found) return { refused: 'unknown' };
          const { workspace_id: workspaceId, ...link } = found;
          const participant = yield* t.portalLinks.participant(workspaceId, link.participant_id);
          if (!participant) return { refused: 'unknown' };
          const opened = step(link);
          if ('refused' in opened) return opened;
          yield* t.portalLinks.markOpened(workspaceId, link.id, opened.opened_at);
          yield* t.portalLinks.appendEvents(participant, opened.events);
          return { link: { ...link, last_opened_at: opened.opened_at }, participant };
        }),
    },
    portalNotice: {
      change: (workspaceId, step) =>
        run(function* (t) {
          const next = step(yield* t.portalNotice.get(workspaceId));
          if (next instanceof Error) return next;
          yield* t.portalNotice.save(workspaceId, next);
          return yield* t.portalNotice.get(workspaceId);
        }),
    },
    interviews: {
      append: (workspaceId, participantId, sessionId, step) =>
        run(function* (t) {
          const loaded = yield* t.participants.load.participant(workspaceId, participantId);
          if (!loaded) return notFound('Participant', participantId);
          const decided = step({ loaded, turns: yield* t.sessionTurns.list(workspaceId, sessionId) });
          if (decided instanceof Error) return decided;
          yield* t.sessionTurns.append(workspaceId, sessionId, decided.append);
          return decided.answer;
        }),
    },
    selfIdentification: {
      change: (workspaceId, participantId, step) =>
        run(function* (t) {
          const participant = yield* t.portalLinks.participant(workspaceId, participantId);
          if (!participant) return notFound('Participant', participantId);
          const current = (yield* t.selfIdentification.byParticipant(workspaceId, participantId)) ?? null;
          const change = step({ participant, current });
          if (change instanceof Error) return change;
          if (change.record) yield* t.selfIdentification.save(workspaceId, change.record);
          yield* t.portalLinks.appendEvents(participant, change.events);
          return change.record ?? current ?? notFound('Self-identification', participantId);
        }),
    },
    members: {
      setRole: (workspaceId, userId, membershipId, step) =>
        run(function* (t) {
          // The owners first, then the account: every role change takes its locks in this order on PostgreSQL,
          // so two never wait on each other in a circle, and a second demotion of an owner counts the first.
          const owners = yield* t.members.ownerCount(workspaceId);
          const role = (yield* t.members.roleOf(workspaceId, userId)) ?? null;
          const decided = step({ role, owners });
          if (decided.outcome === 'added') {
            yield* t.members.add({ id: membershipId, workspaceId, userId, role: decided.role });
          }
          if (decided.outcome === 'changed') yield* t.members.setRole(workspaceId, userId, decided.role);
          return decided;
        }),
    },
    memberGrants: {
      change: (workspaceId, userId, scope, step) =>
        run(function* (t) {
          const role = yield* t.members.roleOf(workspaceId, userId);
          const current = (yield* t.memberGrants.scopesOf(workspaceId, userId)).includes(scope);
          const decided = step({ member: role ? { role } : null, current });
          if (decided instanceof Error) return decided;
          // A grant is made by the event that records it: its time and actor are the grant's.
          const made = decided.change === 'grant' ? decided.events[0] : undefined;
          if (made) {
            yield* t.memberGrants.grant({
              workspace_id: workspaceId,
              user_id: userId,
              scope,
              granted_at: made.occurred_at,
              granted_by: made.actor,
            });
          }
          if (decided.change === 'revoke') yield* t.memberGrants.revoke(workspaceId, userId, scope);
          yield* t.memberGrants.appendEvents(workspaceId, decided.events);
          return decided.change === null ? current : made !== undefined;
        }),
    },
    participants: {
      run: (workspaceId, units) =>
        run(function* (t) {
          const load = sharedTemplateLoads(t, workspaceId);
          const webhooks: WebhookEvent[] = [];
          const answers = [];
          for (const unit of units) answers.push(yield* runUnit(t, workspaceId, unit, load, webhooks));
          yield* t.webhooks.outbox.enqueue(workspaceId, webhooks);
          return answers;
        }),
      dryRun: (workspaceId, units) =>
        engine.snapshot(function* (r) {
          const load = sharedTemplateLoads(r, workspaceId);
          const answers = [];
          for (const unit of units) {
            const stepped = yield* stepUnit(r, workspaceId, unit, load);
            answers.push(stepped instanceof Error ? stepped : stepped.outcome.answer);
          }
          return answers;
        }),
    },
    pipelines: {
      change: (workspaceId, templateId, step, options) =>
        run(function* (t): ReadStep<Pipeline | DomainError> {
          const before = yield* t.pipelines.load(workspaceId, templateId);
          if (!before) return notFound('Evaluation template', templateId);
          const usage = new Map<string, StageUsage>();
          if (options?.withUsage) {
            for (const s of before.stages) {
              usage.set(s.id, {
                activeParticipants: yield* t.participants.activeAtStage(workspaceId, s.id),
                references: yield* t.participants.referencesToStage(workspaceId, s.id),
              });
            }
          }
          const others = options?.withNames ? yield* t.templates.names(workspaceId) : [];
          const next = step(before, usage, others);
          if (next instanceof Error) return next;
          yield* t.pipelines.store(workspaceId, before, next);
          yield* t.webhooks.outbox.enqueue(workspaceId, stageWebhookEvents(before.stages, next.stages));
          return next;
        }),
      create: (workspaceId, sourceTemplateId, step) =>
        run(function* (t): ReadStep<Pipeline | DomainError> {
          const source = sourceTemplateId ? ((yield* t.pipelines.load(workspaceId, sourceTemplateId)) ?? null) : null;
          const next = step(source, yield* t.templates.names(workspaceId));
          if (next instanceof Error) return next;
          yield* t.pipelines.store(workspaceId, null, next);
          yield* t.webhooks.outbox.enqueue(workspaceId, stageWebhookEvents([], next.stages));
          return next;
        }),
    },
  };
}
