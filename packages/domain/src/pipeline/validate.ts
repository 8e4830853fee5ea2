import { DomainError } from '../errors.ts';
import { type EvaluationStage, isAiRun, type StageType } from '../schemas/stage.ts';
import { liveStages } from './ordering.ts';

export type PipelineProblemCode =
  | 'NO_ACTIVE_STAGE'
  | 'MISSING_INTERVIEWER'
  | 'FINAL_REVIEW_NOT_LAST'
  | 'FINAL_REVIEW_TWICE'
  | 'AUTO_REJECT_WITHOUT_AUTO_ADVANCE'
  | 'DUPLICATE_STAGE_NAME';

export interface PipelineProblem {
  readonly code: PipelineProblemCode;
  /** Plain words that name the stage and say how to fix it. */
  readonly message: string;
  readonly stage_id?: string;
  readonly stage_name?: string;
  /** A blocking problem stops participants from being enrolled. */
  readonly blocking: boolean;
}

/** What validation reads of a stage. */
export type ValidatedStage = Pick<
  EvaluationStage,
  'id' | 'stage_name' | 'stage_type' | 'agent_profile_id' | 'stage_order' | 'status' | 'automation_rule' | 'auto_reject'
>;

const FORMAT: Record<StageType, string> = {
  ai_interview: 'an AI interview',
  roleplay_simulation: 'a role-play simulation',
  practice_session: 'a practice session',
  manual_review: 'a manual review',
  async_assessment: 'an async assessment',
  final_review: 'a final review',
};

const about = (
  code: PipelineProblemCode,
  stage: ValidatedStage,
  message: string,
  blocking = true,
): PipelineProblem => ({
  code,
  message,
  stage_id: stage.id,
  stage_name: stage.stage_name,
  blocking,
});

/** Names that differ only in case or surrounding spaces read the same on a card, a board column or a portal. */
const sameName = (name: string) => name.trim().toLocaleLowerCase('en');

/**
 * Every problem that keeps the pipeline from running, at once (docs/rules.md#pipeline-validation), in pipeline order.
 * A stage's own settings matter only once it is active: parking an unfinished stage as draft is
 * the way to get on. Where a final review sits matters for draft stages too, since they keep their place.
 */
export function validatePipeline(stages: readonly ValidatedStage[]): PipelineProblem[] {
  const live = liveStages(stages);
  const problems: PipelineProblem[] = [];
  if (!live.some((s) => s.status === 'active')) {
    problems.push({
      code: 'NO_ACTIVE_STAGE',
      message: 'The pipeline has no active stage: add a stage or set a draft stage to active',
      blocking: true,
    });
  }
  let finalReviewSeen = false;
  const namesSeen = new Set<string>();
  live.forEach((stage, index) => {
    const name = `"${stage.stage_name}"`;
    const active = stage.status === 'active';
    // Not blocking: the pipeline runs, but people and timelines cannot tell the two stages apart.
    if (namesSeen.has(sameName(stage.stage_name))) {
      problems.push(
        about(
          'DUPLICATE_STAGE_NAME',
          stage,
          `${name} is the name of an earlier stage too: rename one, so people can tell them apart`,
          false,
        ),
      );
    }
    namesSeen.add(sameName(stage.stage_name));
    if (active && isAiRun(stage.stage_type) && !stage.agent_profile_id) {
      problems.push(
        about(
          'MISSING_INTERVIEWER',
          stage,
          `${name} is ${FORMAT[stage.stage_type]} with no agent profile: pick one or set it to draft`,
        ),
      );
    }
    if (stage.stage_type === 'final_review') {
      if (finalReviewSeen) {
        problems.push(
          about(
            'FINAL_REVIEW_TWICE',
            stage,
            `${name} is a second final review: a pipeline has at most one, so change its stage type or archive it`,
          ),
        );
      }
      if (index < live.length - 1) {
        problems.push(
          about('FINAL_REVIEW_NOT_LAST', stage, `${name} is a final review but not the last stage: move it to the end`),
        );
      }
      finalReviewSeen = true;
    }
    if (active && stage.auto_reject && stage.automation_rule !== 'auto_advance') {
      problems.push(
        about(
          'AUTO_REJECT_WITHOUT_AUTO_ADVANCE',
          stage,
          `${name} rejects automatically but does not advance automatically: set its automation rule to auto_advance or turn auto_reject off`,
        ),
      );
    }
  });
  return problems;
}

/** The first blocking problem as a PRECONDITION_FAILED error (enrollment refuses it), or undefined. */
export function firstBlockingProblem(stages: readonly ValidatedStage[]): DomainError | undefined {
  const blocking = validatePipeline(stages).filter((p) => p.blocking);
  const [first] = blocking;
  if (!first) return undefined;
  const more = blocking.length - 1;
  const suffix = more === 0 ? '' : ` (and ${more} more problem${more === 1 ? '' : 's'})`;
  return new DomainError('PRECONDITION_FAILED', `${first.message}${suffix}`);
}
