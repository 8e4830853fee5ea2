import { describe, expect, it } from 'vitest';
import type { ParticipantCommand } from '../progression/commands.ts';
import { Journey, S1, S2, stage, template } from '../progression/test-support.ts';
import type { EvaluationStage } from '../schemas/stage.ts';
import { WEBHOOK_DATA, type WebhookEvent, type WebhookEventType } from './event-types.ts';
import { participantWebhookEvents, stageWebhookEvents } from './from-events.ts';

/** Runs a command and answers the webhooks its events make, each checked against its published schema. */
function webhooksOf(j: Journey, command: ParticipantCommand): WebhookEvent[] {
  const events = j.run(command);
  const hooks = participantWebhookEvents(events, j.state);
  for (const hook of hooks) WEBHOOK_DATA[hook.type as WebhookEventType].parse(hook.data);
  return hooks;
}
const typesOf = (hooks: readonly WebhookEvent[]) => hooks.map((h) => h.type);

const approval = () =>
  template([stage(S1, 0, { automation_rule: 'require_reviewer_approval' }), stage(S2, 1, { automation_rule: 'none' })]);

describe('participantWebhookEvents', () => {
  it('enrolment is participant.enrolled with the first stage and the participant as they stand', () => {
    const j = new Journey(approval());
    const [hook, ...rest] = webhooksOf(j, j.enroll({ external_id: 'greenhouse-8821' }));
    expect(rest).toEqual([]);
    expect(hook).toMatchObject({
      type: 'participant.enrolled',
      timestamp: j.now,
      data: {
        participant: {
          external_id: 'greenhouse-8821',
          status: 'active',
          current_stage_id: S1,
          email: 'jane@example.com',
        },
        stage: { id: S1, stage_name: 'Stage 0', stage_type: 'ai_interview' },
        actor: j.actor,
      },
    });
  });

  it('a result that needs approval: session.scheduled, session.completed, decision.opened', () => {
    const j = Journey.enrolled(approval());
    const hooks = webhooksOf(j, j.record(85));
    expect(typesOf(hooks)).toEqual(['session.scheduled', 'session.completed', 'decision.opened']);
    expect(hooks[1]!.data).toMatchObject({
      session: { status: 'completed', stage_id: S1 },
      result: { overall_score: 85, passed: true, threshold_applied: 70 },
    });
    expect(hooks[2]!.data).toMatchObject({ decision: { status: 'open', suggested: 'advance' } });
  });

  it('deciding to advance: decision.decided, then participant.advanced with the decision as trigger', () => {
    const j = Journey.enrolled(approval());
    j.run(j.record(85));
    const hooks = webhooksOf(j, j.decide('advance'));
    expect(typesOf(hooks)).toEqual(['decision.decided', 'participant.advanced']);
    expect(hooks[0]!.data).toMatchObject({ decision: { status: 'decided', outcome: 'advance' } });
    expect(hooks[1]!.data).toMatchObject({
      from_stage_id: S1,
      stage: { id: S2 },
      trigger: 'decision',
      participant: { current_stage_id: S2 },
    });
  });

  it('an advance by hand is manual; a reject ends with the recommendation and the note', () => {
    const j = Journey.enrolled(template([stage(S1, 0), stage(S2, 1)]));
    expect(webhooksOf(j, j.advance('Strong referral'))[0]!.data).toMatchObject({ trigger: 'manual' });
    const [rejected] = webhooksOf(j, j.reject('Position filled'));
    expect(rejected).toMatchObject({
      type: 'participant.rejected',
      data: { stage_id: S2, recommendation: 'no_hire', note: 'Position filled', participant: { status: 'rejected' } },
    });
  });

  it('passing the last stage automatically completes the participant', () => {
    const j = Journey.enrolled(template([stage(S1, 0, { automation_rule: 'auto_advance' })]));
    const hooks = webhooksOf(j, j.record(90));
    expect(typesOf(hooks)).toEqual(['session.scheduled', 'session.completed', 'participant.completed']);
    expect(hooks[2]!.data).toMatchObject({ trigger: 'automation', recommendation: 'hire', actor: 'system' });
  });

  it('withdrawing is participant.withdrawn; commands without a webhook type make none', () => {
    const j = Journey.enrolled(approval());
    j.run(j.schedule());
    expect(webhooksOf(j, j.reschedule('2026-03-09T09:00:00.000Z'))).toEqual([]);
    expect(webhooksOf(j, j.start())).toEqual([]);
    expect(typesOf(webhooksOf(j, j.withdraw('Took another offer')))).toEqual(['participant.withdrawn']);
  });
});

const stageRow = (id: string, settings: Partial<EvaluationStage> = {}): EvaluationStage => ({
  id,
  evaluation_template_id: '00000000-0000-4000-8000-000000000001',
  type: 'screen',
  stage_name: `Stage ${id.slice(-1)}`,
  stage_type: 'ai_interview',
  agent_profile_id: null,
  stage_order: 0,
  duration_minutes: 30,
  difficulty: 'intermediate',
  pass_threshold: 70,
  allow_retake: false,
  max_attempts: 1,
  retake_cooldown_hours: 0,
  automation_rule: 'none',
  auto_reject: false,
  status: 'active',
  question_set: [],
  created_at: '2026-03-01T00:00:00.000Z',
  updated_at: '2026-03-01T00:00:00.000Z',
  ...settings,
});

describe('stageWebhookEvents', () => {
  const later = '2026-03-02T00:00:00.000Z';

  it('a new stage is stage.created; a changed one stage.updated naming the fields; an archived one stage.archived', () => {
    const a = stageRow(S1);
    const b = stageRow(S2, { stage_order: 1 });
    const hooks = stageWebhookEvents(
      [a, b],
      [
        { ...a, pass_threshold: 80, updated_at: later },
        { ...b, status: 'archived', stage_order: null, updated_at: later },
        stageRow('00000000-0000-4000-8000-000000000103', { created_at: later, updated_at: later }),
      ],
    );
    expect(hooks.map((h) => [h.type, h.timestamp])).toEqual([
      ['stage.updated', later],
      ['stage.archived', later],
      ['stage.created', later],
    ]);
    expect(hooks[0]!.data).toMatchObject({ changed: ['pass_threshold'] });
    for (const hook of hooks) WEBHOOK_DATA[hook.type as WebhookEventType].parse(hook.data);
  });

  it('an unchanged stage makes none, and neither does deleting one', () => {
    const a = stageRow(S1);
    expect(stageWebhookEvents([a, stageRow(S2)], [a])).toEqual([]);
  });
});
