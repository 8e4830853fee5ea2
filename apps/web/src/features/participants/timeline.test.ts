import { describe, expect, it } from 'vitest';
import { actorName, describeEvent, describeRules, type TimelineEvent } from './timeline.ts';

const STAGES: Record<string, string> = { s1: 'Phone Screen', s2: 'Technical' };
const ctx = { stageName: (id: string | null) => (id && STAGES[id]) || 'an unknown stage' };
const rules = {
  pass_threshold: 75,
  automation_rule: 'require_reviewer_approval',
  allow_retake: true,
  max_attempts: 2,
  retake_cooldown_hours: 24,
  auto_reject: false,
};
const event = (type: string, data: Record<string, unknown>): TimelineEvent => ({
  seq: 1,
  type,
  actor: 'system',
  occurred_at: '2026-03-01T10:00:00.000Z',
  data,
});
const basis = {
  stage_id: 's2',
  overall_score: 82.456,
  threshold_applied: 75,
  rules,
  attempts_used: 1,
  attempts_allowed: 2,
};

describe('describeEvent', () => {
  it('says which rule advanced someone, and on what score', () => {
    const entry = describeEvent(
      event('stage_passed', {
        ...basis,
        stage_id: 's1',
        trigger: 'automation',
        rules: { ...rules, automation_rule: 'auto_advance' },
        note: null,
      }),
      ctx,
    );
    expect(entry).toMatchObject({
      title: 'Passed Phone Screen',
      tone: 'success',
      details: ['Score 82.46 against a pass mark of 75', 'Rule: Advance automatically', '1 of 2 attempts used'],
      note: null,
    });
  });

  it.each(['stage_skipped', 'stage_passed'])(
    'calls a reviewer’s advance on a failing score what it was (%s), never a pass',
    (type) => {
      const entry = describeEvent(
        event(type, {
          ...basis,
          overall_score: 45,
          threshold_applied: 75,
          stage_id: 's1',
          trigger: 'decision',
          note: 'Strong portfolio.',
        }),
        ctx,
      );
      expect(entry).toMatchObject({
        title: 'Advanced by reviewer at Phone Screen — 45 against a pass mark of 75',
        tone: 'warning',
        details: ['By a reviewer’s decision', '1 of 2 attempts used'],
        note: 'Strong portfolio.',
      });
    },
  );

  it('says when a move was part of a bulk action', () => {
    const moved = { ...event('participant_withdrawn', { stage_id: 's1', note: 'Role closed' }), bulk_action_id: 'b-1' };
    expect(describeEvent(moved, ctx).details).toContain('Part of a bulk action');
    expect(describeEvent({ ...moved, bulk_action_id: null }, ctx).details).not.toContain('Part of a bulk action');
  });

  it('quotes a reviewer’s note and says when they went against the suggestion', () => {
    const entry = describeEvent(
      event('decision_decided', {
        decision_id: 'd1',
        stage_id: 's2',
        outcome: 'reject',
        suggested: 'advance',
        against_suggestion: true,
        note: 'Weak on system design',
      }),
      ctx,
    );
    expect(entry).toMatchObject({
      title: 'Reviewer decided at Technical: reject',
      details: ['Against the suggestion to advance'],
      note: 'Weak on system design',
      tone: 'danger',
    });
  });

  it('explains an open decision: why, the suggestion, the score and the rule', () => {
    const entry = describeEvent(
      event('decision_opened', { ...basis, decision: { reason: 'approval_required', suggested: 'advance' } }),
      ctx,
    );
    expect(entry.title).toBe('Waiting for a reviewer’s decision at Technical');
    expect(entry.details).toEqual([
      'Passed; this stage needs a reviewer’s approval to move on',
      'Suggested: advance',
      'Score 82.46 against a pass mark of 75',
      'Rule: Wait for reviewer approval',
    ]);
  });

  it('reads a recorded result from its scorecard, and hides the session a one-step result opened', () => {
    const completed = describeEvent(
      event('session_completed', {
        stage_id: 's2',
        attempt: 1,
        scorecard: { overall_score: 60, threshold_applied: 75, passed: false, below_min_score: ['Coding'] },
        attempts_used: 1,
        attempts_allowed: 2,
      }),
      ctx,
    );
    expect(completed).toMatchObject({
      title: 'Result recorded at Technical: did not pass',
      tone: 'danger',
      details: ['Score 60 against a pass mark of 75', '1 of 2 attempts used', 'Below the minimum on Coding'],
    });
    expect(describeEvent(event('session_scheduled', { via: 'record_result', session: {} }), ctx).hidden).toBe(true);
    expect(
      describeEvent(event('session_scheduled', { via: 'schedule', session: { stage_id: 's1' } }), ctx),
    ).toMatchObject({
      hidden: false,
      title: 'Session scheduled at Phone Screen',
    });
  });

  it('says a retake waits for the cool-down the rules had', () => {
    const entry = describeEvent(
      event('retake_available', { ...basis, overall_score: 60, completed_at: '2026-03-01T10:00:00.000Z' }),
      ctx,
    );
    expect(entry.details[2]).toBe('The next attempt after a 24 h cool-down');
  });

  it('ends with the recommendation', () => {
    expect(
      describeEvent(event('participant_completed', { ...basis, trigger: 'final_review', recommendation: 'hire' }), ctx),
    ).toMatchObject({ title: 'Completed: hire', details: ['By the final review'] });
  });

  it('still shows an event type it does not know, and survives missing data', () => {
    expect(describeEvent(event('stage_archived_elsewhere', {}), ctx).title).toBe('Stage archived elsewhere');
    expect(describeEvent(event('stage_passed', {}), ctx)).toMatchObject({
      title: 'Passed an unknown stage',
      details: [],
    });
  });
});

