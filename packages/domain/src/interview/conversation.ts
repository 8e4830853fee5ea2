import type { InterviewPlan } from '../interviewer/plan.ts';
import type { AgentProfile } from '../schemas/agent-profile.ts';
import type { InterviewEndedBy, InterviewStatus, StoredTurn, TurnSource } from './turns.ts';

/**
 * How an interview runs turn by turn (docs/rules.md#the-interview): where the conversation stands, how
 * much time and how many answers are left, and what the interviewer does next. Pure: the clock is
 * given, and the runner (packages/server/src/interviewer/runner.ts) does what these say.
 */

type Turn = Pick<StoredTurn, 'speaker' | 'ended_by'>;

export function interviewStatus(turns: readonly Turn[]): InterviewStatus {
  const last = turns.at(-1);
  if (!last) return 'not_started';
  if (last.ended_by !== null) return 'ended';
  return last.speaker === 'participant' ? 'awaiting_interviewer' : 'awaiting_participant';
}

/** What ended the interview, or null while it runs. */
export const interviewEndedBy = (turns: readonly Turn[]): InterviewEndedBy | null => turns.at(-1)?.ended_by ?? null;

export const answersGiven = (turns: readonly Pick<StoredTurn, 'speaker'>[]): number =>
  turns.reduce((n, t) => n + (t.speaker === 'participant' ? 1 : 0), 0);

/**
 * How the session's interviewer speaks: decided by its first turn (the model when one answered, else
 * the plan) and kept for the whole session, so one interview never mixes the two. Null before it.
 */
export const interviewSource = (turns: readonly Pick<StoredTurn, 'speaker' | 'source'>[]): TurnSource | null =>
  turns.find((t) => t.speaker === 'interviewer')?.source ?? null;

export interface InterviewClock {
  /** The session's start plus the stage's duration. */
  readonly ends_at: string;
  /** Whole seconds left, never below 0. */
  readonly seconds_left: number;
}

/** The server's clock on an interview: it runs from the session's start for the stage's duration. */
export function interviewClock(startedAt: string, durationMinutes: number, now: string): InterviewClock {
  const end = Date.parse(startedAt) + durationMinutes * 60_000;
  return {
    ends_at: new Date(end).toISOString(),
    seconds_left: Math.max(0, Math.floor((end - Date.parse(now)) / 1000)),
  };
}

type Probing = AgentProfile['interaction']['probing_depth'];

/** The most follow-ups a dimension gets, as the prompt's probing words say (prompt-words.ts `PROBING`). */
export const FOLLOW_UPS: Record<Probing, number> = { low: 1, medium: 2, high: 3 };

/**
 * How many answers the interview takes at most: with a model, a main question and the profile's
 * follow-ups for every dimension; on the plan, one question per dimension. The interviewer closes once
 * they are given, whether or not the model has said it is done.
 */
export function answerBudget(
  profile: {
    readonly evaluation_dimensions: readonly unknown[];
    readonly interaction: { readonly probing_depth: Probing };
  },
  source: TurnSource,
): number {
  const dimensions = profile.evaluation_dimensions.length;
  return source === 'plan' ? dimensions : dimensions * (1 + FOLLOW_UPS[profile.interaction.probing_depth]);
}

/** What the interviewer's next turn does. */
export type InterviewerMove =
  | { readonly kind: 'greet' }
  | { readonly kind: 'ask' }
  | { readonly kind: 'close'; readonly ended_by: Exclude<InterviewEndedBy, 'participant'> };

/**
 * The interviewer's next move, once it owes a turn: close when the time is spent (even before the
 * greeting: a session started long ago has no time left) or every answer the plan allows is given;
 * greet an empty conversation; otherwise ask the next question.
 */
export function nextInterviewerMove(turns: readonly Turn[], budget: number, clock: InterviewClock): InterviewerMove {
  if (clock.seconds_left <= 0) return { kind: 'close', ended_by: 'time' };
  if (turns.length === 0) return { kind: 'greet' };
  if (answersGiven(turns) >= budget) return { kind: 'close', ended_by: 'interviewer' };
  return { kind: 'ask' };
}

/**
 * The model closes an interview by ending its turn with this marker (the turn prompt asks it to),
 * which is never shown or stored.
 */
export const END_MARKER = '[[END]]';
const MARKER = /\[\[\s*end\s*\]\]/i;
const MARKERS = new RegExp(MARKER.source, 'gi');
/** The start of a marker, cut off at the end of the text so far: `[`, `[[`, `[[E`, … `[[END]`. */
const PARTIAL_MARKER = /\[(?:\[\s*(?:e(?:n(?:d\s*\]?)?)?)?)?$/i;

/** The model's whole turn: its words without the marker, and whether it closed. */
export function readInterviewerReply(raw: string): { readonly text: string; readonly closes: boolean } {
  const closes = MARKER.test(raw);
  return { text: raw.replace(MARKERS, '').trim(), closes };
}

/**
 * The model's words as they stream, without the marker: text that could still become one is held
 * back until the next piece tells. What it lets through is for showing as it arrives; the turn stored
 * is `readInterviewerReply` of the whole.
 */
export function markerFilter() {
  let held = '';
  return {
    push(piece: string): string {
      const text = (held + piece).replace(MARKERS, '');
      const partial = PARTIAL_MARKER.exec(text);
      held = partial ? text.slice(partial.index) : '';
      return partial ? text.slice(0, partial.index) : text;
    },
    /** What is still held when the stream ends: not a marker after all. */
    flush(): string {
      const rest = held;
      held = '';
      return rest;
    },
  };
}

/**
 * Whether the model's closing ends the interview: only once every dimension has had its main question
 * answered (as many answers as dimensions), so a model that says goodbye early does not cut the plan short.
 */
export const modelMayClose = (turns: readonly Pick<StoredTurn, 'speaker'>[], dimensions: number): boolean =>
  answersGiven(turns) >= dimensions;

/**
 * The plan's words for a move (docs/rules.md#prompts, `interviewPlan`): the greeting with the first
 * question, the question for the next dimension, or the closing.
 */
export function plannedTurn(plan: InterviewPlan, move: InterviewerMove, answers: number): string {
  const question = (i: number) => plan.questions[i]?.question;
  if (move.kind === 'greet') return [plan.greeting, question(0)].filter(Boolean).join('\n\n');
  if (move.kind === 'ask') return question(answers) ?? plan.closing;
  return plan.closing;
}
