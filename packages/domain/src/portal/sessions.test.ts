import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { ParticipantEvent } from '../progression/events.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { hoursAfter, Journey, S1, S2, stage, T0, template, types } from '../progression/test-support.ts';
import type { StageType } from '../schemas/stage.ts';
import { decidePortalConsent } from './consent.ts';
import { en } from './copy/en.ts';
import {
  decidePortalFinish,
  decidePortalStart,
  type PortalStartRule,
  portalCanStartNow,
  portalSession,
  portalStartRule,
} from './sessions.ts';

const PARTICIPANT = 'participant:00000000-0000-4000-8000-00000000beef';

describe('portalStartRule (docs/rules.md#sessions-a-participant-starts)', () => {
  const rows: readonly [StageType, boolean, PortalStartRule][] = [
    ['async_assessment', false, 'allowed'],
    ['async_assessment', true, 'allowed'],
    ['ai_interview', false, 'needs_consent'],
    ['ai_interview', true, 'allowed'],
    ['roleplay_simulation', false, 'needs_consent'],
    ['roleplay_simulation', true, 'allowed'],
    ['practice_session', false, 'needs_consent'],
    ['practice_session', true, 'allowed'],
    ['manual_review', false, 'team_run'],
    ['manual_review', true, 'team_run'],
    ['final_review', false, 'team_run'],
    ['final_review', true, 'team_run'],
  ];
  it.each(rows)('%s, consented %s: %s', (type, consented, rule) => {
    expect(portalStartRule(type, consented)).toBe(rule);
  });
});

/** A participant at a written assessment (S1) with a retake after a 24-hour cool-down, then a panel (S2). */
const essayFirst = (first: StageType = 'async_assessment') =>
  template([
    stage(S1, 0, {
      stage_name: 'Essay',
      stage_type: first,
      allow_retake: true,
      max_attempts: 2,
      retake_cooldown_hours: 24,
    }),
    stage(S2, 1, { stage_name: 'Panel', stage_type: 'manual_review' }),
  ]);

function apply(j: Journey, events: readonly ParticipantEvent[]) {
  j.state = events.reduce(evolveParticipant, j.state);
}

/** The participant answers the AI notice of their current stage (docs/rules.md#consent-to-an-ai-run-stage). */
function consent(j: Journey, accepted: boolean) {
  const events = decidePortalConsent(j.state, { stage_id: S1, accepted }, j.ctx);
  if (events instanceof DomainError) throw events;
  apply(j, events);
}

function participant(first?: StageType) {
  const j = Journey.enrolled(essayFirst(first));
  j.actor = PARTICIPANT;
  return j;
}

describe('decidePortalStart', () => {
  it('with no time: schedules the current stage now and starts it, as the participant', () => {
    const j = participant();
    const result = decidePortalStart(j.state, { timezone: 'Europe/Berlin' }, j.ctx);
    if (result instanceof DomainError) throw result;
    expect(types(result.events)).toEqual(['session_scheduled', 'session_started']);
    expect(result.events.every((e) => e.actor === PARTICIPANT)).toBe(true);
    apply(j, result.events);
    expect(portalSession(j.state, result.session_id, en)).toMatchObject({
      stage_name: 'Essay',
      status: 'in_progress',
      scheduled_at: T0,
      started_at: T0,
      timezone: 'Europe/Berlin',
    });
  });

  it('with a time: books it then, in the zone given', () => {
    const j = participant();
    const at = hoursAfter(T0, 48);
    const result = decidePortalStart(j.state, { at, timezone: 'America/New_York' }, j.ctx);
    if (result instanceof DomainError) throw result;
    expect(types(result.events)).toEqual(['session_scheduled']);
    const [booked] = result.events;
    expect(booked?.type === 'session_scheduled' && booked.data.session).toMatchObject({
      scheduled_at: at,
      timezone: 'America/New_York',
      status: 'scheduled',
    });
  });

  it('refuses a time already past', () => {
    const j = participant();
    expect(decidePortalStart(j.state, { at: hoursAfter(T0, -1), timezone: 'UTC' }, j.ctx)).toMatchObject({
      code: 'BAD_REQUEST',
      issues: [{ path: ['at'] }],
    });
  });

  it.each([
    ['ai_interview', 'needs your consent first'],
    ['roleplay_simulation', 'needs your consent first'],
    ['practice_session', 'needs your consent first'],
    ['manual_review', 'run by the team'],
    ['final_review', 'run by the team'],
  ] as const)('a %s stage is refused: %s', (type, words) => {
    const j = participant(type);
    const refusal = decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(words) });
  });

  it('keeps the rules staff have: one open session, then the cool-down after a failed attempt', () => {
    const j = participant();
    j.run(j.schedule());
    expect(decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already scheduled'),
    });
    j.run(j.record(10));
    expect(decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('cool-down'),
    });
    j.later(25);
    expect(decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx)).not.toBeInstanceOf(DomainError);
  });

  it.each(['withdraw', 'reject'] as const)('a participant who is no longer active (%s) is refused', (type) => {
    const j = participant();
    j.run(j[type]());
    expect(decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('accepts no more commands'),
    });
  });
});

describe('decidePortalFinish', () => {
  it('records that the participant is done; the session stays in progress for a reviewer', () => {
    const j = participant();
    const started = decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx);
    if (started instanceof DomainError) throw started;
    apply(j, started.events);
    const finished = decidePortalFinish(j.state, started.session_id, j.ctx);
    if (finished instanceof DomainError) throw finished;
    expect(finished).toMatchObject([
      {
        type: 'participant_finished_session',
        actor: PARTICIPANT,
        data: { session_id: started.session_id, attempt: 1 },
      },
    ]);
    apply(j, finished);
    expect(portalSession(j.state, started.session_id, en)?.status).toBe('in_progress');
  });

  it('refuses a session not under way, and one it does not know', () => {
    const j = participant();
    const booked = decidePortalStart(j.state, { at: hoursAfter(T0, 2), timezone: 'UTC' }, j.ctx);
    if (booked instanceof DomainError) throw booked;
    apply(j, booked.events);
    expect(decidePortalFinish(j.state, booked.session_id, j.ctx)).toMatchObject({ code: 'CONFLICT' });
    expect(decidePortalFinish(j.state, S2, j.ctx)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('portalCanStartNow', () => {
  it.each([
    ['a written assessment, nothing open', 'async_assessment', (_: Journey) => {}, true],
    ['an AI interview before consent', 'ai_interview', (_: Journey) => {}, false],
    ['an AI interview once its notice is accepted', 'ai_interview', (j: Journey) => consent(j, true), true],
    ['an AI interview whose notice was declined', 'ai_interview', (j: Journey) => consent(j, false), false],
    ['a team review', 'manual_review', (_: Journey) => {}, false],
    ['a session already booked', 'async_assessment', (j: Journey) => j.run(j.schedule()), false],
    ['during the cool-down', 'async_assessment', (j: Journey) => j.run(j.record(10)), false],
    ['once the cool-down is over', 'async_assessment', (j: Journey) => j.run(j.record(10)) && j.later(25), true],
    ['withdrawn', 'async_assessment', (j: Journey) => j.run(j.withdraw()), false],
  ] as const)('%s: %s', (_, type, given, offered) => {
    const j = participant(type);
    given(j);
    expect(portalCanStartNow(j.state, j.now)).toBe(offered);
  });
});