describe('describeRules and actorName', () => {
  it('puts a rules snapshot in one line', () => {
    expect(describeRules(rules)).toBe('Pass mark 75 · Wait for reviewer approval · up to 2 attempts, 24 h apart');
    expect(describeRules({ ...rules, pass_threshold: null, allow_retake: false, automation_rule: 'none' })).toBe(
      'No pass mark · Do nothing automatic · no retakes',
    );
    expect(describeRules({ ...rules, allow_retake: false }, 'final_review')).toBe(
      'Pass mark 75 · Final review: the result decides · no retakes',
    );
  });

  it('names who acted', () => {
    const members = new Map([['u1', 'Dana Demo']]);
    expect(actorName('system', members)).toBe('Automation');
    expect(actorName('user:u1', members)).toBe('Dana Demo');
    expect(actorName('user:gone', members)).toBe('A former member');
    expect(actorName('api_key:k1', members)).toBe('An API key');
  });
});

describe('portal link events', () => {
  it.each<[string, Record<string, unknown>, string, boolean]>([
    ['portal_link_created', { expires_at: '2026-03-31T10:00:00.000Z', rotated: false }, 'Portal link made', false],
    [
      'portal_link_created',
      { expires_at: '2026-03-31T10:00:00.000Z', rotated: true },
      'New portal link made; the old one stopped working',
      false,
    ],
    ['portal_link_revoked', { cause: 'requested' }, 'Portal link revoked', false],
    ['portal_link_revoked', { cause: 'rotated' }, 'Portal link revoked', true],
    ['portal_link_opened', { first: true }, 'Opened their portal link', false],
    ['portal_link_opened', { first: false }, 'Opened their portal link again', false],
    [
      'portal_link_emailed',
      { to: 'rosa@example.com', status: 'queued' },
      'Portal link emailed to rosa@example.com',
      false,
    ],
    [
      'portal_link_emailed',
      { to: 'rosa@example.com', status: 'not_sent' },
      'Portal link for rosa@example.com not emailed: mail is not set up',
      false,
    ],
    [
      'participant_finished_session',
      { session_id: 's1', stage_id: 'st1', attempt: 1 },
      'Finished their session; it waits for a reviewer to record the result',
      false,
    ],
    [
      'participant_finished_session',
      { session_id: 's1', stage_id: 'st1', attempt: 1, ended_by: 'participant' },
      'Finished their interview',
      false,
    ],
    [
      'participant_finished_session',
      { session_id: 's1', stage_id: 'st1', attempt: 1, ended_by: 'interviewer' },
      'Their interview is complete',
      false,
    ],
    [
      'participant_finished_session',
      { session_id: 's1', stage_id: 'st1', attempt: 1, ended_by: 'time' },
      'Their interview’s time ran out',
      false,
    ],
  ])('%s %o reads "%s"', (type, data, title, hidden) => {
    const entry = describeEvent(event(type, data), ctx);
    expect(entry.title).toBe(title);
    expect(entry.hidden).toBe(hidden);
  });

  it('participant_submitted_answers says where, and how many were answered', () => {
    const entry = describeEvent(
      event('participant_submitted_answers', {
        session_id: 's1',
        stage_id: 'st1',
        attempt: 1,
        questions: 3,
        answered: 2,
      }),
      ctx,
    );
    expect(entry.title).toMatch(/^Submitted their answers at .+; they wait for a reviewer to score them$/);
    expect(entry.details).toEqual(['Answered 2 of 3 questions']);
    expect(entry.tone).toBe('info');
  });

  it('self_identification_recorded says who answered, never what', () => {
    const byThem = describeEvent(
      { ...event('self_identification_recorded', { first: true }), actor: 'participant:p1' },
      ctx,
    );
    expect(byThem.title).toBe('Answered the voluntary questions about themselves');
    const again = describeEvent(
      { ...event('self_identification_recorded', { first: false }), actor: 'participant:p1' },
      ctx,
    );
    expect(again.title).toBe('Changed their answers to the voluntary questions about themselves');
    const byStaff = describeEvent({ ...event('self_identification_recorded', { first: true }), actor: 'user:u1' }, ctx);
    expect(byStaff.title).toBe('Recorded their answers to the voluntary questions about themselves');
    expect(byStaff.details).toEqual(['Kept apart from the evaluation; read only as totals in fairness checks']);
  });

  it('says until when a new link works', () => {
    const entry = describeEvent(event('portal_link_created', { expires_at: '2026-03-31T10:00:00.000Z' }), ctx);
    expect(entry.details[0]).toMatch(/^Works until /);
  });

  it('names the participant as the actor of what they did through the portal', () => {
    expect(actorName('participant:p1', new Map())).toBe('The participant');
  });
});

