import { describe, expect, it } from 'vitest';
import { patchRules } from '../pipeline/stage-settings.ts';
import { resultPasses } from '../progression/scoring.ts';
import { Journey, S1, S2, S3, stage, template } from '../progression/test-support.ts';
import { stageRecordsOf } from './records.ts';
import { overrideOf, recordedOutcome, replayStage, type StageRecord } from './replay.ts';
import { ruleSimulation, simulateRules } from './simulation.ts';

/** Screen (auto-advance at 70), Technical (a reviewer approves; two attempts), Final review (80). */
const pipeline = (over: { screen?: object; technical?: object } = {}) =>
  template([
    stage(S1, 0, { stage_name: 'Screen', pass_threshold: 70, ...over.screen }),
    stage(S2, 1, {
      stage_name: 'Technical',
      automation_rule: 'require_reviewer_approval',
      allow_retake: true,
      max_attempts: 2,
      ...over.technical,
    }),
    stage(S3, 2, { stage_name: 'Final', stage_type: 'final_review', pass_threshold: 80 }),
  ]);

/** Plays `steps` one hour apart and answers the participant's record at `stageId`. */
function recordAt(j: Journey, stageId: string, ...steps: ((j: Journey) => unknown)[]): StageRecord {
  for (const step of steps) {
    j.later(1);
    step(j);
  }
  const types = new Map(j.state.template.stages.map((s) => [s.id, s.stage_type]));
  const r = stageRecordsOf(j.state, types).find((x) => x.stage_id === stageId);
  if (!r) throw new Error(`no record at ${stageId}`);
  return r;
}
const record = (score: number) => (j: Journey) => j.run(j.record(score));

describe('what the record says happened', () => {
  it('a pass at an auto-advance stage moved them on in the same instant', () => {
    const r = recordAt(Journey.enrolled(pipeline()), S1, record(80));
    expect(recordedOutcome(r)).toBe('advanced');
    expect(overrideOf(r)).toBeNull();
  });

  it('a pass at a stage without automation held them there, even once a person moved them on', () => {
    const j = Journey.enrolled(pipeline({ screen: { automation_rule: 'none' } }));
    const r = recordAt(j, S1, record(80), (x) => x.run(x.advance()));
    expect(r.left_at).not.toBeNull();
    expect(recordedOutcome(r)).toBe('held_passed');
    expect(overrideOf(r)).toBeNull();
  });

  it('a fail with attempts left opened a retake; with none, a decision', () => {
    const j = Journey.enrolled(pipeline());
    recordAt(j, S1, record(90));
    expect(recordedOutcome(recordAt(j, S2, record(50)))).toBe('retake');
    expect(recordedOutcome(recordAt(j, S2, record(60)))).toBe('awaiting_decision');
  });

  it('auto-reject rejected them; a final review that failed did too, and one that passed completed them', () => {
    const j = Journey.enrolled(pipeline({ screen: { auto_reject: true } }));
    expect(recordedOutcome(recordAt(j, S1, record(10)))).toBe('rejected');
    const failed = Journey.enrolled(pipeline());
    recordAt(failed, S1, record(90));
    recordAt(failed, S2, record(90), (x) => x.run(x.decide('advance')));
    expect(recordedOutcome(recordAt(failed, S3, record(70)))).toBe('rejected');
    const passed = Journey.enrolled(pipeline());
    recordAt(passed, S1, record(90));
    recordAt(passed, S2, record(90), (x) => x.run(x.decide('advance')));
    expect(recordedOutcome(recordAt(passed, S3, record(85)))).toBe('advanced');
  });

  it('no result: nothing to replay', () => {
    const r = recordAt(Journey.enrolled(pipeline()), S1);
    expect(recordedOutcome(r)).toBeNull();
    expect(replayStage(r, r.rules)).toBeNull();
  });
});

