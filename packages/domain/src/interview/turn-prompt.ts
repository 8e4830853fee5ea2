import { interviewerSystemPrompt, PROMPT_VERSION } from '../interviewer/prompt.ts';
import type { InterviewSubject } from '../interviewer/subject.ts';
import { END_MARKER, type InterviewClock, type InterviewerMove } from './conversation.ts';
import type { StoredTurn } from './turns.ts';

/**
 * What the model is sent for one interviewer turn (docs/rules.md#prompts): the interviewer's system
 * prompt for the stage, a last section about this turn (the time and answers left, whether to close,
 * the closing marker), and the conversation so far as chat messages. Pure, like the rest of the
 * prompts, and covered by `PROMPT_VERSION`.
 */

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export interface TurnPrompt {
  readonly system: string;
  readonly messages: readonly ChatMessage[];
  readonly version: string;
}

/**
 * The first message: chat models answer a message, and before the greeting nobody has said anything.
 * In brackets, so it reads as a stage direction rather than as words of the participant.
 */
export const OPENING_CUE = '(The participant has joined the session and is waiting for you to begin.)';

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.round(seconds / 60));
  return `${m} minute${m === 1 ? '' : 's'}`;
};

const MOVE: Record<InterviewerMove['kind'] | 'time', string> = {
  greet: 'Begin now: greet the participant as your instructions say, and ask your first question.',
  ask: 'Write your next turn: a follow-up, or the next dimension’s main question, as your instructions say.',
  close: 'Every dimension has had its questions: close the session now, and ask nothing more.',
  time: 'The time for this session is up: close the session now, and ask nothing more.',
};

function turnSection(
  subject: InterviewSubject,
  move: InterviewerMove,
  clock: InterviewClock,
  answers: { readonly given: number; readonly budget: number },
): string {
  const left = Math.max(0, answers.budget - answers.given);
  return [
    '## This turn',
    clock.seconds_left > 0
      ? `About ${minutes(clock.seconds_left)} of the ${subject.stage.duration_minutes} are left.`
      : 'No time is left.',
    move.kind !== 'close' &&
      `The participant has answered ${answers.given} time${answers.given === 1 ? '' : 's'}; at most ${left} more answer${left === 1 ? '' : 's'} fit in this session, main questions and follow-ups together.`,
    move.kind === 'close' ? MOVE[move.ended_by === 'time' ? 'time' : 'close'] : MOVE[move.kind],
    `When you close the session, and only then, end your message with ${END_MARKER} on a line of its own. Never write ${END_MARKER} otherwise.`,
  ]
    .filter((line): line is string => typeof line === 'string')
    .join('\n');
}

/** The system prompt and messages for the interviewer's next turn in this conversation. */
export function interviewTurnPrompt(
  subject: InterviewSubject,
  turns: readonly Pick<StoredTurn, 'speaker' | 'text'>[],
  move: InterviewerMove,
  clock: InterviewClock,
  answers: { readonly given: number; readonly budget: number },
): TurnPrompt {
  return {
    system: `${interviewerSystemPrompt(subject)}\n\n${turnSection(subject, move, clock, answers)}`,
    messages: [
      { role: 'user', content: OPENING_CUE },
      ...turns.map((t): ChatMessage => ({ role: t.speaker === 'interviewer' ? 'assistant' : 'user', content: t.text })),
    ],
    version: PROMPT_VERSION,
  };
}
