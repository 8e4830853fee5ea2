import { DomainError, type FieldIssue } from '../errors.ts';
import { extended } from '../objects.ts';
import type { AgentProfile, EvaluationDimension } from '../schemas/agent-profile.ts';
import { SCALE_MAX } from '../schemas/agent-profile.ts';
import { roundHalfAwayFromZero } from './rounding.ts';
import type { DimensionScore, DimensionScoreInput, Scorecard, TranscriptEntry } from './scorecard.ts';
import { scorecardShapeIssue } from './scorecard.ts';
import { dimensionKey, type Scorer } from './scorer.ts';
import { orNull } from './text.ts';

/** The part of an interviewer (agent profile) that scoring needs; a whole `AgentProfile` fits. */
export interface ScoringProfile {
  readonly evaluation_dimensions: readonly Pick<EvaluationDimension, 'name' | 'weight' | 'min_score'>[];
  readonly scoring: Pick<AgentProfile['scoring'], 'scale' | 'scoring_method'>;
}

/** What `scoreCard` reads: the scorecard fields of `CompleteSessionInput` / `RecordResultInput`. */
export interface ScorecardFields {
  readonly dimension_scores?: readonly DimensionScoreInput[] | undefined;
  readonly overall_score?: number | undefined;
  readonly summary?: string | undefined;
  readonly improvement_feedback?: string | undefined;
  readonly transcript?: readonly TranscriptEntry[] | undefined;
}

/**
 * docs/rules.md#scoring. Turns a caller's scores into a scorecard judged against `pass_threshold` (the one from the
 * participant's rules snapshot, recorded as `threshold_applied`). `profile` is the stage's interviewer, or
 * `null` when the stage has none and the overall score is taken directly. `scorer` says who scored it; a
 * model's scorecard carries the evidence each dimension kept, and `needs_review` when a dimension kept
 * none (docs/rules.md#scoring-with-evidence).
 */
export function scoreCard(
  profile: ScoringProfile | null,
  input: ScorecardFields,
  pass_threshold: number | null,
  scorer: Scorer = { scored_by: null },
): Scorecard | DomainError {
  const shape = scorecardShapeIssue(input);
  if (shape) return badRequest([shape]);
  const common = {
    threshold_applied: pass_threshold,
    summary: orNull(input.summary),
    improvement_feedback: orNull(input.improvement_feedback),
    transcript: [...(input.transcript ?? [])],
    scored_by: scorer.scored_by,
  };
  const byModel = scorer.scored_by?.kind === 'model';

  if (input.dimension_scores === undefined) {
    const overall = input.overall_score ?? Number.NaN;
    if (!(overall >= 0 && overall <= 100)) {
      return badRequest([{ path: ['overall_score'], message: 'must be a number from 0 to 100' }]);
    }
    return extended(common, {
      dimension_scores: [],
      overall_score: overall,
      passed: resultPasses({ overall_score: overall, scoring_method: null, below_min_score: 0 }, pass_threshold),
      scale: null,
      scoring_method: null,
      below_min_score: [],
      // A model's overall score alone quotes nothing, so nothing backs it.
      needs_review: byModel,
    });
  }

  if (!profile) {
    return badRequest([
      {
        path: ['dimension_scores'],
        message: 'this stage has no interviewer to score dimensions against; give overall_score (0–100) instead',
      },
    ]);
  }
  const scored = scoreDimensions(profile, input.dimension_scores);
  if (scored instanceof DomainError) return scored;
  const dimensions = scored.map((d) => {
    const quotes = scorer.evidence?.get(dimensionKey(d.name));
    return extended(d, { evidence: quotes?.verified ?? [], evidence_dropped: quotes?.dropped ?? 0 });
  });

  // Σ normalized × weight / 100 from the exact normalized values; only the total is rounded.
  const max = SCALE_MAX[profile.scoring.scale];
  const overall = roundHalfAwayFromZero(
    dimensions.reduce((sum, d) => sum + ((d.score / max) * 100 * d.weight) / 100, 0),
  );
  const below = dimensions.filter((d) => d.min_score !== null && d.score < d.min_score).map((d) => d.name);
  const method = profile.scoring.scoring_method;
  return extended(common, {
    dimension_scores: dimensions,
    overall_score: overall,
    passed: resultPasses(
      { overall_score: overall, scoring_method: method, below_min_score: below.length },
      pass_threshold,
    ),
    scale: profile.scoring.scale,
    scoring_method: profile.scoring.scoring_method,
    below_min_score: below,
    needs_review: byModel && dimensions.some((d) => d.evidence.length === 0),
  });
}

