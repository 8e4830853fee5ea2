import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { decisionFor, type Op, opArb, templateArb } from '../progression/test-arbitraries.ts';
import { Journey } from '../progression/test-support.ts';
import { stageRecordsOf } from './records.ts';
import { overrideOf, recordedOutcome, replayStage } from './replay.ts';
import { simulateRules } from './simulation.ts';

/**
 * A stage's type is read live by the rules, so replaying a stage whose type changed since reads it as it is
 * now (docs/rules.md#rule-simulation); the journeys here edit everything else.
 */
const keepingTypes = (op: Op): Op => {
  if (op.kind !== 'edit') return op;
  const { stage_type: _, ...settings } = op.settings;
  return { ...op, settings };
};

/** A participant played through random commands, one minute apart (a person never acts in the result's instant). */
function play(ops: readonly Op[], j: Journey) {
  for (const op of ops) {
    const result = decisionFor(j, keepingTypes(op));
    if (!result || result instanceof DomainError) continue;
    j.state = result.reduce(evolveParticipant, j.state);
    j.later(1 / 60);
  }
  const types = new Map(j.state.template.stages.map((s) => [s.id, s.stage_type]));
  return stageRecordsOf(j.state, types);
}

describe('replaying stored results with the rules unchanged', () => {
  it('reproduces what the rules did at every stage of every participant', () => {
    fc.assert(
      fc.property(templateArb, fc.array(opArb, { minLength: 1, maxLength: 40 }), (t, ops) => {
        const records = play(ops, Journey.enrolled(t));
        for (const r of records) {
          const recorded = recordedOutcome(r);
          const replayed = replayStage(r, r.rules);
          if (recorded === null) {
            expect(replayed).toBeNull();
            continue;
          }
          if (overrideOf(r)) continue;
          expect(replayed?.outcome).toBe(recorded);
          expect(replayed?.passed).toBe(r.attempts.at(-1)?.passed);
        }
        // The simulation's own self-check says the same, and with no change nothing changes.
        const answer = simulateRules(
          records,
          [...new Set(records.map((r) => r.stage_id))].map((stage_id) => ({ stage_id })),
          new Map(),
        );
        expect(answer.reproduced.matching).toBe(answer.reproduced.replayed);
        expect(answer.changes_total).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('meets every outcome and every override over the generated runs', () => {
    // Guards the property above against generators that never reach the interesting cases.
    const seen = new Set<string>();
    fc.assert(
      fc.property(templateArb, fc.array(opArb, { minLength: 1, maxLength: 40 }), (t, ops) => {
        for (const r of play(ops, Journey.enrolled(t))) {
          const override = overrideOf(r);
          if (override) seen.add(`override:${override}`);
          else seen.add(`outcome:${recordedOutcome(r)}`);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
    for (const outcome of ['advanced', 'rejected', 'awaiting_decision', 'held_passed', 'held_failed', 'retake', null])
      expect(seen).toContain(`outcome:${outcome}`);
    for (const override of ['decided_against_suggestion', 'advanced_by_hand', 'rejected_by_hand'])
      expect(seen).toContain(`override:${override}`);
  });
});
