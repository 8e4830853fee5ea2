import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { decisionFor, type Op, opArb, templateArb } from '../progression/test-arbitraries.ts';
import { Journey } from '../progression/test-support.ts';
import { stageRecordsOf } from './records.ts';
import { resultFactsOf } from './scores.ts';
import { stayFactsOf } from './stay-facts.ts';

/** A participant played through random commands, a minute apart. */
function play(ops: readonly Op[], j: Journey) {
  for (const op of ops) {
    const result = decisionFor(j, op);
    if (!result || result instanceof DomainError) continue;
    j.state = result.reduce(evolveParticipant, j.state);
    j.later(1 / 60);
  }
  return j.state;
}

describe('the facts the store keeps with each stay and result (docs/rules.md#funnel, #rule-simulation)', () => {
  it('say of every stay where the participant went and how long they stayed, as the stage records do', () => {
    fc.assert(
      fc.property(templateArb, fc.array(opArb, { minLength: 1, maxLength: 40 }), (t, ops) => {
        const state = play(ops, Journey.enrolled(t));
        const facts = stayFactsOf(state);
        const types = new Map(state.template.stages.map((s) => [s.id, s.stage_type]));
        const records = stageRecordsOf(state, types);
        expect(facts.map((f) => f.stage_id)).toEqual(state.progress.map((p) => p.stage_id));
        for (const [i, row] of state.progress.entries()) {
          const f = facts[i]!;
          const record = records.find((r) => r.stage_id === row.stage_id);
          expect(f.funnel_exit === 'still_there').toBe(row.left_at === null);
          expect(f.stay_ms).toBe(row.left_at === null ? null : Date.parse(row.left_at) - Date.parse(row.entered_at));
          expect(f.stay_ms === null || f.stay_ms >= 0).toBe(true);
          // Whose evaluation ended at the stay: the same as the simulation's records say.
          if (record)
            expect(f.funnel_exit === 'rejected' || f.funnel_exit === 'withdrawn' ? f.funnel_exit : null).toBe(
              record.ended,
            );
          if (f.funnel_exit === 'passed') expect(row.state).toBe('passed');
        }
        for (const s of state.sessions) {
          const r = resultFactsOf(s);
          const card = s.status === 'completed' ? s.scorecard : null;
          expect(r.result_score).toBe(card ? card.overall_score : null);
          expect(r.result_passed).toBe(card ? Number(card.passed) : null);
          // What the replay reads again, as the stage records give it for the same session.
          const attempt = records.flatMap((x) => x.attempts).find((a) => a.session_id === s.id);
          expect(attempt === undefined).toBe(card === null || !s.completed_at);
          if (attempt) {
            expect(r.result_scoring_method).toBe(attempt.scoring_method);
            expect(r.result_below_min).toBe(attempt.below_min_score);
            expect(r.result_needs_review).toBe(Number(attempt.needs_review));
          }
          if (!card) expect(Object.values(r).every((v) => v === null)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
