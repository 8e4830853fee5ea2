// docs/rules.md#what-a-participant-sees-of-their-results: feedback only where the stage's interviewer allows it,
// the final recommendation only where the template opts in, and nothing else of a result.
import { describe, expect, it } from 'vitest';
import type { StageInterviewer } from '../progression/state.ts';
import { interviewer, Journey, S1, S2, S3, stage, T0, template } from '../progression/test-support.ts';
import { recommendationLabels, type SuccessOutcome } from '../schemas/template.ts';
import { en } from './copy/en.ts';
import { es } from './copy/es.ts';
import { recommendationWords } from './results.ts';
import { PortalView, participantPortalView } from './view.ts';

const shares: StageInterviewer = { ...interviewer, output: { include_improvement_feedback: true } };
const keeps: StageInterviewer = { ...interviewer, output: { include_improvement_feedback: false } };
const FEEDBACK = 'Practise outlining your approach before you start coding.';

/** An AI interview (S1) with `who` as its interviewer, a team review (S2) with none, and a final review (S3). */
const pipeline = (who: StageInterviewer | null, s1: Parameters<typeof stage>[2] = {}) =>
  template([
    stage(S1, 0, { stage_name: 'Interview', interviewer: who, ...s1 }),
    stage(S2, 1, { stage_name: 'Panel', stage_type: 'manual_review', pass_threshold: 50 }),
    stage(S3, 2, { stage_name: 'Final', stage_type: 'final_review', pass_threshold: 50 }),
  ]);

const view = (j: Journey) => {
  const v = participantPortalView(j.state, 'Sales hiring', j.now, en);
  expect(PortalView.parse(v)).toEqual(v);
  return v as PortalView;
};
const feedbackOf = (j: Journey) => view(j).stages.map((s) => [s.stage_name, s.state, s.feedback]);

interface FeedbackRow {
  readonly given: string;
  readonly pipeline: ReturnType<typeof template>;
  readonly when: (j: Journey) => void;
  readonly shows: ReturnType<typeof feedbackOf>;
}

