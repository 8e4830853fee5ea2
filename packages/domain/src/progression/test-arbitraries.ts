/**
 * Random pipelines and random command sequences for property tests: the progression's own invariants
 * (properties.test.ts) and the rule simulation's replay (analytics/replay.properties.test.ts).
 */
import fc from 'fast-check';
import type { DomainError } from '../errors.ts';
import { decidePortalConsent } from '../portal/consent.ts';
import type { ParticipantCommand } from './commands.ts';
import { decideParticipant } from './decide.ts';
import type { ParticipantEvent } from './events.ts';
import type { ProgressionStage } from './state.ts';
import { hoursAfter, interviewer, type Journey, stage, template, uuid } from './test-support.ts';

export const settingsArb = fc
  .record({
    pass_threshold: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    automation_rule: fc.constantFrom('none', 'auto_advance', 'require_reviewer_approval'),
    max_attempts: fc.integer({ min: 1, max: 3 }),
    retake_cooldown_hours: fc.constantFrom(0, 1, 24),
    auto_reject: fc.boolean(),
    status: fc.constantFrom('active', 'active', 'draft'),
    stage_type: fc.constantFrom('ai_interview', 'manual_review', 'final_review'),
    scored_by_interviewer: fc.boolean(),
  } as const)
  .map(
    ({ scored_by_interviewer, ...s }): Partial<ProgressionStage> => ({
      ...s,
      allow_retake: s.max_attempts > 1,
      interviewer: scored_by_interviewer ? interviewer : null,
    }),
  );

export const opArb = fc.oneof(
  fc.record({ kind: fc.constant('schedule'), force: fc.boolean(), otherStage: fc.boolean(), inHours: fc.nat(48) }),
  fc.record({ kind: fc.constant('reschedule'), pick: fc.nat(), inHours: fc.nat(48) }),
  fc.record({ kind: fc.constant('start'), pick: fc.nat() }),
  fc.record({ kind: fc.constant('complete'), pick: fc.nat(), score: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('fail'), pick: fc.nat() }),
  fc.record({ kind: fc.constant('cancel'), pick: fc.nat() }),
  fc.record({ kind: fc.constant('record'), score: fc.integer({ min: 0, max: 100 }) }),
  fc.record({
    kind: fc.constant('decide'),
    pick: fc.nat(),
    outcome: fc.constantFrom('advance', 'reject', 'retake'),
    note: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('advance'), note: fc.boolean() }),
  fc.record({ kind: fc.constant('reject') }),
  fc.record({ kind: fc.constant('withdraw') }),
  fc.record({ kind: fc.constant('wait'), hours: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('edit'), pick: fc.nat(), settings: settingsArb }),
  // The participant answers an AI notice in their portal (docs/rules.md#consent-to-an-ai-run-stage).
  fc.record({ kind: fc.constant('consent'), accepted: fc.boolean(), otherStage: fc.boolean() }),
);
export type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

export const templateArb = fc.array(settingsArb, { minLength: 1, maxLength: 4 }).map((all) =>
  template(
    all.map((settings, i) =>
      // The first stage stays active so every generated pipeline can enrol someone.
      stage(uuid(0x100 + i), i, i === 0 ? { ...settings, status: 'active' } : settings),
    ),
  ),
);

const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(items.length, 1)];
const UNKNOWN = uuid(0xfffff);

/**
 * What an op decides in this state: the decider's answer to its command, the portal's answer to a consent,
 * or `null` for ops that are not commands (time passing, stage edits).
 */
export function decisionFor(j: Journey, op: Op): ParticipantEvent[] | DomainError | null {
  if (op.kind === 'consent') {
    const other = j.state.template.stages.find((s) => s.id !== j.participant.current_stage_id)?.id;
    const stage_id = (op.otherStage ? other : j.participant.current_stage_id) ?? UNKNOWN;
    return decidePortalConsent(j.state, { stage_id, accepted: op.accepted }, j.ctx);
  }
  const command = commandFor(j, op);
  return command && decideParticipant(j.state, command, j.ctx);
}

/** The command an op stands for in this state; `null` for ops that are not commands (time passing, stage edits). */
function commandFor(j: Journey, op: Exclude<Op, { kind: 'consent' }>): ParticipantCommand | null {
  const sessionId = (n: number) => pick(j.state.sessions, n)?.id ?? UNKNOWN;
  const score = (n: number) => {
    const current = j.state.template.stages.find((s) => s.id === j.participant.current_stage_id);
    return current?.interviewer ? { Communication: n / 10, 'Problem solving': n / 10 } : n;
  };
  switch (op.kind) {
    case 'schedule': {
      const other = j.state.template.stages.find((s) => s.id !== j.participant.current_stage_id)?.id;
      const stage_id = op.otherStage ? other : undefined;
      return j.schedule({
        force: op.force,
        scheduled_at: hoursAfter(j.now, op.inHours),
        ...(stage_id && { stage_id }),
      });
    }
    case 'reschedule':
      return j.reschedule(hoursAfter(j.now, op.inHours), sessionId(op.pick));
    case 'start':
      return j.start(sessionId(op.pick));
    case 'complete':
      return j.complete(score(op.score), sessionId(op.pick));
    case 'fail':
      return j.fail(sessionId(op.pick));
    case 'cancel':
      return j.cancel(sessionId(op.pick));
    case 'record':
      return j.record(score(op.score));
    case 'decide':
      return j.decide(op.outcome, op.note ? 'reviewed' : undefined, pick(j.state.decisions, op.pick)?.id ?? UNKNOWN);
    case 'advance':
      return j.advance(op.note ? 'by hand' : undefined);
    case 'reject':
      return j.reject();
    case 'withdraw':
      return j.withdraw();
    case 'wait':
      j.later(op.hours);
      return null;
    case 'edit': {
      const target = pick(j.state.template.stages, op.pick);
      const stillActive = j.state.template.stages.some((s) => s.id !== target?.id && s.status === 'active');
      if (target && (op.settings.status === 'active' || stillActive)) j.editStage(target.id, op.settings);
      return null;
    }
  }
}
