import { z } from 'zod';
import { Decision, ParticipantStatus, SessionStatus } from '../progression/entities.ts';
import { Uuid } from '../schemas/common.ts';
import { EvaluationStage, StageType } from '../schemas/stage.ts';

/**
 * What a webhook endpoint can hear about (docs/webhooks.md#event-types): hierarchical, full-stop
 * delimited names as the Standard Webhooks specification recommends. Each has one payload schema
 * below, which the OpenAPI document publishes under `webhooks`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'participant.enrolled',
  'participant.advanced',
  'participant.rejected',
  'participant.completed',
  'participant.withdrawn',
  'session.scheduled',
  'session.completed',
  'decision.opened',
  'decision.decided',
  'stage.created',
  'stage.updated',
  'stage.archived',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** Sent only by Send test event, to the one endpoint it was asked for; never subscribed to. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';
/** Every type a delivery can carry: the subscribable ones and the test event. */
export type WebhookMessageType = WebhookEventType | typeof WEBHOOK_TEST_EVENT_TYPE;

/** One webhook as sent: the body is exactly `{ type, timestamp, data }`, serialized once and signed as is. */
export interface WebhookEvent {
  readonly type: WebhookMessageType;
  /** When what it reports happened (not when it is delivered). */
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The participant as every participant-related webhook carries them: who, where, and how they stand. */
export const WebhookParticipant = z
  .object({
    id: Uuid,
    evaluation_template_id: Uuid,
    external_id: z.string().nullable().meta({ description: 'Your own id for them (an ATS id), if you gave one' }),
    name: z.string(),
    email: z.string(),
    status: ParticipantStatus,
    current_stage_id: Uuid.nullable(),
    tags: z.array(z.string()),
    recommendation: z.string().nullable(),
  })
  .meta({ id: 'WebhookParticipant' });
export type WebhookParticipant = z.infer<typeof WebhookParticipant>;

const StageRef = z.object({ id: Uuid, stage_name: z.string(), stage_type: StageType }).meta({ id: 'WebhookStageRef' });

export const WebhookSession = z
  .object({
    id: Uuid,
    stage_id: Uuid,
    attempt: z.int(),
    status: SessionStatus,
    scheduled_at: z.string(),
    timezone: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
  })
  .meta({ id: 'WebhookSession' });

const Trigger = z
  .enum(['automation', 'decision', 'final_review', 'manual'])
  .meta({ description: 'What made it happen: an automation rule, a decision, a final review, or a person by hand' });
const Actor = z.string().meta({
  description: 'Who did it: `user:<id>`, `api_key:<id>`, `participant:<id>` or `system` (an automation rule)',
});

/** The `data` of each type, as a zod schema: what receivers may rely on. */
export const WEBHOOK_DATA = {
  'participant.enrolled': z.object({ participant: WebhookParticipant, stage: StageRef.nullable(), actor: Actor }),
  'participant.advanced': z.object({
    participant: WebhookParticipant,
    from_stage_id: Uuid,
    stage: StageRef,
    trigger: Trigger,
    actor: Actor,
  }),
  'participant.rejected': z.object({
    participant: WebhookParticipant,
    stage_id: Uuid,
    trigger: Trigger,
    recommendation: z.string(),
    note: z.string().nullable(),
    actor: Actor,
  }),
  'participant.completed': z.object({
    participant: WebhookParticipant,
    stage_id: Uuid,
    trigger: Trigger,
    recommendation: z.string(),
    note: z.string().nullable(),
    actor: Actor,
  }),
  'participant.withdrawn': z.object({
    participant: WebhookParticipant,
    stage_id: Uuid,
    note: z.string().nullable(),
    actor: Actor,
  }),
  'session.scheduled': z.object({ participant: WebhookParticipant, session: WebhookSession, actor: Actor }),
  'session.completed': z.object({
    participant: WebhookParticipant,
    session: WebhookSession,
    result: z.object({
      overall_score: z.number(),
      passed: z.boolean(),
      threshold_applied: z.number().nullable(),
    }),
    actor: Actor,
  }),
  'decision.opened': z.object({ participant: WebhookParticipant, decision: Decision, actor: Actor }),
  'decision.decided': z.object({ participant: WebhookParticipant, decision: Decision, actor: Actor }),
  'stage.created': z.object({ stage: EvaluationStage }),
  'stage.updated': z.object({
    stage: EvaluationStage,
    changed: z.array(z.string()).meta({ description: 'The fields that changed (`stage_order` after a reorder)' }),
  }),
  'stage.archived': z.object({ stage: EvaluationStage }),
} satisfies Record<WebhookEventType, z.ZodType>;

export const WEBHOOK_TEST_DATA = z.object({
  endpoint_id: Uuid,
  message: z.string(),
});

/** What each type means, for the OpenAPI document and the endpoint form. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'participant.enrolled': 'A participant was enrolled in a template (`stage`: the first stage they entered).',
  'participant.advanced': 'A participant moved on to the next stage.',
  'participant.rejected': 'A participant was rejected: their evaluation ended with the negative outcome.',
  'participant.completed': 'A participant completed the last stage: their evaluation ended with the positive outcome.',
  'participant.withdrawn': 'A participant was withdrawn, by staff or by themselves in their portal.',
  'session.scheduled': 'A session was scheduled (or started at once by the participant).',
  'session.completed': 'A session was scored: `result` has the overall score and whether it passed.',
  'decision.opened': 'A decision is waiting for a reviewer.',
  'decision.decided': 'A reviewer decided a decision.',
  'stage.created': 'A stage was added to a template (also by import and by copying a template).',
  'stage.updated': "A stage's settings or place changed: `changed` names the fields.",
  'stage.archived': 'A stage was archived: nobody enters it any more.',
};

/** Whether an endpoint subscribed to `type`: an empty list means every type. */
export const endpointWants = (eventTypes: readonly string[], type: WebhookMessageType): boolean =>
  eventTypes.length === 0 || eventTypes.includes(type);