const feedbackRows: readonly FeedbackRow[] = [
  {
    given: 'a done stage whose interviewer allows feedback: it is shown under the stage',
    pipeline: pipeline(shares),
    when: (j) => j.run(j.record(80, { improvement_feedback: FEEDBACK })),
    shows: [
      ['Interview', 'done', FEEDBACK],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'the interviewer keeps feedback for the team (include_improvement_feedback off): none',
    pipeline: pipeline(keeps),
    when: (j) => j.run(j.record(80, { improvement_feedback: FEEDBACK })),
    shows: [
      ['Interview', 'done', null],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: "the interviewer's output settings not loaded: none",
    pipeline: pipeline(interviewer),
    when: (j) => j.run(j.record(80, { improvement_feedback: FEEDBACK })),
    shows: [
      ['Interview', 'done', null],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'a stage with no interviewer: nobody allows it, so none',
    pipeline: pipeline(shares),
    when: (j) => {
      j.run(j.record(80, { improvement_feedback: FEEDBACK }));
      j.run(j.record(80, { improvement_feedback: 'Team-only words on the panel' }));
    },
    shows: [
      ['Interview', 'done', FEEDBACK],
      ['Panel', 'done', null],
      ['Final', 'current', null],
    ],
  },
  {
    given: 'a done stage with no feedback given: none',
    pipeline: pipeline(shares),
    when: (j) => j.run(j.record(80)),
    shows: [
      ['Interview', 'done', null],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'a failed attempt with a retake left: the stage is not done, so not yet',
    pipeline: pipeline(shares, { allow_retake: true, max_attempts: 2 }),
    when: (j) => j.run(j.record(40, { improvement_feedback: FEEDBACK })),
    shows: [
      ['Interview', 'current', null],
      ['Panel', 'upcoming', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'a result waiting for the team: not yet (it would tell them the result early)',
    pipeline: pipeline(shares, { automation_rule: 'require_reviewer_approval' }),
    when: (j) => j.run(j.record(90, { improvement_feedback: FEEDBACK })),
    shows: [
      ['Interview', 'current', null],
      ['Panel', 'upcoming', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'a retake then a pass: the latest attempt is the one shown',
    pipeline: pipeline(shares, { allow_retake: true, max_attempts: 2 }),
    when: (j) => {
      j.run(j.record(40, { improvement_feedback: 'First attempt feedback' }));
      j.run(j.record(90, { improvement_feedback: FEEDBACK }));
    },
    shows: [
      ['Interview', 'done', FEEDBACK],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'the latest attempt without feedback: none, not an older attempt’s',
    pipeline: pipeline(shares, { allow_retake: true, max_attempts: 2 }),
    when: (j) => {
      j.run(j.record(40, { improvement_feedback: 'First attempt feedback' }));
      j.run(j.record(90));
    },
    shows: [
      ['Interview', 'done', null],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'the interviewer turned feedback off afterwards: read live, so it is hidden',
    pipeline: pipeline(shares),
    when: (j) => {
      j.run(j.record(80, { improvement_feedback: FEEDBACK }));
      j.editStage(S1, { interviewer: keeps });
    },
    shows: [
      ['Interview', 'done', null],
      ['Panel', 'current', null],
      ['Final', 'upcoming', null],
    ],
  },
  {
    given: 'rejected at the stage: its feedback is still theirs to read',
    pipeline: pipeline(shares, { auto_reject: true }),
    when: (j) => j.run(j.record(30, { improvement_feedback: FEEDBACK })),
    shows: [['Interview', 'done', FEEDBACK]],
  },
];

interface RecommendationRow {
  readonly given: string;
  readonly settings: Parameters<typeof template>[1];
  readonly when: (j: Journey) => void;
  readonly shows: string | null;
}

const complete = (j: Journey) => {
  j.run(j.record(80));
  j.run(j.record(80));
  j.run(j.record(80));
};

const recommendationRows: readonly RecommendationRow[] = [
  { given: 'completed, the template not asked (the default): hidden', settings: {}, when: complete, shows: null },
  {
    given: 'completed, the template says no: hidden',
    settings: { portal_shows_recommendation: false },
    when: complete,
    shows: null,
  },
  {
    given: 'completed, the template opts in: the positive label in plain words',
    settings: { portal_shows_recommendation: true },
    when: complete,
    shows: 'Hire',
  },
  {
    given: 'rejected, the template opts in: the negative label in plain words',
    settings: { portal_shows_recommendation: true },
    when: (j) => j.run(j.reject('not this time')),
    shows: 'Do not hire',
  },
  {
    given: 'a custom outcome: the team’s own label, as written',
    settings: {
      portal_shows_recommendation: true,
      success_outcome: 'custom',
      custom_outcome_labels: { positive: 'no_hire', negative: 'Maybe later' },
    },
    when: complete,
    shows: 'no_hire',
  },
  {
    given: 'still active, the template opts in: nothing to show yet',
    settings: { portal_shows_recommendation: true },
    when: (j) => j.run(j.record(80)),
    shows: null,
  },
  {
    given: 'withdrawn, the template opts in: a withdrawal has no recommendation',
    settings: { portal_shows_recommendation: true },
    when: (j) => j.run(j.withdraw()),
    shows: null,
  },
];

describe('what a participant sees of their results', () => {
  it.each(feedbackRows)('feedback: $given', ({ pipeline: p, when, shows }) => {
    const j = Journey.enrolled(p);
    when(j);
    expect(feedbackOf(j)).toEqual(shows);
  });

  it.each(recommendationRows)('recommendation: $given', ({ settings, when, shows }) => {
    const p = pipeline(shares);
    const j = Journey.enrolled(template(p.stages, settings));
    when(j);
    expect(view(j).recommendation).toBe(shows);
  });

  it('the default closing words stay whether or not the recommendation is shown', () => {
    for (const portal_shows_recommendation of [false, true]) {
      const j = Journey.enrolled(template(pipeline(shares).stages, { portal_shows_recommendation }));
      complete(j);
      expect(view(j).closing).toBe('Your evaluation is complete; the team will be in touch.');
    }
  });

  it('no score, summary, transcript, reviewer note or suggestion leaks beside the feedback', () => {
    const p = template(pipeline(shares, { automation_rule: 'require_reviewer_approval' }).stages, {
      portal_shows_recommendation: true,
    });
    const j = Journey.enrolled(p);
    // 7.25 and 9.5 on 0–10: normalized 72.5 and 95, overall 86, against a pass mark of 70.
    j.run(
      j.record(
        { Communication: 7.25, 'Problem solving': 9.5 },
        {
          summary: 'Summary for the team only',
          improvement_feedback: FEEDBACK,
          transcript: [{ speaker: 'interviewer', text: 'Transcript line', at: T0 }],
        },
      ),
    );
    expect(j.lastSession.scorecard?.overall_score).toBe(86);
    j.run(j.decide('advance', 'Reviewer note: strong on design'));
    j.run(j.record(61, { summary: 'Panel summary', improvement_feedback: 'Panel feedback for the team' }));
    j.run(j.record(57));
    const v = view(j);
    expect(v.recommendation).toBe('Hire');
    expect(v.stages.find((s) => s.stage_name === 'Interview')?.feedback).toBe(FEEDBACK);
    const text = JSON.stringify(v);
    for (const secret of [
      '7.25',
      '9.5',
      '72.5',
      '95',
      '86',
      '70',
      '61',
      '57',
      'Summary for the team',
      'Panel summary',
      'Panel feedback',
      'Transcript line',
      'Reviewer note',
      'suggest',
      'score',
      'threshold',
      'dimension',
      'transcript',
      'summary',
      'note',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('recommendationWords', () => {
  const outcomes: [SuccessOutcome, string, string][] = [
    ['hire_no_hire', 'Hire', 'Do not hire'],
    ['admit_reject', 'Admit', 'Do not admit'],
    ['pass_fail', 'Pass', 'Not passed'],
    ['ready_needs_training', 'Ready', 'Needs more training'],
    ['certified_not_certified', 'Certified', 'Not certified'],
  ];
  it.each(outcomes)('%s: %s / %s', (success_outcome, positive, negative) => {
    const labels = recommendationLabels({ success_outcome });
    expect(recommendationWords(labels.positive, success_outcome, en)).toBe(positive);
    expect(recommendationWords(labels.negative, success_outcome, en)).toBe(negative);
  });

  it('has words for every built-in label and no other, in every language', () => {
    const builtIn = outcomes.flatMap(([success_outcome]) => Object.values(recommendationLabels({ success_outcome })));
    expect(Object.keys(en.recommendations).sort()).toEqual(builtIn.sort());
    expect(Object.keys(es.recommendations).sort()).toEqual(builtIn.sort());
    expect(recommendationWords('hire', 'hire_no_hire', es)).toBe('Contratar');
  });

  it('a label it does not know, or a custom one, is shown as written', () => {
    expect(recommendationWords('Selected', 'custom', es)).toBe('Selected');
    expect(recommendationWords('hire', 'custom', en)).toBe('hire');
    expect(recommendationWords('constructor', 'pass_fail', en)).toBe('constructor');
  });
});
