import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { hoursAfter, Journey, S1, S2, S3, stage, T0, template, uuid } from '../progression/test-support.ts';
import { decidePortalConsent } from './consent.ts';
import { en } from './copy/en.ts';
import { es } from './copy/es.ts';
import { type PortalStageState, PortalView, participantPortalView } from './view.ts';

/** The participant answers the AI notice of their current stage (S1) in their portal. */
function answer(j: Journey, accepted: boolean) {
  const events = unwrap(decidePortalConsent(j.state, { stage_id: S1, accepted }, j.ctx));
  j.state = events.reduce(evolveParticipant, j.state);
}

const DRAFT = uuid(0x1d);
/** Interview (S1), written assessment (S2), team review (S3), and a draft stage nobody reaches. */
const pipeline = template([
  stage(S1, 0, { stage_name: 'Interview', duration_minutes: 30 }),
  stage(S2, 1, { stage_name: 'Essay', stage_type: 'async_assessment', duration_minutes: 45 }),
  stage(S3, 2, { stage_name: 'Panel', stage_type: 'manual_review' }),
  stage(DRAFT, 3, { stage_name: 'Draft', status: 'draft' }),
]);
const retakes = template([
  stage(S1, 0, { stage_name: 'Interview', allow_retake: true, max_attempts: 2, retake_cooldown_hours: 24 }),
  stage(S2, 1, { stage_name: 'Essay' }),
]);
const waits = template([
  stage(S1, 0, { stage_name: 'Interview', automation_rule: 'require_reviewer_approval' }),
  stage(S2, 1, { stage_name: 'Essay' }),
]);

interface Row {
  readonly given: string;
  readonly pipeline: ReturnType<typeof template>;
  readonly when: (j: Journey) => void;
  readonly says: Partial<PortalView>;
}

const stagesOf = (...rows: [string, string, number | null, PortalStageState][]) =>
  rows.map(([stage_name, stage_type, duration_minutes, state]) => ({
    stage_name,
    stage_type,
    duration_minutes,
    state,
    feedback: null,
  }));

const rows: readonly Row[] = [
  {
    given: 'a new participant: the first stage is current, the active ones after it upcoming, no draft',
    pipeline,
    when: () => {},
    says: {
      name: 'Jane Smith',
      template_name: 'Sales hiring',
      status: 'active',
      stages: stagesOf(
        ['Interview', 'AI interview', 30, 'current'],
        ['Essay', 'Written assessment', 45, 'upcoming'],
        ['Panel', 'Review by the team', null, 'upcoming'],
      ),
      next: {
        message: 'An AI interviewer runs this stage. Read about it first, then choose how you would like to take it.',
        stage_name: 'Interview',
        attempts_used: 0,
        attempts_allowed: 1,
        attempts_left: 1,
        retake_opens_at: null,
        next_stage_name: 'Essay',
        consent: 'needed',
      },
      sessions: [],
      closing: null,
      recommendation: null,
    },
  },
  {
    given: 'the first stage passed: it is done, the second current',
    pipeline,
    when: (j) => j.run(j.record(80)),
    says: {
      stages: stagesOf(
        ['Interview', 'AI interview', 30, 'done'],
        ['Essay', 'Written assessment', 45, 'current'],
        ['Panel', 'Review by the team', null, 'upcoming'],
      ),
    },
  },
  {
    given: 'a session booked: its time, zone and status, and the next step says so',
    pipeline,
    when: (j) => j.run(j.schedule({ scheduled_at: hoursAfter(T0, 48), timezone: 'Europe/Berlin' })),
    says: {
      sessions: [
        { stage_name: 'Interview', scheduled_at: hoursAfter(T0, 48), timezone: 'Europe/Berlin', status: 'scheduled' },
      ],
      next: expect.objectContaining({ message: 'Your session for this stage is booked; the time is below.' }),
    },
  },
  {
    given: 'a failed attempt with a retake after 24 hours: attempts left and when the retake opens',
    pipeline: retakes,
    when: (j) => j.run(j.record(40)),
    says: {
      next: {
        message: 'You can take this stage again once the waiting time below ends.',
        stage_name: 'Interview',
        attempts_used: 1,
        attempts_allowed: 2,
        attempts_left: 1,
        retake_opens_at: hoursAfter(T0, 24),
        next_stage_name: 'Essay',
        consent: 'needed',
      },
    },
  },
  {
    given: 'the cool-down over: the retake is open',
    pipeline: retakes,
    when: (j) => {
      answer(j, true);
      j.run(j.record(40));
      j.later(25);
    },
    says: { next: expect.objectContaining({ message: 'You can take this stage again.', retake_opens_at: null }) },
  },
  {
    given: 'the AI notice accepted: the stage is ready',
    pipeline,
    when: (j) => answer(j, true),
    says: { next: expect.objectContaining({ message: 'This stage is ready for you.', consent: 'accepted' }) },
  },
  {
    given: 'the AI notice declined: a person from the team will be in touch',
    pipeline,
    when: (j) => answer(j, false),
    says: {
      next: expect.objectContaining({
        message: 'You asked for a person to run this stage. Someone from the team will be in touch to arrange it.',
        consent: 'declined',
      }),
    },
  },
  {
    given: 'a stage without an AI notice (a written assessment)',
    pipeline,
    when: (j) => {
      j.run(j.record(80));
    },
    says: { next: expect.objectContaining({ stage_name: 'Essay', consent: null }) },
  },
  {
    given: 'a result waiting for the team',
    pipeline: waits,
    when: (j) => j.run(j.record(90)),
    says: {
      next: expect.objectContaining({
        message: 'The team is reviewing your result. They will let you know what comes next.',
      }),
    },
  },
  {
    given: 'completed: the stages they were in, done; the closing words and never the recommendation',
    pipeline: waits,
    when: (j) => {
      j.run(j.record(90));
      j.run(j.decide('advance'));
      j.run(j.record(90));
    },
    says: {
      status: 'completed',
      stages: stagesOf(['Interview', 'AI interview', null, 'done'], ['Essay', 'AI interview', null, 'done']),
      next: null,
      closing: 'Your evaluation is complete; the team will be in touch.',
      recommendation: null,
    },
  },
  {
    given: 'rejected',
    pipeline,
    when: (j) => j.run(j.reject('not a fit')),
    says: { status: 'rejected', next: null, closing: en.closing.rejected },
  },
  {
    given: 'withdrawn',
    pipeline,
    when: (j) => j.run(j.withdraw()),
    says: {
      status: 'withdrawn',
      stages: stagesOf(['Interview', 'AI interview', 30, 'done']),
      next: null,
      closing: en.closing.withdrawn,
    },
  },
];

