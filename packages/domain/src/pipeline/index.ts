export { editStage } from './edit.ts';
export { type ImportMode, type ImportProblem, importProblems, importStages } from './import-stages.ts';
export { checkInterviewer, type InterviewerCandidate } from './interviewer.ts';
export { titleCase, typeFromName } from './names.ts';
export {
  addStage,
  copyLiveStages,
  type NewStageIdentities,
  type NewStageIdentity,
  newStage,
  type PipelineSnapshot,
} from './new-stage.ts';
export {
  archiveRefusal,
  archiveStage,
  changedStages,
  deleteRefusal,
  insertStage,
  liveStages,
  MAX_LIVE_STAGES,
  moveStage,
  type OrderedStage,
  removeStage,
  reorderStages,
} from './ordering.ts';
export { type ExportedStage, exportPipeline, importOrder, type PlannedStage, planImport } from './portable.ts';
export { checkQuestionDimensions, type DimensionSource } from './question-dimensions.ts';
export { SEED_EXAMPLE_STAGES } from './seed-example.ts';
export {
  applyStagePatch,
  type NewStageInput,
  patchRules,
  type RulesChange,
  resolveNewStage,
  type StagePatch,
  type StageSettings,
  type TemplateDefaults,
  type WithQuestionIds,
  withStageQuestionIds,
} from './stage-settings.ts';
export {
  firstBlockingProblem,
  type PipelineProblem,
  type PipelineProblemCode,
  type ValidatedStage,
  validatePipeline,
} from './validate.ts';