describe('a person going against a result is reported, not re-decided', () => {
  it('a decision against its suggestion', () => {
    const j = Journey.enrolled(pipeline());
    recordAt(j, S1, record(90));
    const r = recordAt(j, S2, record(95), (x) => x.run(x.decide('reject', 'not a fit')));
    expect(overrideOf(r)).toBe('decided_against_suggestion');
  });

  it('a retake granted', () => {
    const j = Journey.enrolled(pipeline());
    recordAt(j, S1, record(90));
    const r = recordAt(j, S2, record(10), record(10), (x) => x.run(x.decide('retake', 'bad line')));
    expect(overrideOf(r)).toBe('decided_against_suggestion');
  });

  it('advanced by hand without passing', () => {
    const j = Journey.enrolled(pipeline({ screen: { allow_retake: true, max_attempts: 2 } }));
    const r = recordAt(j, S1, record(10), (x) => x.run(x.advance('known to us')));
    expect(overrideOf(r)).toBe('advanced_by_hand');
  });

  it('rejected by hand while the rules held them passed, or offered a retake', () => {
    const held = Journey.enrolled(pipeline({ screen: { automation_rule: 'none' } }));
    expect(overrideOf(recordAt(held, S1, record(90), (x) => x.run(x.reject())))).toBe('rejected_by_hand');
    const retake = Journey.enrolled(pipeline({ screen: { allow_retake: true, max_attempts: 2 } }));
    expect(overrideOf(recordAt(retake, S1, record(10), (x) => x.run(x.reject())))).toBe('rejected_by_hand');
  });

  it('but not rejected by hand where the rules failed them, nor a decision as suggested', () => {
    const failed = Journey.enrolled(pipeline({ screen: { automation_rule: 'none' } }));
    expect(overrideOf(recordAt(failed, S1, record(10), (x) => x.run(x.reject())))).toBeNull();
    const j = Journey.enrolled(pipeline());
    recordAt(j, S1, record(90));
    expect(overrideOf(recordAt(j, S2, record(95), (x) => x.run(x.decide('advance'))))).toBeNull();
  });
});

describe('the pass rule asked again', () => {
  it('meets the mark, or passes without one; rule-based scoring also needs every minimum', () => {
    const result = { overall_score: 70, scoring_method: 'weighted_average' as const, below_min_score: 1 };
    expect(resultPasses(result, 70)).toBe(true);
    expect(resultPasses(result, 70.01)).toBe(false);
    expect(resultPasses(result, null)).toBe(true);
    expect(resultPasses({ ...result, scoring_method: 'rule_based' }, 60)).toBe(false);
    expect(resultPasses({ ...result, scoring_method: 'rule_based', below_min_score: 0 }, 60)).toBe(true);
  });
});

describe('replaying under changed rules', () => {
  it('a higher pass mark turns an advance into a decision, or a rejection with auto-reject', () => {
    const r = recordAt(Journey.enrolled(pipeline()), S1, record(80));
    expect(replayStage(r, patchRules(r.rules, { pass_threshold: 85 }))).toMatchObject({
      outcome: 'awaiting_decision',
      passed: false,
      threshold: 85,
    });
    expect(replayStage(r, patchRules(r.rules, { pass_threshold: 85, auto_reject: true }))?.outcome).toBe('rejected');
    expect(replayStage(r, patchRules(r.rules, { automation_rule: 'none' }))?.outcome).toBe('held_passed');
  });

  it('walks the stored attempts while the rules give retakes, and stops where they would not', () => {
    const j = Journey.enrolled(pipeline());
    recordAt(j, S1, record(90));
    const r = recordAt(j, S2, record(60), record(75));
    expect(recordedOutcome(r)).toBe('awaiting_decision');
    // A pass mark of 55 passes the first attempt: the second never happens.
    expect(replayStage(r, patchRules(r.rules, { pass_threshold: 55 }))).toMatchObject({
      outcome: 'awaiting_decision',
      passed: true,
      attempt: { overall_score: 60 },
    });
    // One attempt only (retakes off carries max_attempts to 1): the first failure goes to a reviewer.
    expect(patchRules(r.rules, { allow_retake: false }).max_attempts).toBe(1);
    expect(replayStage(r, patchRules(r.rules, { allow_retake: false }))).toMatchObject({
      outcome: 'awaiting_decision',
      passed: false,
      attempt: { overall_score: 60 },
    });
    // Three attempts and a pass mark of 80: after the second stored attempt, a third would be open.
    expect(replayStage(r, patchRules(r.rules, { max_attempts: 3, pass_threshold: 80 }))?.outcome).toBe('retake');
  });
});

