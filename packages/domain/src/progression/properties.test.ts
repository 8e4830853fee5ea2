import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { Decision, Participant, Session, StageProgress } from './entities.ts';
import { evolveParticipant } from './evolve.ts';
import { initialParticipantState, type ParticipantState } from './state.ts';
import { decisionFor, opArb, templateArb } from './test-arbitraries.ts';
import { Journey } from './test-support.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** What the store would keep: plain JSON, and frozen so that an evolve that mutates its input fails loudly. */
const stored = <T>(value: T): T => deepFreeze(JSON.parse(JSON.stringify(value)) as T);

const rows = (s: ParticipantState) => ({
  participant: s.participant,
  progress: s.progress,
  sessions: s.sessions,
  decisions: s.decisions,
});

function checkInvariants(s: ParticipantState) {
  const p = s.participant;
  if (!p) throw new Error('not enrolled');
  const open = s.progress.filter((row) => row.left_at === null);

  // Never in two stages: an active participant is in exactly the one stage they are said to be in.
  expect(new Set(s.progress.map((row) => row.stage_id)).size).toBe(s.progress.length);
  if (p.status === 'active') {
    expect(open.map((row) => row.stage_id)).toEqual([p.current_stage_id]);
  } else {
    expect(open).toEqual([]);
    expect(p.current_stage_id).toBeNull();
  }

  for (const row of s.progress) {
    // Attempts used never exceed the allowed attempts, and they are exactly the completed sessions.
    expect(row.attempts_used).toBeLessThanOrEqual(row.rules.max_attempts + row.retakes_granted);
    const completed = s.sessions.filter((x) => x.stage_id === row.stage_id && x.status === 'completed');
    expect(completed).toHaveLength(row.attempts_used);
    // A stage goes back to `pending` only while no attempt has been used; otherwise it offers a retake.
    if (row.state === 'pending') expect(row.attempts_used).toBe(0);
  }

  // One attempt at a time, only where the participant is; a decision is open only while awaited.
  const openSessions = s.sessions.filter((x) => x.status === 'scheduled' || x.status === 'in_progress');
  expect(openSessions.length).toBeLessThanOrEqual(1);
  for (const x of openSessions) expect(x.stage_id).toBe(p.current_stage_id);
  const openDecisions = s.decisions.filter((d) => d.status === 'open');
  expect(openDecisions.length).toBeLessThanOrEqual(1);
  for (const d of openDecisions) {
    const row = open.find((r) => r.stage_id === d.stage_id);
    if (d.reason === 'human_alternative') {
      // A request for a person holds nothing up, and is answered before any result there is judged.
      expect(row?.consent).toBe('declined');
      expect(['pending', 'retake_available', 'scheduled', 'in_progress']).toContain(row?.state);
    } else expect(row?.state).toBe('awaiting_decision');
  }
}

describe('progression properties over random command sequences', () => {
  it('keeps every invariant, freezes terminal participants, and replays to the same state', () => {
    fc.assert(
      fc.property(templateArb, fc.array(opArb, { minLength: 1, maxLength: 40 }), (t, ops) => {
        const j = new Journey(t);
        j.run(j.enroll());
        j.state = stored(j.state);
        const initial = initialParticipantState(t);

        for (const op of ops) {
          const wasTerminal = j.participant.status !== 'active';
          const result = decisionFor(j, op);
          if (!result) continue;

          if (wasTerminal) {
            // Terminal participants change no more: every command is refused.
            expect(result).toBeInstanceOf(DomainError);
          }
          if (result instanceof DomainError) {
            expect(['CONFLICT', 'NOT_FOUND', 'BAD_REQUEST', 'PRECONDITION_FAILED']).toContain(result.code);
            continue;
          }
          // Events are stored as JSON: nothing may be lost on the way.
          expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
          j.state = stored(deepFreeze(result).reduce(evolveParticipant, j.state));
          j.history.push(...result);
          checkInvariants(j.state);
        }

        // Folding every emitted event from scratch gives the state stored step by step.
        const replayed = j.history.reduce<ParticipantState>(evolveParticipant, initial);
        expect(rows(replayed)).toStrictEqual(rows(j.state));

        // What is stored has the shape the API serves.
        expect(Participant.parse(j.state.participant)).toStrictEqual(j.state.participant);
        for (const row of j.state.progress) expect(StageProgress.parse(row)).toStrictEqual(row);
        for (const x of j.state.sessions) expect(Session.parse(x)).toStrictEqual(x);
        for (const d of j.state.decisions) expect(Decision.parse(d)).toStrictEqual(d);
      }),
      { numRuns: 400 },
    );
  });

  it('reaches every stage state and every participant status over the generated runs', () => {
    // Guards the property above against generators that never get anywhere interesting.
    const seen = new Set<string>();
    fc.assert(
      fc.property(templateArb, fc.array(opArb, { minLength: 1, maxLength: 40 }), (t, ops) => {
        const j = new Journey(t);
        j.run(j.enroll());
        for (const op of ops) {
          const result = decisionFor(j, op);
          if (!result || result instanceof DomainError) continue;
          j.state = result.reduce(evolveParticipant, j.state);
          for (const row of j.state.progress) {
            seen.add(`stage:${row.state}`);
            if (row.consent) seen.add(`consent:${row.consent}`);
          }
          seen.add(`participant:${j.participant.status}`);
        }
      }),
      { numRuns: 400, seed: 42 },
    );
    for (const state of [
      'pending',
      'scheduled',
      'in_progress',
      'retake_available',
      'awaiting_decision',
      'passed',
      'failed',
      'skipped',
    ]) {
      expect(seen).toContain(`stage:${state}`);
    }
    for (const status of ['active', 'completed', 'rejected', 'withdrawn'])
      expect(seen).toContain(`participant:${status}`);
    for (const consent of ['accepted', 'declined']) expect(seen).toContain(`consent:${consent}`);
  });
});