describe('participantPortalView', () => {
  it.each(rows)('$given', ({ pipeline: p, when, says }) => {
    const j = Journey.enrolled(p);
    when(j);
    const view = participantPortalView(j.state, 'Sales hiring', j.now, en);
    expect(view).toMatchObject(says);
    expect(PortalView.parse(view)).toEqual(view);
  });

  it('carries no score, note, decision, rules, recommendation or id', () => {
    const j = Journey.enrolled(waits);
    j.run(j.record(93, { summary: 'Reviewer-only summary', improvement_feedback: 'Reviewer-only feedback' }));
    j.run(j.decide('advance', 'strong'));
    j.run(j.record(88));
    const view = participantPortalView(j.state, 'Sales hiring', j.now, en);
    const text = JSON.stringify(view);
    expect(j.participant.recommendation).toBeTruthy();
    expect(view?.recommendation).toBeNull();
    for (const secret of ['93', '88', 'Reviewer-only', 'strong', 'pass_threshold', 'suggest', 'Hire']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(j.participant.recommendation as string);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("speaks the participant's language: stage types, what happens next and closing words from the copy", () => {
    const j = Journey.enrolled(pipeline);
    const view = participantPortalView(j.state, 'Ventas', j.now, es);
    expect(PortalView.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      language: 'es',
      template_name: 'Ventas',
      next: { message: es.next.readNoticeFirst },
    });
    expect(view?.stages.map((s) => s.stage_type)).toEqual([
      'Entrevista con IA',
      'Evaluación escrita',
      'Revisión del equipo',
    ]);
    expect(participantPortalView(j.state, 'Sales', j.now, en)).toMatchObject({
      language: 'en',
      next: { message: en.next.readNoticeFirst },
    });
    j.run(j.withdraw());
    expect(participantPortalView(j.state, 'Ventas', j.now, es)?.closing).toBe(es.closing.withdrawn);
  });

  it('is undefined before enrolment', () => {
    expect(participantPortalView(new Journey(pipeline).state, 'x', T0, en)).toBeUndefined();
  });
});