describe('simulating a change', () => {
  const people = () => {
    const passes = Journey.enrolled(pipeline());
    recordAt(passes, S1, record(80));
    recordAt(passes, S2, record(90));
    const strong = Journey.enrolled(pipeline());
    recordAt(strong, S1, record(95));
    recordAt(strong, S2, record(85));
    const overruled = Journey.enrolled(pipeline());
    recordAt(overruled, S1, record(72));
    recordAt(overruled, S2, record(95), (x) => x.run(x.decide('reject', 'not a fit')));
    const waiting = Journey.enrolled(pipeline());
    // Every journey numbers its ids alike: each person gets an id of their own here.
    const named = (j: Journey, name: string) => ({ ...j.state, participant: { ...j.participant, id: name, name } });
    return [
      { ...passes, state: named(passes, 'Bea') },
      { ...strong, state: named(strong, 'Ali') },
      { ...overruled, state: named(overruled, 'Cy') },
      { ...waiting, state: named(waiting, 'Di') },
    ].flatMap((j) => {
      const types = new Map(j.state.template.stages.map((s) => [s.id, s.stage_type]));
      return stageRecordsOf(j.state, types);
    });
  };

  // Each person's id is their name (above); the simulation reads names only for whom it lists.
  const names = new Map(['Bea', 'Ali', 'Cy', 'Di'].map((name) => [name, name]));

  it('counts what happened and what would have, and lists who changes', () => {
    const answer = simulateRules(
      people(),
      [{ stage_id: S1, pass_threshold: 85, auto_reject: true }, { stage_id: S2 }],
      names,
    );
    const [screen, technical] = answer.stages;
    expect(screen).toMatchObject({ reached: 4, replayed: 3, overridden: 0, no_result: 1, changed: 2 });
    expect(screen!.recorded.outcomes.advanced).toBe(3);
    expect(screen!.simulated.outcomes).toMatchObject({ advanced: 1, rejected: 2 });
    expect(screen).toMatchObject({ recorded: { passed: 3 }, simulated: { passed: 1 } });
    // Rejected at the screen, Bea never reaches the technical stage; Cy's was overruled by a reviewer.
    expect(technical).toMatchObject({ reached: 3, replayed: 2, overridden: 1, not_reached: 1, changed: 1 });
    expect(answer.changes.map((c) => [c.participant_name, c.stage_id, c.recorded, c.simulated])).toEqual([
      ['Bea', S1, 'advanced', 'rejected'],
      ['Cy', S1, 'advanced', 'rejected'],
      ['Bea', S2, 'awaiting_decision', 'not_reached'],
    ]);
    expect(answer.changes[0]).toMatchObject({
      overall_score: 80,
      recorded_passed: true,
      simulated_passed: false,
      recorded_threshold: 70,
      simulated_threshold: 85,
    });
    expect(answer.overridden).toEqual([
      expect.objectContaining({ participant_name: 'Cy', stage_id: S2, override: 'decided_against_suggestion' }),
    ]);
    expect(answer.reproduced).toEqual({ replayed: 5, matching: 5 });
  });

  it('asks for the names of only those it lists: who changes and who was overridden', () => {
    const simulation = ruleSimulation([{ stage_id: S1, pass_threshold: 85, auto_reject: true }, { stage_id: S2 }]);
    for (const r of people()) simulation.stay(r);
    expect(simulation.listed().sort()).toEqual(['Bea', 'Cy']);
  });

  it('merges each stage its own change, when stays at two stages share one snapshot object', () => {
    // The store hands every stay with the same snapshot text the same object; a change is kept per stage and object.
    const records = people();
    const one = { ...records[0]!.rules, pass_threshold: 70 };
    const changes = [
      { stage_id: S1, pass_threshold: 60 },
      { stage_id: S2, pass_threshold: 99 },
    ];
    const answer = simulateRules(
      records.map((r) => ({ ...r, rules: one })),
      changes,
      names,
    );
    const [screen, technical] = answer.stages;
    expect(screen!.simulated.passed).toBe(screen!.replayed);
    expect(technical!.simulated.passed).toBe(0);
    expect(answer.changes.some((c) => c.stage_id === S2)).toBe(true);
    for (const c of answer.changes) expect(c.simulated_threshold).toBe(c.stage_id === S1 ? 60 : 99);
  });

  it('lists at most the limit, and says how many there were', () => {
    const answer = simulateRules(people(), [{ stage_id: S1, pass_threshold: 99 }], names, 1);
    expect(answer.changes).toHaveLength(1);
    expect(answer.changes_total).toBe(3);
  });
});
