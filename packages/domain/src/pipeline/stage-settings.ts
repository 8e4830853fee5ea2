import type { z } from 'zod';
import { badInput, conflict, type DomainError } from '../errors.ts';
import { applyPatch } from '../patch.ts';
import { DEFAULT_DIFFICULTY, DEFAULT_DURATION_MINUTES, type Difficulty } from '../schemas/common.ts';
import { type Question, type QuestionInput, questionSetIssue, withQuestionIds } from '../schemas/question-set.ts';
import {
  type CreateStageInput,
  DEFAULT_STAGE_TYPE,
  type EvaluationStage,
  retakeIssue,
  type UpdateStageInput,
} from '../schemas/stage.ts';
import { titleCase } from './names.ts';

/** Everything a stage is configured with, apart from identity, place in the order and timestamps. */
export type StageSettings = Omit<
  EvaluationStage,
  'id' | 'evaluation_template_id' | 'stage_order' | 'created_at' | 'updated_at'
>;

/** Fields whose questions have their ids: what the pipeline rules take (`withStageQuestionIds`). */
export type WithQuestionIds<T> = Omit<T, 'question_set'> & { question_set?: Question[] | undefined };

/** The create fields: the place in the order is `insertStage`'s business, not a setting. */
export type NewStageInput = WithQuestionIds<
  Omit<z.output<typeof CreateStageInput>, 'evaluation_template_id' | 'expected_version' | 'stage_order'>
>;

/** An update: keys left out (undefined) keep their value; `agent_profile_id: null` clears it. */
export type StagePatch = WithQuestionIds<
  Omit<z.output<typeof UpdateStageInput>, 'id' | 'expected_version' | 'stage_order'>
>;

/**
 * Gives every question of a stage's fields an id (`newId` for those sent without one), so the rules
 * below only ever see stored-shape questions. The caller supplies `newId`: the domain makes no ids.
 */
export function withStageQuestionIds<T extends { question_set?: z.output<typeof QuestionInput>[] | undefined }>(
  fields: T,
  newId: () => string,
): WithQuestionIds<T> {
  const { question_set, ...rest } = fields;
  return question_set === undefined ? rest : { ...rest, question_set: withQuestionIds(question_set, newId) };
}

/** What a stage inherits from its template when the caller leaves it out. */
export interface TemplateDefaults {
  readonly default_duration_minutes?: number | undefined;
  readonly default_difficulty?: Difficulty | undefined;
}

const DEFAULT_ATTEMPTS_WITH_RETAKES = 2;

/** A stage's full settings from its create fields and its template's defaults (docs/entities.md#evaluation-stage). */
export function resolveNewStage(input: NewStageInput, template: TemplateDefaults): StageSettings {
  const allowRetake = input.allow_retake ?? false;
  return {
    type: input.type,
    stage_name: input.stage_name ?? titleCase(input.type),
    stage_type: input.stage_type ?? DEFAULT_STAGE_TYPE,
    agent_profile_id: input.agent_profile_id ?? null,
    duration_minutes: input.duration_minutes ?? template.default_duration_minutes ?? DEFAULT_DURATION_MINUTES,
    difficulty: input.difficulty ?? template.default_difficulty ?? DEFAULT_DIFFICULTY,
    pass_threshold: input.pass_threshold ?? null,
    allow_retake: allowRetake,
    // The create schema refuses max_attempts ≠ 1 without retakes, so only the retake case reads it.
    max_attempts: allowRetake ? (input.max_attempts ?? DEFAULT_ATTEMPTS_WITH_RETAKES) : 1,
    retake_cooldown_hours: input.retake_cooldown_hours ?? 0,
    automation_rule: input.automation_rule ?? 'none',
    auto_reject: input.auto_reject ?? false,
    status: input.status ?? 'active',
    question_set: input.question_set ?? [],
  };
}

/**
 * The settings keys, listed once. The `Record` makes the compiler flag a setting added to the
 * schema but forgotten here; merging only these keys means a caller that passes a whole parsed
 * update (with `id`, `stage_order`, …) cannot overwrite the stage's identity or place.
 */
const SETTING_KEYS = Object.keys({
  type: true,
  stage_name: true,
  stage_type: true,
  agent_profile_id: true,
  duration_minutes: true,
  difficulty: true,
  pass_threshold: true,
  allow_retake: true,
  max_attempts: true,
  retake_cooldown_hours: true,
  automation_rule: true,
  auto_reject: true,
  status: true,
  question_set: true,
} satisfies Record<keyof StageSettings, true>) as (keyof StageSettings)[];

/**
 * Merges an update into a stage (or its settings) and returns the same shape.
 * Toggling retakes carries max_attempts along, the way a form that shows the disabled field expects:
 * turning them off makes it 1; turning them on makes a 1 (or a missing value) 2. Any other
 * combination is checked as given, so `{ max_attempts: 3 }` without retakes is a BAD_REQUEST.
 */
export function applyStagePatch<S extends StageSettings>(stage: S, patch: StagePatch): S | DomainError {
  if (stage.status === 'archived' && patch.status !== undefined) {
    // Bringing a stage back would need a place in the order, which only insertStage gives.
    return conflict(`Stage "${stage.stage_name}" is archived: its status cannot change`);
  }
  const settingsPatch = Object.fromEntries(SETTING_KEYS.map((key) => [key, patch[key]])) as Partial<StageSettings>;
  // applyPatch copies the whole stage, so the keys of S beyond the settings come through untouched.
  const merged = { ...applyPatch<StageSettings>(stage, settingsPatch), max_attempts: attemptsAfter(stage, patch) } as S;
  const issue = retakeIssue(merged) ?? questionSetIssue(merged.stage_type, merged.question_set);
  return issue ? badInput(issue.path, issue.message) : merged;
}

/** The rules fields a rule simulation may change (docs/rules.md#rule-simulation); left out: kept. */
export type RulesChange = Partial<
  Pick<StageSettings, 'pass_threshold' | 'automation_rule' | 'allow_retake' | 'max_attempts' | 'auto_reject'>
>;

/**
 * Rules (a participant's snapshot) with a change merged in the way `applyStagePatch` merges it into the stage,
 * retakes carrying `max_attempts` along: what the participant would have been judged by had the stage been
 * edited so before they entered it.
 */
export function patchRules<R extends Pick<StageSettings, keyof RulesChange>>(rules: R, change: RulesChange): R {
  const merged = { ...rules };
  for (const key of ['pass_threshold', 'automation_rule', 'allow_retake', 'auto_reject'] as const) {
    if (change[key] !== undefined) Object.assign(merged, { [key]: change[key] });
  }
  return { ...merged, max_attempts: attemptsAfter(rules, change) };
}

type Attempts = Pick<StageSettings, 'allow_retake' | 'max_attempts'>;

function attemptsAfter(stage: Attempts, patch: Partial<Attempts>): number {
  const toggled = patch.allow_retake !== undefined && patch.allow_retake !== stage.allow_retake;
  if (!toggled) return patch.max_attempts ?? stage.max_attempts;
  if (!patch.allow_retake) return 1;
  return patch.max_attempts === undefined || patch.max_attempts === 1
    ? DEFAULT_ATTEMPTS_WITH_RETAKES
    : patch.max_attempts;
}
