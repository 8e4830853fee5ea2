import { z } from 'zod';
import { optionalText } from '../schemas/common.ts';
import type { AutomationRule, StageType } from '../schemas/stage.ts';
import { PortalConsentState } from './consent.ts';
import { STAGE_TYPE_WORDS } from './view.ts';

/**
 * The notice a participant reads before an AI-run stage (docs/rules.md#consent-to-an-ai-run-stage):
 * that an AI interviewer runs it, what it looks at, how long it takes, who decides, how long the
 * transcript is kept, and how to ask for a person instead. Built here from the stage, its interviewer,
 * the template and the workspace's notice settings, as plain words; the portal only lays it out.
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
  /** The stage type in plain words ("AI interview"). */
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

const WHAT_HAPPENS: Partial<Record<StageType, string>> = {
  ai_interview: 'an AI interviewer asks you questions',
  roleplay_simulation: 'an AI plays a part in a role-play with you',
  practice_session: 'an AI runs a practice session with you',
};

function review(org: string, rules: NoticeFacts['rules']): string {
  switch (rules.automation_rule) {
    case 'require_reviewer_approval':
      return `A person from ${org} reviews your result before anything is decided. The AI interviewer's scores are there to help them, not to decide.`;
    case 'none':
      return `A person from ${org} looks at your result and decides what comes next. The AI interviewer's scores are there to help them, not to decide.`;
    case 'auto_advance':
      return rules.auto_reject
        ? `Your result is compared with the pass mark ${org} set, and that decides whether you move on. People from ${org} can see every result and the transcript.`
        : `If your result reaches the pass mark ${org} set, you move on straight away. If it does not, no decision is made against you until a person from ${org} has reviewed it.`;
  }
}

/** The notice of an AI-run stage for one participant, in plain words. */
export function aiStageNotice(facts: NoticeFacts): AiStageNotice {
  const { stage, settings } = facts;
  const org = settings.organization ?? facts.workspace.name;
  const minutes = stage.duration_minutes ?? null;
  const days = settings.transcript_retention_days;
  const evaluates = (facts.interviewer?.evaluation_dimensions ?? []).map((d) => ({
    name: d.name,
    description: d.description ?? '',
  }));
  return {
    stage_name: stage.stage_name,
    stage_type: STAGE_TYPE_WORDS[stage.stage_type],
    evaluation_name: facts.template.template_name,
    organization: org,
    about: `In ${stage.stage_name}, part of ${facts.template.template_name}, ${WHAT_HAPPENS[stage.stage_type] ?? 'an AI interviewer runs the session with you'}. It is a computer program, not a person. What you say is written down as a transcript${evaluates.length > 0 ? ', and the AI scores your answers on the points below' : ''}.`,
    evaluates,
    duration_minutes: minutes,
    duration: minutes === null ? 'The team will tell you how long it takes.' : `It takes about ${minutes} minutes.`,
    review: review(org, facts.rules),
    retention:
      days === null
        ? `${org} keeps the transcript with your evaluation only for as long as they need it to make their decision. Ask them if you want to know more.`
        : `${org} keeps the transcript of your session for ${days} ${days === 1 ? 'day' : 'days'}.`,
    alternative: `You do not have to take this stage with an AI. If you would rather speak with a person, say so below: someone from ${org} will run the stage with you instead and be in touch. Nothing is held against you, and it does not use one of your attempts.`,
    contact: settings.contact
      ? `Questions? ${settings.contact}`
      : `Questions? Reply to the message your link came in, or contact the team at ${org} that invited you.`,
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
