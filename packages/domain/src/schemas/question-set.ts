import { z } from 'zod';
import { optionalText, Text, text, wholeBetween } from './common.ts';

/**
 * A written assessment's questions (docs/entities.md#question-set): the `question_set` of an
 * `async_assessment` stage, in the order the participant answers them.
 */

/** At most this many questions in one set. */
export const MAX_QUESTIONS = 50;
/** A prompt's length cap. */
export const MAX_PROMPT_LENGTH = 2000;
/** An answer's length cap, and the limit of a question that gives no `max_length` of its own. */
export const MAX_ANSWER_LENGTH = 10_000;

/** Short and URL-safe, so a caller may name questions (`q1`, `motivation`) and import keeps them. */
export const QuestionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, "_" or "-"');

/** One question as a caller sends it: `id` is generated when absent, and kept once it has one. */
export const QuestionInput = z.strictObject({
  id: QuestionId.optional(),
  prompt: text(MAX_PROMPT_LENGTH),
  /** The longest answer accepted, in characters; `MAX_ANSWER_LENGTH` when left out. */
  max_length: wholeBetween(1, MAX_ANSWER_LENGTH).optional(),
  /** The interviewer dimension the answer informs; checked against the stage's interviewer. */
  dimension: optionalText(80),
});
export type QuestionInput = z.input<typeof QuestionInput>;

export const QuestionSetInput = z
  .array(QuestionInput)
  .max(MAX_QUESTIONS)
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      if (q.id === undefined) return;
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${q.id}" is used twice` });
      seen.add(q.id);
    });
  });

/** A stored question: it always has an id; an unset limit or dimension is left out. */
export const Question = z.object({
  id: z.string(),
  prompt: z.string(),
  max_length: z.number().optional(),
  dimension: z.string().optional(),
});
export type Question = z.infer<typeof Question>;

/** The longest answer a question takes. */
export const answerLimit = (q: Pick<Question, 'max_length'>) => q.max_length ?? MAX_ANSWER_LENGTH;

/**
 * Only a written assessment takes questions: any other type with a non-empty set is refused on
 * `question_set` rather than silently dropping what the caller wrote (docs/entities.md#question-set).
 */
export function questionSetIssue(stageType: string, questions: readonly unknown[] | undefined) {
  if (stageType === 'async_assessment' || !questions || questions.length === 0) return undefined;
  return {
    path: ['question_set'],
    message: `only async_assessment stages take questions; this stage is ${stageType} (send [] to clear them)`,
  };
}

/**
 * The questions with an id each (`newId` for those without) and no empty dimension: the shape a stage
 * stores. The caller supplies `newId`, since the domain makes no ids of its own.
 */
export function withQuestionIds(questions: readonly z.output<typeof QuestionInput>[], newId: () => string): Question[] {
  return questions.map((q) => ({
    id: q.id ?? newId(),
    prompt: q.prompt,
    ...(q.max_length === undefined ? {} : { max_length: q.max_length }),
    ...(q.dimension ? { dimension: q.dimension } : {}),
  }));
}

/** The answer text a participant sends: kept as typed (no trimming), bounded by the largest limit. */
export const AnswerText = Text.max(MAX_ANSWER_LENGTH * 2);
