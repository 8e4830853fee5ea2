/**
 * The demo's AI interviews (docs/rules.md#scoring-with-evidence): what was said, turn by turn (the
 * interviewer first, then each in turn, its closing last), and the scorecard the interviewer's model
 * answered about it, quotes included. Seeding plays each one through the real path
 * (demo-interview-play.ts): the turns are stored as the portal stores them, and the recorded answer
 * stands in for the model when the interview ends, so no model is needed: the quotes are checked against
 * the participant's turns and the stage's rules act on the score, exactly as on a live answer.
 */

export type Dialogue = readonly (readonly [speaker: string, text: string])[];

/** A model's scorecard as it answered: every dimension with its reasoning and its quotes. */
export interface RecordedAnswer {
  readonly dimension_scores: readonly {
    readonly name: string;
    readonly score: number;
    readonly reasoning: string;
    readonly evidence: readonly string[];
  }[];
  readonly summary: string;
  readonly improvement_feedback: string;
}

export interface RecordedInterview {
  readonly dialogue: Dialogue;
  /** What the model answered; `null`: no model scored it, and it waits for a reviewer. */
  readonly answer: RecordedAnswer | null;
}

/** Where the recorded answers came from: a local Ollama, as a newcomer would run one. */
export const DEMO_MODEL = { baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b', apiKey: null } as const;

/** Chen Wei's phone screen with Sam: every quote is his, so auto_advance moved him on. */
export const CHEN_PHONE_SCREEN: RecordedInterview = {
  dialogue: [
    ['Sam', 'Hi Chen, I am Sam. Thanks for making the time. What made you apply for this role?'],
    [
      'Candidate',
      'I have spent four years on the settlement engine at Ant Group, and I want to work on a ledger where correctness is the whole product.',
    ],
    ['Sam', 'What would you want to learn here that you cannot learn where you are?'],
    ['Candidate', 'How a smaller team runs payments end to end. Today I only see one slice of the flow.'],
    ['Sam', 'Tell me about the production systems you have owned.'],
    [
      'Candidate',
      'I owned the reconciliation service for two years, on-call included, and I led its move from nightly batches to streaming.',
    ],
    ['Sam', 'Thank you, Chen. The team will review our conversation and be in touch.'],
  ],
  answer: {
    dimension_scores: [
      {
        name: 'Motivation',
        score: 4.5,
        reasoning: 'Knows why this role and why now: correctness of the ledger, and seeing payments end to end.',
        evidence: [
          'I want to work on a ledger where correctness is the whole product',
          'How a smaller team runs payments end to end',
        ],
      },
      {
        name: 'Experience fit',
        score: 4,
        reasoning: 'Has owned a production payments service with its on-call, at the level we hire for.',
        evidence: ['I owned the reconciliation service for two years, on-call included'],
      },
    ],
    summary: 'Clear motivation and relevant ownership of a production payments service.',
    improvement_feedback: 'Be ready to go deeper on the streaming migration: what broke, and what you would change.',
  },
};

const TECHNICAL_DIALOGUE: Dialogue = [
  ['Ada', 'Design a service that records card payments exactly once, even when the client retries.'],
  [
    'Candidate',
    'I would take an idempotency key from the client and store it in the same transaction as the payment, with a unique constraint on the key.',
  ],
  ['Ada', 'What happens if the database commits but the response never reaches the client?'],
  [
    'Candidate',
    'The retry hits the unique constraint, so we read the stored result and return it instead of charging again.',
  ],
  ['Ada', 'How would you test that?'],
  [
    'Candidate',
    'I would write the failing test first: two concurrent requests with the same key, and assert there is exactly one charge.',
  ],
  ['Ada', 'How would you explain the design to a product manager?'],
  ['Candidate', 'I would say a retry can never charge twice, and show them the one table that guarantees it.'],
  ['Ada', 'That covers what I wanted to ask. Thank you; the team will be in touch.'],
];

const technicalAnswer = (communicationEvidence: readonly string[], summary: string): RecordedAnswer => ({
  dimension_scores: [
    {
      name: 'System design',
      score: 9,
      reasoning: 'Idempotency keys stored with the payment under a unique constraint; handles the lost response.',
      evidence: [
        'take an idempotency key from the client and store it in the same transaction as the payment',
        'The retry hits the unique constraint, so we read the stored result',
      ],
    },
    {
      name: 'Coding',
      score: 8,
      reasoning: 'Tests the race first, with a clear assertion.',
      evidence: ['I would write the failing test first: two concurrent requests with the same key'],
    },
    {
      name: 'Communication',
      score: 8,
      reasoning: 'Explains the guarantee in the listener’s terms.',
      evidence: communicationEvidence,
    },
  ],
  summary,
  improvement_feedback: 'Say how the key expires, and what the client sees while the first request is still running.',
});

/** Emma Johansson's technical interview with Ada: every quote is hers; the stage waits for a reviewer’s approval. */
export const EMMA_TECHNICAL: RecordedInterview = {
  dialogue: TECHNICAL_DIALOGUE,
  answer: technicalAnswer(
    ['a retry can never charge twice'],
    'Strong design and a test-first habit; ready for the final panel.',
  ),
};

/**
 * Kwame Mensah's technical interview: the model quoted him on Communication with words he never
 * said. The quote is dropped, nothing else backs that score, and a reviewer is asked to check it.
 */
export const KWAME_TECHNICAL: RecordedInterview = {
  dialogue: TECHNICAL_DIALOGUE,
  answer: technicalAnswer(
    ['I always write a design document before I write any code'],
    'Good all round; a little quiet when thinking.',
  ),
};

/** Yusuf Demir's phone screen, just finished: no model is set up, so it waits for a reviewer beside its record. */
export const YUSUF_PHONE_SCREEN: RecordedInterview = {
  dialogue: [
    ['Sam', 'Hi Yusuf, I am Sam. What made you apply for this role?'],
    [
      'Candidate',
      'I have been building checkout services in Go for five years, and I want to move closer to the money: the ledger itself.',
    ],
    ['Sam', 'What kind of team do you work best in?'],
    ['Candidate', 'A small team that owns its services in production. I like being on call for what I build.'],
    ['Sam', 'Which systems have you run in production?'],
    ['Candidate', 'The order service at Trendyol, which takes the Black Friday peak, and its Kafka consumers.'],
    ['Sam', 'Thank you, Yusuf. The team will review our conversation and be in touch.'],
  ],
  answer: null,
};
