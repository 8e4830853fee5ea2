import { describe, expect, test } from 'vitest';
import { interviewPlan } from './plan.ts';
import { PROMPT_VERSION } from './prompt.ts';
import { INTERVIEWED_STAGE_TYPES } from './subject.ts';
import { PROFILE, subject } from './test-subject.ts';

describe('interviewPlan: the interview without a model', () => {
  test.each(INTERVIEWED_STAGE_TYPES)('%s: a greeting, one question per dimension in order, a closing', (type) => {
    const plan = interviewPlan(subject(type));
    expect(plan.prompt_version).toBe(PROMPT_VERSION);
    expect(plan.greeting).toContain(PROFILE.persona);
    expect(plan.greeting).toContain('Technical Interview for Senior Backend Engineer, takes about 45 minutes');
    expect(plan.questions.map((q) => q.dimension)).toEqual(['System design', 'Coding', 'Communication']);
    for (const q of plan.questions) expect(q.question).toContain(q.dimension);
    expect(plan.closing).toMatch(/^(Thank you|That is the end)/);
    // Participant-facing: no score, no pass mark.
    expect(JSON.stringify(plan)).not.toMatch(/score|pass mark|threshold|weight/i);
  });

  test("each question comes from its dimension's description, as a clause", () => {
    const plan = interviewPlan(subject('ai_interview'));
    expect(plan.questions).toEqual([
      {
        dimension: 'System design',
        question:
          "Let's talk about System design (decomposes a problem into services and data flows). Can you walk me through an example from your own experience?",
      },
      {
        dimension: 'Coding',
        question:
          "Let's talk about Coding (writes correct, readable code and tests it). Can you walk me through an example from your own experience?",
      },
      {
        dimension: 'Communication',
        question: "Let's talk about Communication. Can you walk me through an example from your own experience?",
      },
    ]);
  });

  test.each([
    ['roleplay_simulation', /^In this situation, show me how you would handle System design/],
    ['practice_session', /^Let's practise System design/],
    ['async_assessment', /^System design: decomposes a problem into services and data flows\. Describe, in writing/],
  ] as const)('%s asks in its own way', (type, pattern) => {
    expect(interviewPlan(subject(type)).questions[0]!.question).toMatch(pattern);
  });

  test('a persona in the third person is not read out: the interviewer says their name', () => {
    const plan = interviewPlan(
      subject('ai_interview', { profile: { persona: 'A calm, precise interviewer.', name: 'Ada' } }),
    );
    expect(plan.greeting).toBe(
      "Hello, and thank you for joining. I'm Ada. This interview, Technical Interview for Senior Backend Engineer, takes about 45 minutes. I will ask one question at a time; take the time you need to answer.",
    );
  });

  test('the tone sets the first words', () => {
    const friendly = interviewPlan(
      subject('ai_interview', { profile: { interaction: { ...PROFILE.interaction, tone: 'friendly' } } }),
    );
    expect(friendly.greeting).toMatch(/^Hi, and welcome!/);
  });
});
