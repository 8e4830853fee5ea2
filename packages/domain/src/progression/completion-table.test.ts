import { describe, expect, it } from 'vitest';
import type { AutomationRule } from '../schemas/stage.ts';
import { COMPLETION_TABLE, completionRowKey } from './completion-table.ts';
import { Journey, S1, S2, S3, stage, template, types } from './test-support.ts';

/** The shared rows (completion-table.ts): the tested stage is S1 (pass mark 70), the next one S2. */
const stageAt = { tested: S1, next: S2 } as const;

describe('the completion table', () => {
  it('has exactly one row for every combination', () => {
    const keys = new Set(COMPLETION_TABLE.map(completionRowKey));
    expect(keys.size).toBe(3 * 2 * 2 * 2);
    expect(COMPLETION_TABLE).toHaveLength(keys.size);
  });

  it.each(COMPLETION_TABLE)(
    '%s, passed=%s, attempts left=%s, auto_reject=%s → stage %s, participant %s at %s',
    (rule, passed, attemptsLeft, autoReject, stage1, participant, at, after, decision) => {
      const current = at === null ? null : stageAt[at];
      const j = Journey.enrolled(
        template([
          stage(S1, 0, {
            automation_rule: rule,
            auto_reject: autoReject,
            allow_retake: attemptsLeft,
            max_attempts: attemptsLeft ? 2 : 1,
          }),
          stage(S2, 1),
        ]),
      );

      const events = j.run(j.record(passed ? 80 : 50));

      expect(types(events)).toEqual(['session_scheduled', 'session_completed', ...after]);
      expect(j.progressAt(S1)).toMatchObject({ state: stage1, attempts_used: 1 });
      expect(j.participant).toMatchObject({ status: participant, current_stage_id: current });
      if (participant === 'rejected') expect(j.participant.recommendation).toBe('no_hire');
      if (current === S2) expect(j.progressAt(S2)).toMatchObject({ state: 'pending', attempts_used: 0 });

      const open = j.state.decisions.filter((d) => d.status === 'open');
      if (decision) {
        expect(open).toEqual([
          expect.objectContaining({
            reason: decision[0],
            suggested: decision[1],
            stage_id: S1,
            session_id: j.lastSession.id,
          }),
        ]);
      } else {
        expect(open).toEqual([]);
      }
      // What the rule did by itself is the system's, and says which rules and score drove it.
      const outcome = events.at(-1);
      expect(outcome?.actor).toBe('system');
      expect(outcome?.data).toMatchObject(
        outcome?.type === 'stage_entered'
          ? { from_stage_id: S1 }
          : { overall_score: passed ? 80 : 50, threshold_applied: 70, rules: j.progressAt(S1).rules },
      );
    },
  );
});

describe('final_review: recording it is the decision', () => {
  const finalOnly = (rule: AutomationRule, attempts: number) =>
    Journey.enrolled(
      template([
        stage(S1, 0, {
          stage_type: 'final_review',
          automation_rule: rule,
          allow_retake: attempts > 1,
          max_attempts: attempts,
        }),
      ]),
    );

  it.each(['none', 'auto_advance', 'require_reviewer_approval'] as const)(
    'passed under %s → completed with the positive recommendation, no decision',
    (rule) => {
      const j = finalOnly(rule, 1);
      const events = j.run(j.record(85));
      expect(types(events).slice(2)).toEqual(['stage_passed', 'participant_completed']);
      expect(j.participant).toMatchObject({ status: 'completed', recommendation: 'hire', current_stage_id: null });
      expect(j.state.decisions).toEqual([]);
      // The reviewer's result is the decision: the reviewer is its actor.
      expect(events.at(-1)).toMatchObject({ actor: j.actor, data: { trigger: 'final_review' } });
    },
  );

  it.each(['none', 'auto_advance', 'require_reviewer_approval'] as const)(
    'not passed under %s with no attempts left → rejected, no decision',
    (rule) => {
      const j = finalOnly(rule, 1);
      expect(types(j.run(j.record(40))).slice(2)).toEqual(['stage_failed', 'participant_rejected']);
      expect(j.participant).toMatchObject({ status: 'rejected', recommendation: 'no_hire' });
      expect(j.state.decisions).toEqual([]);
    },
  );

  it('not passed with attempts left → retake available, then rejected on the last attempt', () => {
    const j = finalOnly('require_reviewer_approval', 2);
    expect(types(j.run(j.record(40))).slice(2)).toEqual(['retake_available']);
    expect(j.progressAt(S1).state).toBe('retake_available');
    j.run(j.record(45));
    expect(j.participant.status).toBe('rejected');
  });
});

describe('the rules snapshot', () => {
  it('judges the participant by the rules they entered the stage with, not the stage as edited since', () => {
    const j = Journey.enrolled(template([stage(S1, 0, { pass_threshold: 70 }), stage(S2, 1)]));
    j.editStage(S1, { pass_threshold: 90, automation_rule: 'none', allow_retake: true, max_attempts: 3 });

    j.run(j.record(75));

    expect(j.progressAt(S1).state).toBe('passed');
    expect(j.participant.current_stage_id).toBe(S2);
    expect(j.lastSession.scorecard?.threshold_applied).toBe(70);
  });

  it('snapshots the next stage as it is when the participant enters it', () => {
    const j = Journey.enrolled(template([stage(S1, 0), stage(S2, 1, { pass_threshold: 60 })]));
    j.editStage(S2, { pass_threshold: 85, automation_rule: 'require_reviewer_approval' });
    j.run(j.record(80));
    expect(j.progressAt(S2).rules).toMatchObject({ pass_threshold: 85, automation_rule: 'require_reviewer_approval' });
  });

  it('lets a stage without a pass mark pass every completed session', () => {
    const j = Journey.enrolled(template([stage(S1, 0, { pass_threshold: null, automation_rule: 'none' })]));
    j.run(j.record(0));
    expect(j.progressAt(S1).state).toBe('passed');
    expect(j.lastSession.scorecard).toMatchObject({ passed: true, threshold_applied: null });
  });
});

describe('stages reordered under a participant', () => {
  it('never re-enters a stage already passed that a reorder moved after the current one', () => {
    const j = Journey.enrolled(template([stage(S1, 0), stage(S2, 1), stage(S3, 2)]));
    j.run(j.record(80));
    expect(j.participant.current_stage_id).toBe(S2);
    // The admin moves S2 to the front: S2, S1, S3. S1 now comes after the participant's stage.
    j.editStage(S2, { stage_order: 0 }).editStage(S1, { stage_order: 1 });

    j.run(j.record(80));

    expect(j.participant.current_stage_id).toBe(S3);
    expect(j.state.progress.map((p) => [p.stage_id, p.state, p.attempts_used])).toEqual([
      [S1, 'passed', 1],
      [S2, 'passed', 1],
      [S3, 'pending', 0],
    ]);
  });

  it('completes when the only stages left after the current one were already passed', () => {
    const j = Journey.enrolled(template([stage(S1, 0), stage(S2, 1)]));
    j.run(j.record(80));
    j.editStage(S2, { stage_order: 0 }).editStage(S1, { stage_order: 1 });
    j.run(j.record(80));
    expect(j.participant).toMatchObject({ status: 'completed', recommendation: 'hire' });
    expect(j.state.progress.filter((p) => p.stage_id === S1)).toHaveLength(1);
  });
});