describe('the AI notice and a request for a person (docs/rules.md#consent-to-an-ai-run-stage)', () => {
  const request = { id: 'd1', reason: 'human_alternative', session_id: null, suggested: null, stage_id: 's1' };
  it.each([
    [
      'participant_consented_ai',
      { stage_id: 's1', stage_type: 'ai_interview' },
      'Accepted the AI notice for Phone Screen: they can start the AI session themselves',
      [],
    ],
    [
      'participant_declined_ai',
      { stage_id: 's1', stage_type: 'ai_interview', decision_id: 'd1' },
      'Asked for a person to run Phone Screen instead of the AI interviewer',
      ['No attempt used; a reviewer runs the stage with them'],
    ],
    [
      'decision_opened',
      { stage_id: 's1', overall_score: null, threshold_applied: 60, decision: request },
      'Waiting for a reviewer: a person is to run Phone Screen',
      ['Run the stage with them and record its result, or decide with a note'],
    ],
    [
      'decision_decided',
      { stage_id: 's1', outcome: 'advance', suggested: null, against_suggestion: false, note: 'By phone' },
      'Reviewer decided at Phone Screen: advance',
      ['Without a recorded result'],
    ],
    [
      'decision_closed',
      { stage_id: 's1', outcome: null, cause: 'result_recorded', note: null },
      'Open decision at Phone Screen closed: a result was recorded at the stage',
      [],
    ],
  ])('%s reads in plain words', (type, data, title, details) => {
    const entry = describeEvent(event(type, data), ctx);
    expect(entry.title).toBe(title);
    expect(entry.details).toEqual(details);
    expect(entry.hidden).toBe(false);
  });
});