/** What the pass rule reads of a scored result: its rounded overall score, its method and how many dimensions missed their minimum. */
export interface JudgedResult {
  readonly overall_score: number;
  readonly scoring_method: Scorecard['scoring_method'];
  readonly below_min_score: number;
}

/**
 * docs/rules.md#passing: the pass mark met (none set: every result passes) and, for `rule_based` scoring, no
 * dimension under its minimum. Scoring asks it with the snapshot's pass mark; the rule simulation asks it
 * again with another one (docs/rules.md#rule-simulation).
 */
export function resultPasses(result: JudgedResult, pass_threshold: number | null): boolean {
  const meetsThreshold = pass_threshold === null || result.overall_score >= pass_threshold;
  return meetsThreshold && (result.scoring_method !== 'rule_based' || result.below_min_score === 0);
}

/** Every interviewer dimension scored exactly once, on its scale; all problems are reported together. */
function scoreDimensions(
  profile: ScoringProfile,
  given: readonly DimensionScoreInput[],
): Omit<DimensionScore, 'evidence' | 'evidence_dropped'>[] | DomainError {
  const { scale } = profile.scoring;
  const max = SCALE_MAX[scale];
  const known = new Map(profile.evaluation_dimensions.map((d) => [d.name.toLowerCase(), d]));
  const issues: FieldIssue[] = [];
  const scored = new Map<string, Omit<DimensionScore, 'evidence' | 'evidence_dropped'>>();

  given.forEach((g, i) => {
    const key = g.name.trim().toLowerCase();
    const dimension = known.get(key);
    if (!dimension) {
      const names = profile.evaluation_dimensions.map((d) => `"${d.name}"`).join(', ');
      issues.push({
        path: ['dimension_scores', i, 'name'],
        message: `"${g.name}" is not a dimension of this interviewer (${names})`,
      });
      return;
    }
    if (scored.has(key)) {
      issues.push({ path: ['dimension_scores', i, 'name'], message: `"${dimension.name}" is scored twice` });
      return;
    }
    if (!(g.score >= 0 && g.score <= max)) {
      issues.push({
        path: ['dimension_scores', i, 'score'],
        message: `must be from 0 to ${max} on the interviewer's ${scale} scale`,
      });
      return;
    }
    scored.set(key, {
      name: dimension.name,
      score: g.score,
      normalized: roundHalfAwayFromZero((g.score / max) * 100),
      weight: dimension.weight,
      min_score: dimension.min_score ?? null,
      reasoning: orNull(g.reasoning),
    });
  });

  // A dimension given with a bad score is already reported above; only silent omissions are "missing".
  const mentioned = new Set(given.map((g) => g.name.trim().toLowerCase()));
  for (const d of profile.evaluation_dimensions) {
    if (!mentioned.has(d.name.toLowerCase())) {
      issues.push({ path: ['dimension_scores'], message: `missing a score for "${d.name}"` });
    }
  }
  if (issues.length > 0) return badRequest(issues);
  // In the interviewer's order, whatever order the caller sent.
  return profile.evaluation_dimensions.flatMap((d) => scored.get(d.name.toLowerCase()) ?? []);
}

function badRequest(issues: readonly FieldIssue[]): DomainError {
  const [first] = issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const headline = first ? `${first.path.join('.')}: ${first.message}${more}` : 'invalid scorecard';
  return new DomainError('BAD_REQUEST', `Scorecard rejected: ${headline}`, issues);
}
