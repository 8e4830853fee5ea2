import type { DecisionOutcome, SelfIdentificationAnswers } from '@stageflow/domain';
import type { Caller } from '../caller.ts';
import type { DemoInterviews } from './demo-interview-play.ts';
import {
  CHEN_PHONE_SCREEN,
  EMMA_TECHNICAL,
  KWAME_TECHNICAL,
  type RecordedInterview,
  YUSUF_PHONE_SCREEN,
} from './demo-interviews.ts';
import { DEMO_SELF_IDENTIFICATION } from './demo-self-identification.ts';

/**
 * About forty people spread over the demo pipelines in every state a newcomer should see: pending,
 * scheduled, in progress, retake available, awaiting a decision, passed or failed at a stage that
 * waits, completed with "hire", rejected and withdrawn.
 *
 * Everything goes in through the caller's procedures, command by command, on a clock that replays
 * the last four weeks: each person's steps carry "hours ago", and all steps run in time order so
 * the audit trail's sequence and its timestamps agree. The rules then do what they always do: the
 * automation, cool-downs, attempts and decisions below are the product's own, not written rows.
 */

/** The clock the demo caller reads: the seeding moves it forward through the scripted weeks. */
export interface DemoClock {
  /** The moment seeding stands for: the server's start. */
  readonly base: number;
  set(ms: number): void;
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

// ——— Scorecards, on the demo interviewers' dimensions and scales ———

type Band = 'high' | 'mid' | 'low';
const band = (score: number, max: number): Band => (score / max >= 0.75 ? 'high' : score / max >= 0.55 ? 'mid' : 'low');

const REASONING: Record<string, Record<Band, string>> = {
  Motivation: {
    high: 'Has followed the payments team’s work and says clearly why this role, and why now.',
    mid: 'Interested in the role, mostly for the stack; less clear on the product.',
    low: 'Unsure what they want next; came to the role through a recruiter’s message.',
  },
  'Experience fit': {
    high: 'Years of production backend work at the level we hire for, on-call included.',
    mid: 'Relevant experience, though mostly on smaller services than ours.',
    low: 'Little production experience at this scale yet.',
  },
  'System design': {
    high: 'Split the ledger into services with clear ownership of data and idempotent writes.',
    mid: 'A workable design; needed prompting on failure modes and retries.',
    low: 'Stayed at the component level; did not reach consistency or failure handling.',
  },
  Coding: {
    high: 'Correct, readable code with tests written first for the edge cases.',
    mid: 'Working code after one bug was found; tests only for the happy path.',
    low: 'Did not reach a working solution in the time.',
  },
  Communication: {
    high: 'Explained trade-offs unprompted and checked assumptions along the way.',
    mid: 'Clear when asked; tends to go quiet while thinking.',
    low: 'Hard to follow; answers did not match the questions asked.',
  },
};

type Dialogue = RecordedInterview['dialogue'];
interface Card {
  readonly dimension_scores?: { name: string; score: number; reasoning: string }[];
  readonly overall_score?: number;
  readonly summary: string;
  readonly improvement_feedback?: string;
  readonly dialogue?: Dialogue;
}

const dims = (max: number, scores: Record<string, number>) =>
  Object.entries(scores).map(([name, score]) => ({ name, score, reasoning: REASONING[name]![band(score, max)] }));

const SCREEN_DIALOGUE: Dialogue = [
  ['Sam', 'Thanks for joining. What made you apply for this role?'],
  ['Candidate', 'I have been building payment integrations for a while and want to work on the core ledger.'],
  ['Sam', 'What does a good week at work look like for you?'],
  ['Candidate', 'Shipping something small every day, and a quiet on-call rotation.'],
];
const TECHNICAL_DIALOGUE: Dialogue = [
  ['Ada', 'Design a service that records card payments exactly once, even when the client retries.'],
  ['Candidate', 'I would take an idempotency key from the client and store it with the payment in one transaction.'],
  ['Ada', 'What happens if the database commits but the response never reaches the client?'],
  ['Candidate', 'The retry finds the key and returns the stored result instead of charging again.'],
];

/** Sam's phone screen, on 0–5 for Motivation and Experience fit (equal weights). */
const screen = (motivation: number, fit: number, summary: string, improvement_feedback?: string): Card => ({
  dimension_scores: dims(5, { Motivation: motivation, 'Experience fit': fit }),
  summary,
  ...(improvement_feedback ? { improvement_feedback } : {}),
  dialogue: SCREEN_DIALOGUE,
});
const ROLEPLAY_DIALOGUE: Dialogue = [
  ['Sam', 'I was charged twice this month and nobody answers my emails. I want a refund now.'],
  ['Candidate', 'I am sorry about that. Let me look at your account right away so we can fix it today.'],
  ['Sam', 'You people always say that.'],
  ['Candidate', 'I can see both charges; I have refunded the second one and you will get a confirmation in a minute.'],
];

/** The angry-customer roleplay, played by Sam on the same 0–5 dimensions. */
const roleplay = (motivation: number, fit: number, summary: string): Card => ({
  ...screen(motivation, fit, summary),
  dialogue: ROLEPLAY_DIALOGUE,
});
/** Ada's technical interview, on 0–10: System design 40, Coding 35, Communication 25. */
const technical = (design: number, coding: number, communication: number, summary: string, feedback?: string) => ({
  dimension_scores: dims(10, { 'System design': design, Coding: coding, Communication: communication }),
  summary,
  ...(feedback ? { improvement_feedback: feedback } : {}),
  dialogue: TECHNICAL_DIALOGUE,
});
/** A reviewer's overall score (final reviews, manual reviews, assessments without an interviewer). */
const overall = (overall_score: number, summary: string, improvement_feedback?: string): Card => ({
  overall_score,
  summary,
  ...(improvement_feedback ? { improvement_feedback } : {}),
});

// ——— The people and what happened to them ———

type Act =
  | { readonly kind: 'enrol' }
  | { readonly kind: 'schedule'; readonly inHours: number; readonly notes?: string }
  | { readonly kind: 'start' }
  | { readonly kind: 'complete' | 'record'; readonly card: Card }
  /** The participant accepts their AI-run stage's notice from their portal. */
  | { readonly kind: 'consent' }
  /** The session's interview, turn by turn, then its end: the interviewer scores it (or, without an answer, it waits for a reviewer). */
  | { readonly kind: 'interviewed'; readonly interview: RecordedInterview }
  | { readonly kind: 'fail' | 'cancel'; readonly reason: string }
  | { readonly kind: 'decide'; readonly outcome: DecisionOutcome; readonly note?: string }
  | { readonly kind: 'advance' | 'reject' | 'withdraw'; readonly note?: string }
  | { readonly kind: 'self_identify'; readonly answers: SelfIdentificationAnswers };
/** What happened, and how many hours before the server's start. */
type Step = readonly [hoursAgo: number, act: Act];

/** A session booked `bookedAhead` hours before it ran at `hoursAgo`, then run for 45 minutes. */
const interview = (hoursAgo: number, card: Card, bookedAhead = 48): Step[] => [
  [hoursAgo + bookedAhead, { kind: 'schedule', inHours: bookedAhead }],
  [hoursAgo, { kind: 'start' }],
  [hoursAgo - 0.75, { kind: 'complete', card }],
];
/**
 * An AI interview: the notice accepted, booked ahead, run for about 20 minutes in the portal, then scored
 * by the interviewer (docs/rules.md#scoring-with-evidence).
 */
const aiInterview = (hoursAgo: number, recorded: RecordedInterview, bookedAhead = 48): Step[] => [
  [hoursAgo + bookedAhead + 0.1, { kind: 'consent' }],
  [hoursAgo + bookedAhead, { kind: 'schedule', inHours: bookedAhead }],
  [hoursAgo, { kind: 'start' }],
  [hoursAgo - 0.35, { kind: 'interviewed', interview: recorded }],
];
/** A result entered in one step (a reviewer's scorecard). */
const recorded = (hoursAgo: number, card: Card): Step => [hoursAgo, { kind: 'record', card }];
/** Booked at `hoursAgo` for `inHours` later (in the future when that is more than `hoursAgo`). */
const booked = (hoursAgo: number, inHours: number, notes?: string): Step => [
  hoursAgo,
  { kind: 'schedule', inHours, ...(notes ? { notes } : {}) },
];
const decided = (hoursAgo: number, outcome: DecisionOutcome, note?: string): Step => [
  hoursAgo,
  { kind: 'decide', outcome, ...(note ? { note } : {}) },
];
const by = (kind: 'advance' | 'reject' | 'withdraw', hoursAgo: number, note?: string): Step => [
  hoursAgo,
  { kind, ...(note ? { note } : {}) },
];

interface Person {
  readonly template: 'backend' | 'training';
  readonly name: string;
  readonly title: string;
  readonly location: string;
  readonly experience: string;
  readonly skills: readonly string[];
  readonly tags: readonly string[];
  readonly enrolled: number;
  readonly steps: readonly Step[];
}

const backend = (
  name: string,
  title: string,
  location: string,
  enrolled: number,
  steps: Step[],
  tags: string[] = [],
): Person => ({
  template: 'backend',
  name,
  title,
  location,
  experience: 'Senior',
  skills: ['Go', 'PostgreSQL', 'Kafka'],
  tags,
  enrolled,
  steps,
});
const trainee = (name: string, location: string, enrolled: number, steps: Step[], tags: string[] = []): Person => ({
  template: 'training',
  name,
  title: 'Customer Support Agent',
  location,
  experience: 'Entry',
  skills: ['Zendesk', 'Written English'],
  tags: ['cohort-november', ...tags],
  enrolled,
  steps,
});

const PASS_SCREEN = 'Motivated and a good fit for the level; advances to the technical interview.';

export const DEMO_PEOPLE: readonly Person[] = [
  // Phone Screen: waiting for a first session, booked, in one right now, or failed and awaiting a decision.
  backend('Amara Nwosu', 'Backend Engineer at Paystack', 'Lagos, Nigeria', 20, [], ['referral']),
  backend('Lukas Becker', 'Senior Software Engineer at N26', 'Berlin, Germany', 30, [], ['linkedin']),
  backend('Priya Raman', 'Platform Engineer at Razorpay', 'Bengaluru, India', 6, []),
  backend('Mateo García', 'Backend Developer at Cabify', 'Madrid, Spain', 50, [booked(26, 46)], ['careers-page']),
  backend('Hannah Kim', 'Software Engineer II at Toss', 'Seoul, South Korea', 100, [
    booked(75, 24),
    [51, { kind: 'start' }],
    [50.5, { kind: 'fail', reason: 'Audio dropped after ten minutes; the candidate’s connection kept failing.' }],
    booked(48, 70, 'Rebooked after the technical failure; the candidate will join from the office.'),
  ]),
  // Yusuf's AI phone screen just ended; without a model it waits for a reviewer, beside its record.
  backend('Yusuf Demir', 'Senior Go Developer at Trendyol', 'Istanbul, Turkey', 70, [
    ...aiInterview(0.6, YUSUF_PHONE_SCREEN, 47),
  ]),
  backend('Olivia Brown', 'Full-stack Developer at Monzo', 'London, United Kingdom', 120, [
    ...interview(
      30,
      screen(
        2.5,
        2.5,
        'Pleasant conversation, but little backend depth and unclear motivation.',
        'Be ready to talk about a backend system you owned end to end.',
      ),
    ),
  ]),

  // Technical: advanced, booked, between attempts, awaiting a reviewer.
  // Scored by the AI interviewer with his own words as evidence; auto_advance moved him on.
  backend('Chen Wei', 'Senior Engineer at Ant Group', 'Singapore', 96, [...aiInterview(28, CHEN_PHONE_SCREEN)]),
  backend('Sofia Rossi', 'Backend Engineer at Satispay', 'Milan, Italy', 140, [
    ...interview(52, screen(3.5, 3.5, 'Solid fit; keen on the payments domain.')),
  ]),
  backend(
    'Aiko Tanaka',
    'Staff Engineer at PayPay',
    'Tokyo, Japan',
    40,
    [by('advance', 38, 'Referred by the CTO, who worked with her for three years; we skip the phone screen.')],
    ['referral'],
  ),
  backend('Noah Williams', 'Software Engineer at Square', 'Toronto, Canada', 170, [
    ...interview(120, screen(4, 4, PASS_SCREEN)),
    booked(30, 54),
  ]),
  backend('Fatima Al-Sayed', 'Senior Backend Engineer at Careem', 'Dubai, United Arab Emirates', 190, [
    ...interview(140, screen(5, 4, 'Excellent motivation; has run payment flows at scale.')),
    booked(40, 30),
    [30, { kind: 'cancel', reason: 'The candidate asked to move the interview to next week.' }],
    booked(20, 65),
  ]),
  backend('Diego Fernández', 'Backend Engineer at Mercado Pago', 'Buenos Aires, Argentina', 220, [
    ...interview(170, screen(4, 3.5, PASS_SCREEN)),
    ...interview(
      6,
      technical(
        7,
        6,
        7,
        'A reasonable design, but the coding exercise ran out of time.',
        'Practise writing the tests first; the retake uses a different exercise.',
      ),
    ),
  ]),
  backend('Aisha Bello', 'Software Engineer at Flutterwave', 'Nairobi, Kenya', 260, [
    ...interview(200, screen(4, 4, PASS_SCREEN)),
    ...interview(
      60,
      technical(6, 7, 8, 'Communicated well; the design missed how to handle retries.', 'Read up on idempotent APIs.'),
    ),
  ]),
  backend('Julia Weber', 'Senior Developer at Adyen', 'Amsterdam, Netherlands', 400, [
    ...interview(330, screen(4.5, 4.5, PASS_SCREEN)),
    ...interview(250, technical(7, 7, 6, 'Close to the bar; the Kafka questions were outside her experience.')),
    ...interview(200, technical(7, 7, 7, 'Better than the first attempt, still just below the pass mark.')),
    decided(
      180,
      'retake',
      'Close both times and improving; the questions leaned on Kafka, which is not in her stack. One more attempt on the standard set.',
    ),
  ]),
  backend('Emma Johansson', 'Senior Backend Engineer at Klarna', 'Stockholm, Sweden', 170, [
    ...interview(110, screen(4.5, 4, PASS_SCREEN)),
    ...aiInterview(20, EMMA_TECHNICAL),
  ]),
  backend('Kwame Mensah', 'Backend Engineer at MTN MoMo', 'Accra, Ghana', 210, [
    ...interview(160, screen(4, 4.5, PASS_SCREEN)),
    // The interviewer quoted him with words he never said: a reviewer is asked to check its score.
    ...aiInterview(26, KWAME_TECHNICAL),
  ]),
  backend('Ravi Patel', 'Senior Software Engineer at Stripe', 'Dublin, Ireland', 150, [
    ...interview(90, screen(3.5, 4, PASS_SCREEN)),
    ...interview(4, technical(8, 9, 7, 'Excellent coding; the design discussion was solid.')),
  ]),
  backend('Tom Nguyen', 'Backend Developer at MoMo', 'Ho Chi Minh City, Vietnam', 300, [
    ...interview(250, screen(4, 4, PASS_SCREEN)),
    ...interview(150, technical(6, 6, 7, 'Below the bar on design and coding.')),
    ...interview(30, technical(7, 6, 7, 'Improved, but still below the pass mark after both attempts.')),
  ]),

  // Final: approved by a reviewer, one with the panel booked.
  backend('Grace Liu', 'Staff Engineer at Airwallex', 'Melbourne, Australia', 330, [
    ...interview(280, screen(5, 4.5, PASS_SCREEN)),
    ...interview(120, technical(9, 9, 8, 'One of the strongest technical interviews this quarter.')),
    decided(100, 'advance'),
  ]),
  backend('Jonas Schmidt', 'Senior Engineer at Solaris', 'Hamburg, Germany', 300, [
    ...interview(240, screen(4, 4, PASS_SCREEN)),
    ...interview(90, technical(8, 8, 8, 'Consistent and careful; meets the bar everywhere.')),
    decided(70, 'advance'),
  ]),
  backend('Leila Haddad', 'Senior Backend Engineer at Qonto', 'Paris, France', 360, [
    ...interview(300, screen(4.5, 4.5, PASS_SCREEN)),
    ...interview(200, technical(9, 8, 9, 'Clear thinker; explained every trade-off.')),
    decided(170, 'advance'),
    booked(48, 70, 'Panel with the CTO and the Head of Payments.'),
  ]),

  // Completed with "hire".
  backend('Maria Santos', 'Senior Engineer at Nubank', 'São Paulo, Brazil', 600, [
    ...interview(550, screen(4.5, 5, PASS_SCREEN)),
    ...interview(450, technical(9, 9, 9, 'Outstanding across the board.')),
    decided(430, 'advance'),
    recorded(300, overall(88, 'The panel agreed: strong hire for the ledger team.')),
  ]),
  backend('Daniel Cohen', 'Backend Lead at Payoneer', 'Tel Aviv, Israel', 540, [
    ...interview(480, screen(4, 4.5, PASS_SCREEN)),
    ...interview(400, technical(8, 9, 8, 'Very good coding, good design.')),
    decided(380, 'advance'),
    recorded(250, overall(84, 'Hire: good judgement on incidents and ownership.')),
  ]),
  backend('Ingrid Nilsson', 'Senior Developer at Trustly', 'Oslo, Norway', 700, [
    ...interview(650, screen(4, 4, PASS_SCREEN)),
    ...interview(600, technical(7, 7, 7, 'Nervous start; below the bar on the first attempt.')),
    ...interview(520, technical(9, 8, 8, 'A different candidate on the retake: clear, structured and correct.')),
    decided(500, 'advance'),
    recorded(400, overall(91, 'Unanimous hire.')),
  ]),

  // Rejected: by a decision as suggested, against a suggestion, by the final review, or by hand.
  backend('Peter Novak', 'Java Developer at Raiffeisen', 'Prague, Czechia', 260, [
    ...interview(200, screen(2, 3, 'Looking mainly for a remote role; limited backend ownership.')),
    decided(180, 'reject'),
  ]),
  backend('Ben Carter', 'Software Engineer at Chime', 'Austin, United States', 380, [
    ...interview(330, screen(4, 4, PASS_SCREEN)),
    ...interview(240, technical(8, 8, 7, 'Above the pass mark on the numbers.')),
    decided(
      220,
      'reject',
      'Strong coding, but he could not explain the consistency trade-offs in his own design; the ledger team needs that.',
    ),
  ]),
  backend('Chloe Martin', 'Backend Engineer at Lydia', 'Lyon, France', 560, [
    ...interview(500, screen(4.5, 4, PASS_SCREEN)),
    ...interview(420, technical(8, 8, 8, 'Meets the bar.')),
    decided(400, 'advance'),
    recorded(320, overall(72, 'The panel had concerns about ownership of production incidents.')),
  ]),
  backend('Mehmet Yilmaz', 'Software Engineer at Papara', 'Ankara, Turkey', 480, [
    ...interview(430, screen(4, 3.5, PASS_SCREEN)),
    ...interview(380, technical(6, 6, 6, 'Below the bar.')),
    ...interview(320, technical(6, 7, 6, 'Below the bar on the retake as well.')),
    decided(300, 'reject'),
  ]),
  backend('Lucas Silva', 'Backend Developer at PicPay', 'Recife, Brazil', 90, [
    by('reject', 80, 'Needs visa sponsorship, which this role cannot offer.'),
  ]),

  // Withdrawn: one with a technical interview booked (it is cancelled with them), one before any session.
  backend('Nina Petrova', 'Senior Engineer at Tinkoff', 'Belgrade, Serbia', 240, [
    ...interview(190, screen(4.5, 4, PASS_SCREEN)),
    booked(100, 48),
    by('withdraw', 70, 'Accepted another offer.'),
  ]),
  backend('Samuel Osei', 'Backend Engineer at Hubtel', 'Kumasi, Ghana', 150, [
    by('withdraw', 140, 'Asked to be considered again next year.'),
  ]),

  // Customer Support Onboarding: its Live Ticket Shadowing stage has no automation rule, so a result
  // leaves the trainee there as passed (until someone advances them) or failed.
  // The demo's portal participant (DEMO_PORTAL_PARTICIPANT): a written assessment she can start herself.
  trainee('Rosa Jiménez', 'Valencia, Spain', 10, []),
  trainee('Ethan Walker', 'Manchester, United Kingdom', 80, [
    recorded(60, overall(58, 'Missed most of the billing questions.', 'Review the billing and refunds module.')),
  ]),
  trainee('Hana Sato', 'Osaka, Japan', 120, [recorded(100, overall(82, 'Good product knowledge.')), booked(30, 50)]),
  trainee('Zara Ahmed', 'Birmingham, United Kingdom', 300, [
    recorded(280, overall(91, 'Excellent.')),
    ...interview(200, roleplay(4, 4, 'Calm and empathetic with the angry customer.')),
    recorded(50, overall(78, 'Handled twelve live tickets with good tone; ready for sign-off.')),
  ]),
  trainee('Liam O’Connor', 'Cork, Ireland', 320, [
    recorded(300, overall(75, 'Passed the basics.')),
    ...interview(220, roleplay(3.5, 3.5, 'De-escalated in the end, after a slow start.')),
    recorded(40, overall(55, 'Several tickets escalated that he could have solved.', 'Pair with a senior agent.')),
  ]),
  trainee('Ana Costa', 'Lisbon, Portugal', 400, [
    recorded(380, overall(88, 'Strong product knowledge.')),
    ...interview(300, roleplay(4.5, 4, 'Kept the customer on side throughout.')),
    recorded(200, overall(82, 'Good live tickets.')),
    by('advance', 150),
    recorded(20, overall(80, 'Ready, in my view; needs the team lead’s approval.')),
  ]),
  trainee('Kofi Asante', 'Accra, Ghana', 500, [
    recorded(480, overall(95, 'Near-perfect assessment.')),
    ...interview(400, roleplay(5, 4.5, 'Textbook de-escalation.')),
    recorded(300, overall(88, 'Excellent live tickets.')),
    by('advance', 280),
    recorded(200, overall(90, 'Ready for live tickets on his own.')),
    decided(180, 'advance'),
  ]),
];

/**
 * Whose portal link each start with demo data prints (seed/demo-portal.ts): a trainee at Product
 * Basics, a written assessment, which a participant may start from their portal (docs/rules.md#sessions-a-participant-starts).
 */
export const DEMO_PORTAL_PARTICIPANT = 'Rosa Jiménez';

// ——— Running the scripts ———

const emailOf = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.')}@example.com`;

interface Progress {
  participantId?: string;
  sessionId?: string;
  decisionId?: string;
}
type View = { id: string; sessions: { id: string; status: string }[]; decisions: { id: string; status: string }[] };

/** The record of a dialogue that ended at `at`, five minutes a turn, the participant named. */
const recordOf = (dialogue: Dialogue, name: string, at: number) =>
  dialogue.map(([speaker, text], i) => ({
    speaker: speaker === 'Candidate' ? name : speaker,
    text,
    at: iso(at - (dialogue.length - i) * 5 * 60_000),
  }));

/** The times of a dialogue's turns, two and a half minutes apart, the last at `at`. */
const turnTimes = (dialogue: Dialogue, at: number) =>
  dialogue.map((_, i) => iso(at - (dialogue.length - 1 - i) * 150_000));

/** Records a participant's answers to the voluntary questions as they would in their portal (demo-data.ts). */
export type SelfIdentify = (participantId: string, answers: SelfIdentificationAnswers) => Promise<unknown>;

/** What the demo's participants do in their own portal: the voluntary questions, and their AI interviews. */
export interface DemoPortalActs {
  readonly selfIdentify: SelfIdentify;
  readonly interviews: DemoInterviews;
}

/** Their answers to the voluntary questions, a few minutes after their enrolment, if they gave any. */
const selfIdentification = (person: Person): Step[] => {
  const answers = DEMO_SELF_IDENTIFICATION[person.name];
  return answers ? [[person.enrolled - 0.1, { kind: 'self_identify', answers }]] : [];
};

/**
 * Enrols `DEMO_PEOPLE` and plays their steps in time order through `api`, whose clock is `clock`; what
 * they do in their portal (the voluntary questions, AI interviews) goes through `portal`. Returns each
 * person's participant id by name.
 */
export async function seedDemoParticipants(
  api: Caller,
  clock: DemoClock,
  templates: { backend: string; training: string },
  portal: DemoPortalActs,
): Promise<Map<string, string>> {
  const progress = DEMO_PEOPLE.map((): Progress => ({}));
  const timeline = DEMO_PEOPLE.flatMap((person, who) =>
    [[person.enrolled, { kind: 'enrol' } as Act] as Step, ...selfIdentification(person), ...person.steps].map(
      ([hoursAgo, act]) => ({
        at: clock.base - hoursAgo * HOUR,
        who,
        act,
      }),
    ),
  ).sort((a, b) => a.at - b.at);

  /** Keeps what later steps need: the session in play and the open decision. */
  const remember = (state: Progress, view: View) => {
    const open = view.sessions.find((s) => s.status === 'scheduled' || s.status === 'in_progress');
    if (open) state.sessionId = open.id;
    state.decisionId = view.decisions.find((d) => d.status === 'open')?.id;
  };

  for (const { at, who, act } of timeline) {
    clock.set(at);
    const person = DEMO_PEOPLE[who]!;
    const state = progress[who]!;
    if (act.kind !== 'enrol' && !state.participantId) {
      throw new Error(`demo data: a step for ${person.name} comes before their enrolment`);
    }
    const participant_id = state.participantId ?? '';
    const session_id = state.sessionId ?? '';
    switch (act.kind) {
      case 'enrol': {
        const created = await api.participants.create({
          evaluation_template_id: templates[person.template],
          name: person.name,
          email: emailOf(person.name),
          tags: [...person.tags],
          profile: { title: person.title, location: person.location, experience_level: person.experience },
          background: { skills: [...person.skills], languages: ['English'] },
        });
        state.participantId = created.id;
        break;
      }
      case 'schedule': {
        const { participant } = await api.sessions.schedule({
          participant_id,
          scheduled_at: iso(at + act.inHours * HOUR),
          ...(act.notes ? { notes: act.notes } : {}),
        });
        remember(state, participant);
        break;
      }
      case 'start':
        await api.sessions.start({ session_id });
        break;
      case 'complete':
      case 'record': {
        const { dialogue, ...card } = act.card;
        const transcript = dialogue && recordOf(dialogue, person.name, at);
        const scorecard = { ...card, ...(transcript ? { transcript } : {}) };
        const { participant } =
          act.kind === 'complete'
            ? await api.sessions.complete({ session_id, ...scorecard })
            : await api.sessions.recordResult({ participant_id, ...scorecard });
        remember(state, participant);
        break;
      }
      case 'consent': {
        const { current_stage_id } = await api.participants.byId({ id: participant_id });
        await portal.interviews.consent(participant_id, current_stage_id ?? '');
        break;
      }
      case 'interviewed': {
        const { dialogue } = act.interview;
        await portal.interviews.interview(participant_id, session_id, act.interview, turnTimes(dialogue, at));
        const participant = await api.participants.byId({ id: participant_id });
        remember(state, participant);
        break;
      }
      case 'fail':
        await api.sessions.fail({ session_id, reason: act.reason });
        break;
      case 'cancel':
        await api.sessions.cancel({ session_id, reason: act.reason });
        break;
      case 'decide': {
        const decision_id = state.decisionId ?? '';
        const { participant } = await api.decisions.decide({
          decision_id,
          outcome: act.outcome,
          ...(act.note ? { note: act.note } : {}),
        });
        remember(state, participant);
        break;
      }
      case 'self_identify':
        await portal.selfIdentify(participant_id, act.answers);
        break;
      case 'advance':
      case 'reject':
      case 'withdraw': {
        const input = { participant_id, ...(act.note ? { note: act.note } : {}) };
        const participant =
          act.kind === 'advance'
            ? await api.participants.advance(input)
            : act.kind === 'reject'
              ? await api.participants.reject(input)
              : await api.participants.withdraw(input);
        remember(state, participant);
        break;
      }
    }
  }
  return new Map(DEMO_PEOPLE.map((person, who) => [person.name, progress[who]!.participantId ?? '']));
}
