import { z } from 'zod';
import { EvaluationStage } from './outputs.ts';

/** What every change to a pipeline answers: the live stages in order and the template's new version. */
export const PipelineResult = z
  .object({
    version: z.number(),
    stages: z.array(EvaluationStage),
    /** The stage the change was about, when there was one. */
    stage: EvaluationStage.optional(),
    /** On stage edits: active participants in the stage, who keep the rules they entered with. */
    participants_in_flight: z.number().optional(),
  })
  .meta({ id: 'PipelineResult' });
export type PipelineResult = z.infer<typeof PipelineResult>;
