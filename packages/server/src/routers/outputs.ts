/**
 * The answers of the procedures that read or run participants, declared from the domain's entity
 * schemas: tRPC checks every answer against them (a row never leaves unshaped), the typed client
 * infers from them, and the OpenAPI document shows them. `id`s name them as components there.
 */
import {
  AgentProfile as AgentProfileEntity,
  AvailableActions as AvailableActionsShape,
  Decision as DecisionEntity,
  DomainEvent,
  EvaluationStage as EvaluationStageEntity,
  EvaluationTemplate as EvaluationTemplateEntity,
  MailQueued as MailQueuedShape,
  ParticipantOutlook as ParticipantOutlookEntity,
  ParticipantSummary as ParticipantSummaryShape,
  ParticipantView as ParticipantViewShape,
  PortalLinkState as PortalLinkStateShape,
  ScoringReport as ScoringReportShape,
  SessionAnswers as SessionAnswersShape,
  Session as SessionEntity,
} from '@stageflow/domain';
import { z } from 'zod';

export const EvaluationTemplate = EvaluationTemplateEntity.meta({ id: 'EvaluationTemplate' });
export const EvaluationStage = EvaluationStageEntity.meta({ id: 'EvaluationStage' });
export const AgentProfile = AgentProfileEntity.meta({ id: 'AgentProfile' });
export const Session = SessionEntity.meta({ id: 'Session' });
export const Decision = DecisionEntity.meta({ id: 'Decision' });
export const Event = DomainEvent.meta({ id: 'Event' });
export const SessionAnswers = SessionAnswersShape.meta({ id: 'SessionAnswers' });
export const MailQueued = MailQueuedShape.meta({ id: 'MailQueued' });

/** A template in the list, with its live stages' names in order. */
export const TemplateListItem = EvaluationTemplate.extend({
  stage_count: z.number(),
  stage_names: z.array(z.string()),
  /** Its pipeline can take participants: no blocking problem (docs/rules.md#pipeline-validation). */
  runnable: z.boolean(),
  /** How many blocking problems keep it from taking participants (`stages.validate` lists them). */
  problems: z.number(),
}).meta({ id: 'TemplateListItem' });

/**
 * Who uses a live stage, and what that leaves possible: the domain's refusal when archiving or deleting
 * it would be refused now (docs/rules.md#archiving-and-deleting-a-stage), `null` when it would not.
 */
export const StageUsage = z
  .object({
    stage_id: z.string(),
    /** Active participants in the stage now: while there are any it cannot be archived. */
    active_participants: z.number(),
    /** Progress and session records that point at the stage: while there are any it cannot be deleted. */
    participant_records: z.number(),
    archive_refused: z.string().nullable(),
    delete_refused: z.string().nullable(),
  })
  .meta({ id: 'StageUsage' });

export const TemplateWithStages = EvaluationTemplate.extend({ stages: z.array(EvaluationStage) }).meta({
  id: 'TemplateWithStages',
});

/** A stage in the seed's JSON shape, as export gives it and import takes it. */
export const ExportedStage = EvaluationStageEntity.omit({
  id: true,
  evaluation_template_id: true,
  created_at: true,
  updated_at: true,
})
  .extend({ stage_order: z.number(), status: z.enum(['draft', 'active']) })
  .meta({ id: 'ExportedStage' });

/** A participant as lists and cards show them: where they stand at their current stage. */
export const ParticipantSummary = ParticipantSummaryShape.meta({ id: 'ParticipantSummary' });

export const ParticipantPage = z
  .object({
    items: z.array(ParticipantSummary),
    /** Pass as `cursor` for the next page; null on the last one. */
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'ParticipantPage' });

/** A CSV file and its name; REST sends `csv` itself as the answer (`text/csv`). */
export const ParticipantExport = z
  .object({
    filename: z.string(),
    csv: z.string(),
    /** How many participants it holds. */
    rows: z.number(),
    /** More matched than one export holds (MAX_EXPORT_ROWS): narrow the filters. */
    truncated: z.boolean(),
  })
  .meta({ id: 'ParticipantExport' });

/** A participant with their progress through the stages, sessions and decisions. */
export const ParticipantView = ParticipantViewShape.meta({ id: 'ParticipantView' });

/** What the rules allow right now (`domain/progression/available-actions.ts`). */
export const AvailableActions = AvailableActionsShape.meta({ id: 'AvailableActions' });

/** What the rules say about a participant at their stage (`domain/progression/outlook.ts`). */
export const ParticipantOutlook = ParticipantOutlookEntity.meta({ id: 'ParticipantOutlook' });

