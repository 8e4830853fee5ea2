import { z } from 'zod';
import { optionalText } from '../schemas/common.ts';
import type { AutomationRule, StageType } from '../schemas/stage.ts';
import { PortalConsentState } from './consent.ts';
import type { PortalCopy } from './copy/en.ts';

/**
 * The notice a participant reads before an AI-run stage (docs/rules.md#consent-to-an-ai-run-stage):
 * that an AI interviewer runs it, what it looks at, how long it takes, who decides, how long the
 * transcript is kept, and how to ask for a person instead. Built here from the stage, its interviewer,
 * the template and the workspace's notice settings, as plain words in the participant's language (the
 * sentences are `copy.notice`); the portal only lays it out.
 */

/** The longest organisation name and contact text a workspace may set. */
export const NOTICE_ORGANIZATION_MAX = 200;
export const NOTICE_CONTACT_MAX = 500;
/** Ten years: anything longer is not a retention period. */
export const NOTICE_RETENTION_DAYS_MAX = 3650;

/** What a workspace says in every AI notice (docs/entities.md#portal-notice-settings). `null`: not set. */
export const PortalNoticeSettings = z.object({
  /** Who runs the evaluation, as participants know them; the workspace's name when unset. */
  organization: z.string().nullable(),
  /** How to reach a person: questions, or asking for a person to run a stage. */
  contact: z.string().nullable(),
  /** How many days the transcript of an AI-run session is kept; unset: a general sentence. */
  transcript_retention_days: z.int().nullable(),
  updated_at: z.string().nullable(),
  /** The actor who last saved them (`user:<id>`, `api_key:<id>`). */
  updated_by: z.string().nullable(),
});
export type PortalNoticeSettings = z.infer<typeof PortalNoticeSettings>;

/** The settings of a workspace that never saved any. */
export const DEFAULT_PORTAL_NOTICE_SETTINGS: PortalNoticeSettings = {
  organization: null,
  contact: null,
  transcript_retention_days: null,
  updated_at: null,
  updated_by: null,
};

/** Saving replaces the settings whole: a field left out, `""` or `null` is unset. */
export const UpdatePortalNoticeInput = z.strictObject({
  organization: optionalText(NOTICE_ORGANIZATION_MAX).nullable(),
  contact: optionalText(NOTICE_CONTACT_MAX).nullable(),
  transcript_retention_days: z
    .int('a whole number of days')
    .min(1, 'at least 1 day')
    .max(NOTICE_RETENTION_DAYS_MAX, `at most ${NOTICE_RETENTION_DAYS_MAX} days (ten years)`)
    .nullable()
    .optional(),
});
export type UpdatePortalNoticeInput = z.input<typeof UpdatePortalNoticeInput>;

/** The settings as stored after an update: blanks become `null`. */
export function portalNoticeSettings(
  input: z.output<typeof UpdatePortalNoticeInput>,
  saved: { readonly at: string; readonly by: string },
): PortalNoticeSettings {
  return {
    organization: input.organization || null,
    contact: input.contact || null,
    transcript_retention_days: input.transcript_retention_days ?? null,
    updated_at: saved.at,
    updated_by: saved.by,
  };
}

export const AiStageNotice = z.object({
  stage_name: z.string(),
  /** The stage type in plain words ("AI interview": `copy.stageTypes`). */
  stage_type: z.string(),
  /** The template's name: the evaluation the participant is in. */
  evaluation_name: z.string(),
  organization: z.string(),
  /** What happens in the stage and who runs it. */
  about: z.string(),
  /** The interviewer's dimensions: what the stage looks at. */
  evaluates: z.array(z.object({ name: z.string(), description: z.string() })),
  duration_minutes: z.number().nullable(),
  /** How long it takes, in a sentence. */
  duration: z.string(),
  /** Who decides what the result means, by the rules the participant is judged by at this stage. */
  review: z.string(),
  /** How long the transcript is kept. */
  retention: z.string(),
  /** That they may ask for a person to run the stage instead, and that nothing is held against them. */
  alternative: z.string(),
  /** How to reach the team. */
  contact: z.string(),
});
export type AiStageNotice = z.infer<typeof AiStageNotice>;

export interface NoticeFacts {
  readonly stage: {
    readonly stage_name: string;
    readonly stage_type: StageType;
    readonly duration_minutes?: number | undefined;
  };
  /** The rules the participant is judged by at the stage (their snapshot). */
  readonly rules: { readonly automation_rule: AutomationRule; readonly auto_reject: boolean };
  /** The stage's interviewer; `null` when it has none (an unfinished stage). */
  readonly interviewer: { readonly evaluation_dimensions: readonly { name: string; description?: string }[] } | null;
  readonly template: { readonly template_name: string };
  readonly workspace: { readonly name: string };
  readonly settings: PortalNoticeSettings;
}

/** What happens in a stage of this type, said after "In <stage>, part of <evaluation>, …". */
function whatHappens(type: StageType, words: PortalCopy['notice']['whatHappens']): string {
  switch (type) {
    case 'ai_interview':
    case 'roleplay_simulation':
    case 'practice_session':
      return words[type];
    default:
      return words.other;
  }
}

function review(org: string, rules: NoticeFacts['rules'], words: PortalCopy['notice']['review']): string {
  switch (rules.automation_rule) {
    case 'require_reviewer_approval':
      return words.approval(org);
    case 'none':
      return words.person(org);
    case 'auto_advance':
      return rules.auto_reject ? words.passMark(org) : words.passMarkThenPerson(org);
  }
}

/** The notice of an AI-run stage for one participant, in plain words in `copy`'s language. */
export function aiStageNotice(facts: NoticeFacts, copy: PortalCopy): AiStageNotice {
  const words = copy.notice;
  const { stage, settings } = facts;
  const org = settings.organization ?? facts.workspace.name;
  const minutes = stage.duration_minutes ?? null;
  const evaluates = (facts.interviewer?.evaluation_dimensions ?? []).map((d) => ({
    name: d.name,
    description: d.description ?? '',
  }));
  return {
    stage_name: stage.stage_name,
    stage_type: copy.stageTypes[stage.stage_type],
    evaluation_name: facts.template.template_name,
    organization: org,
    about: words.about(
      stage.stage_name,
      facts.template.template_name,
      whatHappens(stage.stage_type, words.whatHappens),
      evaluates.length > 0,
    ),
    evaluates,
    duration_minutes: minutes,
    duration: words.duration(minutes),
    review: review(org, facts.rules, words.review),
    retention: words.retention(org, settings.transcript_retention_days),
    alternative: words.alternative(org),
    contact: words.contact(org, settings.contact),
  };
}

/**
 * What `GET /api/portal/v1/consent` answers (and `POST` after an answer): the participant's current
 * AI-run stage, where they stand with its notice, and the notice itself. `stage_id` is what the answer
 * sends back, so that it lands on the stage they read about.
 */
export const PortalConsentView = z.object({
  stage_id: z.string(),
  consent: PortalConsentState,
  notice: AiStageNotice,
});
export type PortalConsentView = z.infer<typeof PortalConsentView>;
