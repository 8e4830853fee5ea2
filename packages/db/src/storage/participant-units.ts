import { type DomainError, participantWebhookEvents, type WebhookEvent } from '@stageflow/domain';
import type { ReadStep, SnapshotReads, TxSteps } from '../reads.ts';
import type { PortalParticipant } from '../repositories/portal-links.ts';
import { withIdempotency } from './idempotency.ts';
import type { CommandTarget, LoadedState, ParticipantUnit, PortalLinkChange } from './port.ts';

export type LoadTarget = (target: CommandTarget) => ReadStep<LoadedState | DomainError>;

/**
 * Loads for one run of units: enrolments into one template (a bulk import's 500) share the template's
 * load, since nothing in it changes within the run; a participant is loaded afresh every time.
 */
export function sharedTemplateLoads(r: SnapshotReads, workspaceId: string): LoadTarget {
  const templates = new Map<string, LoadedState | DomainError>();
  return function* (target) {
    if (!('templateId' in target)) return yield* r.participants.loadTarget(workspaceId, target);
    const known = templates.get(target.templateId) ?? (yield* r.participants.loadTarget(workspaceId, target));
    templates.set(target.templateId, known);
    return known;
  };
}

/** Loads a unit's target and facts and steps it; what it decided is the caller's to store, or not. */
export function* stepUnit<A>(
  r: SnapshotReads,
  workspaceId: string,
  unit: ParticipantUnit<A>,
  load: LoadTarget = (target) => r.participants.loadTarget(workspaceId, target),
) {
  const loaded = yield* load(unit.target);
  if (loaded instanceof Error) return loaded;
  const emailTakenIn = unit.email
    ? yield* r.participants.emailTakenIn(
        workspaceId,
        loaded.state.template.id,
        unit.email,
        loaded.state.participant?.id,
      )
    : null;
  const outcome = unit.step({ loaded, emailTakenIn });
  return outcome instanceof Error ? outcome : { loaded, outcome };
}

/**
 * One participant unit inside the caller's transaction: load, step, store only when the step succeeded. Its
 * webhook events are written to the outbox at once, or, given `webhooks`, collected there for the caller to
 * write once after a run of units (one read of the workspace's endpoints for a bulk import, not 500).
 */
export function runUnit<A>(
  t: TxSteps,
  workspaceId: string,
  unit: ParticipantUnit<A>,
  load?: LoadTarget,
  webhooks?: WebhookEvent[],
): ReadStep<A | DomainError> {
  return withIdempotency(t, workspaceId, unit.idempotency, function* () {
    const stepped = yield* stepUnit(t, workspaceId, unit, load);
    if (stepped instanceof Error) return stepped;
    const { loaded, outcome } = stepped;
    if (outcome.emitted.length > 0) {
      yield* t.participants.store(workspaceId, loaded, outcome.state, outcome.emitted);
      const events = participantWebhookEvents(outcome.emitted, outcome.state);
      if (webhooks) webhooks.push(...events);
      else yield* t.webhooks.outbox.enqueue(workspaceId, events);
    }
    // An enrolment that sends the portal link: the link, its events and the message in the same transaction.
    if (outcome.portalLink) {
      yield* t.portalLinks.insert(outcome.portalLink.insert);
      yield* t.portalLinks.appendEvents(
        { workspace_id: workspaceId, evaluation_template_id: loaded.state.template.id },
        outcome.portalLink.events,
      );
    }
    if (outcome.mail) yield* t.mail.insert(outcome.mail);
    return outcome.answer;
  });
}

/** A portal link step's change inside the caller's transaction: the revocation, the link, the events, the mail. */
export function* storeLinkChange(t: TxSteps, participant: PortalParticipant, change: PortalLinkChange) {
  if (change.revoke) yield* t.portalLinks.revoke(participant.workspace_id, change.revoke.id, change.revoke.revoked_at);
  if (change.insert) yield* t.portalLinks.insert(change.insert);
  yield* t.portalLinks.appendEvents(participant, change.events);
  if (change.mail) yield* t.mail.insert(change.mail);
}