/** A participant's newest portal link as staff see it: never the token (docs/entities.md#portal-link). */
export const PortalLinkState = PortalLinkStateShape.meta({ id: 'PortalLinkState' });

/** A link just made: the token and the URL that carries it are in this answer only. */
export const PortalLinkCreated = z
  .object({ url: z.string(), token: z.string(), expires_at: z.string(), portal_link: PortalLinkState })
  .meta({ id: 'PortalLinkCreated' });

/**
 * A session the participant is done with that waits for a reviewer's score (the interviewer could not
 * score it: docs/rules.md#when-the-interviewer-cannot-score): the inbox lists these beside the decisions.
 */
export const AwaitingScoreItem = z
  .object({
    session_id: z.string(),
    participant_id: z.string(),
    participant_name: z.string(),
    participant_email: z.string(),
    evaluation_template_id: z.string(),
    stage_id: z.string(),
    stage_name: z.string(),
    attempt: z.int(),
    /** What the participant gave: an interview that ended (`sessions.transcript`), or submitted answers (`sessions.answers`). */
    record: z.enum(['interview', 'answers']),
    /** When they were done. */
    done_at: z.string(),
  })
  .meta({ id: 'AwaitingScoreItem' });

/**
 * The participant page: the view, the actions allowed now, and the outlook (`null` once they are in no
 * stage). Their timeline is paged on its own (`TimelinePage`).
 */
export const ParticipantDetail = ParticipantView.extend({
  actions: AvailableActions.optional(),
  outlook: ParticipantOutlook.nullable(),
  /** Their newest portal link, whatever its status; null when they never had one. */
  portal_link: PortalLinkState.nullable(),
  /** Their sessions that wait for a reviewer's score beside the record (docs/rules.md#when-the-interviewer-cannot-score). */
  awaiting_score: z.array(z.string()),
}).meta({ id: 'ParticipantDetail' });

/** A portal link made and emailed: the link (shown this once) and its message in the outbox. */
export const PortalLinkSent = PortalLinkCreated.extend({ mail: MailQueued }).meta({ id: 'PortalLinkSent' });

/** An enrolment's answer: the participant, and the link emailed to them when `send_portal_link` asked. */
export const EnrolledParticipant = ParticipantView.extend({
  portal_link_sent: z.object({ url: z.string(), expires_at: z.string(), mail: MailQueued }).optional(),
}).meta({ id: 'EnrolledParticipant' });

export const BulkCreateResult = z
  .object({
    created: z.array(
      z.object({
        index: z.number(),
        id: z.string(),
        email: z.string(),
        /** The message with their portal link, when `send_portal_link` asked for it. */
        portal_link_mail: MailQueued.optional(),
      }),
    ),
    skipped: z.array(z.object({ index: z.number(), email: z.string().nullable(), reason: z.string() })),
  })
  .meta({ id: 'BulkCreateResult' });

/** Every session command answers with the session and where its participant now stands. */
export const SessionResult = z.object({ session: Session, participant: ParticipantView }).meta({ id: 'SessionResult' });

/** What asking the interviewer to score did (docs/rules.md#scoring-with-evidence). */
export const ScoringReport = ScoringReportShape.meta({ id: 'ScoringReport' });

/** The session after scoring, where its participant stands, and whether the interviewer scored it. */
export const ScoreResult = z
  .object({ session: Session, participant: ParticipantView, scoring: ScoringReport })
  .meta({ id: 'ScoreResult' });

/** A decision in the reviewers' inbox, with what to judge it by. */
export const DecisionListItem = Decision.extend({
  participant_name: z.string(),
  participant_email: z.string(),
  evaluation_template_id: z.string(),
  overall_score: z.number().nullable(),
  threshold_applied: z.number().nullable(),
  /** For a `scorecard_needs_review` decision: the dimensions no quote of the participant backs. */
  unverified_dimensions: z.array(z.string()),
}).meta({ id: 'DecisionListItem' });

export const DecisionResult = z
  .object({ decision: Decision, participant: ParticipantView })
  .meta({ id: 'DecisionResult' });

/** A page of a participant's timeline, newest first. */
export const TimelinePage = z
  .object({
    items: z.array(Event),
    /** Pass as `cursor` for the next (older) page; null on the last one. */
    next_cursor: z.number().nullable(),
  })
  .meta({ id: 'TimelinePage' });

export const EventPage = z
  .object({
    items: z.array(Event),
    /** Pass as `before_seq` for the next (older) page; null on the last one. */
    next_before_seq: z.number().nullable(),
  })
  .meta({ id: 'EventPage' });
