import {
  type CompletionOutcome,
  completionOutcome,
  isDomainError,
  type RulesSnapshot,
  type Scorecard,
  type ScorecardInput,
  type ScoringProfile,
  type StageType,
  scoreCard,
} from '@stageflow/domain';
import type { z } from 'zod';
import { formatScore } from '../../lib/format.ts';

/**
 * The result form's values: the domain's ScorecardInput (the scorecard fields RecordResultInput and
 * CompleteSessionInput share), so the form and the server refuse the same things in the same words.
 * Scores are `undefined` while a box is empty.
 */
export type ScorecardFormValues = z.input<typeof ScorecardInput>;

/** An interviewer's dimensions on its scale, or one overall score (0–100) when the stage has none. */
export function newScorecardValues(profile: ScoringProfile | null): ScorecardFormValues {
  return {
    ...(profile
      ? {
          dimension_scores: profile.evaluation_dimensions.map((d) => ({
            name: d.name,
            score: undefined as unknown as number,
            reasoning: '',
          })),
        }
      : { overall_score: undefined }),
    summary: '',
    improvement_feedback: '',
  };
}

export interface StageRules {
  rules: RulesSnapshot;
  stageType: StageType;
  /** Completed attempts so far at this stage (the outlook’s attempts_used). */
  attemptsUsed: number;
  /** Allowed attempts at this stage, as the participant’s outlook gives them. */
  attemptsAllowed: number;
}

export type ScorecardPreview =
  | { kind: 'incomplete'; missing: number }
  | { kind: 'invalid'; message: string }
  | { kind: 'ready'; scorecard: Scorecard; outcome: CompletionOutcome };

const filled = (score: unknown): score is number => typeof score === 'number' && Number.isFinite(score);

/**
 * The live preview: the domain's own scoreCard (the overall, pass or not, below-minimum dimensions)
 * and completionOutcome (what the stage's rules will do with it), on what has been typed so far.
 */
export function previewScorecard(
  profile: ScoringProfile | null,
  values: Partial<ScorecardFormValues> | undefined,
  stage: StageRules,
): ScorecardPreview {
  const dimensions = values?.dimension_scores;
  const input = profile
    ? { dimension_scores: (dimensions ?? []).map((d) => ({ name: d?.name ?? '', score: d?.score as number })) }
    : { overall_score: values?.overall_score };
  if (profile) {
    const missing = input.dimension_scores?.filter((d) => !filled(d.score)).length ?? 0;
    if (missing > 0 || !input.dimension_scores?.length) return { kind: 'incomplete', missing };
  } else if (!filled(input.overall_score)) {
    return { kind: 'incomplete', missing: 1 };
  }
  const scorecard = scoreCard(profile, input, stage.rules.pass_threshold);
  if (isDomainError(scorecard))
    return { kind: 'invalid', message: scorecard.issues?.[0]?.message ?? scorecard.message };
  return {
    kind: 'ready',
    scorecard,
    outcome: completionOutcome(
      stage.rules,
      stage.stageType,
      scorecard.passed,
      stage.attemptsUsed + 1,
      stage.attemptsAllowed,
    ),
  };
}

/** What the stage's rules will do with a result, in words. */
export function describeOutcome(
  outcome: CompletionOutcome,
  ctx: {
    nextStageName: string | null;
    labels: { positive: string; negative: string };
    attemptsAfter: number;
    attemptsAllowed: number;
  },
): string {
  const label = (l: string) => `“${l.replace(/_/g, ' ')}”`;
  switch (outcome.kind) {
    case 'retake_available':
      return `A retake becomes available (${ctx.attemptsAfter} of ${ctx.attemptsAllowed} attempts used).`;
    case 'advance':
      return ctx.nextStageName
        ? `Advances to ${ctx.nextStageName} automatically.`
        : `Completes the evaluation automatically: ${label(ctx.labels.positive)}.`;
    case 'complete':
      return `Completes the evaluation: ${label(ctx.labels.positive)}.`;
    case 'reject':
      return `Rejected: ${label(ctx.labels.negative)}.`;
    case 'open_decision':
      return outcome.suggested
        ? `Goes to a reviewer, who decides (suggested: ${outcome.suggested}).`
        : 'Goes to a reviewer, who decides.';
    case 'wait':
      return outcome.state === 'passed'
        ? 'Marked passed; waits at this stage until someone advances them.'
        : 'Marked failed; waits at this stage.';
  }
}

/** "82.5 / 100" with the pass mark: "82.5 (pass mark 75)". */
export const scoreWithMark = (score: number, threshold: number | null) =>
  threshold === null ? formatScore(score) : `${formatScore(score)} (pass mark ${formatScore(threshold)})`;