describe('scoring with evidence in the timeline (docs/rules.md#scoring-with-evidence)', () => {
  const people = { ...ctx, personName: (actor: string) => (actor === 'user:u1' ? 'Dana Demo' : 'someone') };
  const model = {
    kind: 'model',
    model: 'llama3.1:8b',
    provider_host: 'localhost:11434',
    prompt_version: 'interviewer-v2',
  };
  const card = (overrides: Record<string, unknown>) => ({
    overall_score: 90,
    threshold_applied: 60,
    passed: true,
    below_min_score: [],
    scored_by: model,
    needs_review: false,
    dimension_scores: [
      { name: 'Design', evidence: ['I split the ledger'], evidence_dropped: 0 },
      { name: 'Coding', evidence: ['tests first'], evidence_dropped: 0 },
    ],
    ...overrides,
  });

  it.each<[string, Record<string, unknown>, string, string[], string | null]>([
    [
      'session_completed',
      { stage_id: 's1', scorecard: card({}), attempts_used: 1, attempts_allowed: 1 },
      'Result recorded at Phone Screen: passed',
      [
        'Score 90 against a pass mark of 60',
        '1 of 1 attempt used',
        'Scored by the interviewer (model llama3.1:8b at localhost:11434, prompt interviewer-v2)',
      ],
      null,
    ],
    [
      'session_completed',
      {
        stage_id: 's1',
        scorecard: card({
          needs_review: true,
          dimension_scores: [
            { name: 'Design', evidence: [], evidence_dropped: 2 },
            { name: 'Coding', evidence: ['tests first'], evidence_dropped: 0 },
          ],
        }),
        attempts_used: 1,
        attempts_allowed: 1,
      },
      'Result recorded at Phone Screen: passed',
      [
        'Score 90 against a pass mark of 60',
        '1 of 1 attempt used',
        'Scored by the interviewer (model llama3.1:8b at localhost:11434, prompt interviewer-v2)',
        'Needs review: no quote of the participant backs Design',
        '2 quotes the participant never said were dropped',
      ],
      null,
    ],
    [
      'session_completed',
      {
        stage_id: 's1',
        scorecard: card({ scored_by: { kind: 'reviewer', user: 'user:u1' }, dimension_scores: [] }),
        attempts_used: 1,
        attempts_allowed: 1,
      },
      'Result recorded at Phone Screen: passed',
      ['Score 90 against a pass mark of 60', '1 of 1 attempt used', 'Scored by Dana Demo'],
      null,
    ],
    [
      'decision_opened',
      {
        stage_id: 's1',
        overall_score: 90,
        threshold_applied: 60,
        decision: { reason: 'scorecard_needs_review', suggested: 'advance' },
      },
      'Waiting for a reviewer: the AI interviewer’s score at Phone Screen needs checking',
      [
        'A dimension has no quote the participant said, so the score moved nobody',
        'Suggested: advance',
        'Score 90 against a pass mark of 60',
      ],
      null,
    ],
    [
      'decision_decided',
      {
        stage_id: 's1',
        reason: 'scorecard_needs_review',
        outcome: 'retake',
        suggested: null,
        against_suggestion: true,
        note: 'The recording cut off.',
      },
      'Reviewer decided at Phone Screen: retake',
      ['On an AI score that could not be checked, with no suggestion'],
      'The recording cut off.',
    ],
    [
      'scoring_failed',
      { stage_id: 's1', reason: 'bad_response', message: 'The model answered, but not with the JSON asked for.' },
      'The AI interviewer could not score the session at Phone Screen',
      [
        'The model answered, but not with the JSON asked for.',
        'No score was made up: the session waits for a reviewer to record its result',
      ],
      null,
    ],
    [
      'scorecard_replaced',
      {
        stage_id: 's1',
        scorecard: card({ overall_score: 55, scored_by: { kind: 'reviewer', user: 'user:u1' } }),
        previous: { overall_score: 90, passed: true, needs_review: true, scored_by: model },
        note: 'Read the answers myself.',
        applied: true,
        not_applied: null,
      },
      'Reviewer corrected the score at Phone Screen',
      [
        'Was 90, scored by the AI interviewer',
        'Score 55 against a pass mark of 60',
        'The stage’s rules applied to the new score',
      ],
      'Read the answers myself.',
    ],
    [
      'scorecard_replaced',
      {
        stage_id: 's1',
        scorecard: card({ overall_score: 55 }),
        previous: { overall_score: 90 },
        note: 'Too generous.',
        applied: false,
        not_applied: 'left_stage',
      },
      'Reviewer corrected the score at Phone Screen',
      [
        'Was 90, scored by the AI interviewer',
        'Score 55 against a pass mark of 60',
        'Nobody was moved: they had already left this stage. A decision asks a reviewer whether anything should change.',
      ],
      'Too generous.',
    ],
    [
      'decision_closed',
      { stage_id: 's1', outcome: null, cause: 'scorecard_replaced', note: 'Read the answers myself.' },
      'Open decision at Phone Screen closed: a reviewer corrected the score',
      [],
      'Read the answers myself.',
    ],
  ])('%s reads in plain words', (type, data, title, details, note) => {
    const entry = describeEvent(event(type, data), people);
    expect(entry.title).toBe(title);
    expect(entry.details).toEqual(details);
    expect(entry.note).toBe(note);
  });
});
