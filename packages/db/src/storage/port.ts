/**
 * The storage port: what the application layer (packages/server/src/application) asks of an engine.
 * Each method is ONE transaction that loads what a command needs, hands it to a pure `step` the
 * application supplies (the domain decides there), and stores what the step returned. The engine
 * owns the transaction and the rows; the step owns every product decision.
 *
 * Methods answer `MaybePromise`: the better-sqlite3 engine runs synchronously inside an `immediate`
 * transaction (docs/decisions/003-synchronous-sqlite-transactions.md); an asynchronous engine
 * (PostgreSQL) implements the same methods with promises, and the callers, which `await`, do not change.
 * Steps are synchronous and pure, so either engine can call them inside its transaction.
 */
import type {
  AgentProfile,
  AnswerFacts,
  AnswerSubmission,
  BulkActionItem,
  DeliveryAfterAttempt,
  DomainError,
  EndpointAfterAttempt,
  EvaluationStage,
  EvaluationTemplate,
  MailSettlement,
  Membership,
  ParticipantEvent,
  ParticipantState,
  PortalLinkEvent,
  PortalLinkRecord,
  PortalLinkStatus,
  PortalNoticeSettings,
  RoleAssignment,
  SavedAnswer,
  SelfIdentificationEvent,
  SelfIdentificationRecord,
  StoredTurn,
  WebhookEndpointRecord,
  WebhookEvent,
} from '@stageflow/domain';
import type { Lease } from '../leases.ts';
import type { Reads, SnapshotWork } from '../reads.ts';
import type { ApiKeySummary, NewApiKey } from '../repositories/api-keys.ts';
import type { NewBulkAction, PendingBulkItem } from '../repositories/bulk-actions.ts';
import type { InterviewerModelRecord } from '../repositories/interviewer-models.ts';
import type { ClaimedMail, NewMail, WorkspaceAdmin } from '../repositories/mail.ts';
import type { WorkspaceEvent } from '../repositories/member-grants.ts';
import type { NewPortalLink, PortalParticipant } from '../repositories/portal-links.ts';
import type { AttemptRecord, ClaimedDelivery } from '../repositories/webhooks/outbox.ts';

export type MaybePromise<T> = T | Promise<T>;

/** A command runs on an existing participant, or on a template for an enrolment. */
export type CommandTarget = { readonly participantId: string } | { readonly templateId: string };

export interface LoadedState {
  readonly state: ParticipantState;
  /** The participant row's version when loaded; `null` before enrolment. */
  readonly version: number | null;
}

/** A retried request with the same key gets the first answer; the same key on another request is refused. */
export interface Idempotency {
  readonly key: string;
  /** The operation the key was first used for, e.g. `sessions.schedule`. */
  readonly scope: string;
  readonly request: unknown;
  readonly now: string;
}

/** What a participant step is given. */
export interface ParticipantFacts {
  readonly loaded: LoadedState;
  /** When the unit named an `email`: the template's name if another of its participants uses it, else null. */
  readonly emailTakenIn: string | null;
}

/** What a participant step decided: the state to store, the events to append, and the caller's answer. */
export interface ParticipantOutcome<A> {
  readonly state: ParticipantState;
  /** Appended to the audit log in the same transaction; empty when the command changed nothing. */
  readonly emitted: readonly ParticipantEvent[];
  readonly answer: A;
  /** A portal link made with the command (enrolment that sends one), stored after the participant. */
  readonly portalLink?: { readonly insert: NewPortalLink; readonly events: readonly PortalLinkEvent[] } | undefined;
  /** Mail the command causes, written to the outbox in the same transaction (docs/mail.md). */
  readonly mail?: readonly NewMail[] | undefined;
}

export interface ParticipantUnit<A> {
  readonly target: CommandTarget;
  /** Checked for uniqueness within the template in the same transaction (enrolment, email change). */
  readonly email?: string | undefined;
  readonly idempotency?: Idempotency | undefined;
  readonly step: (facts: ParticipantFacts) => ParticipantOutcome<A> | DomainError;
}

/**
 * Who uses a stage: while participants are in it, it cannot be archived; while any rows reference it
 * (progress, sessions), it cannot be deleted.
 */
export interface StageUsage {
  readonly activeParticipants: number;
  readonly references: number;
}

/** Another template of the workspace, as the name rule reads it (docs/rules.md#template-names). */
export interface TemplateNameFact {
  readonly id: string;
  readonly template_name: string;
  readonly status: EvaluationTemplate['status'];
}

/** A template with every stage: live ones first in order, then archived ones. */
export interface Pipeline {
  readonly template: EvaluationTemplate;
  readonly stages: readonly EvaluationStage[];
}

/** Insert a new record, or change one through a pure step: the shape of the simple aggregates. */
export interface RecordStore<T> {
  insert(workspaceId: string, record: T): MaybePromise<T>;
  /** Loads the record (NOT_FOUND when it is not the workspace's), steps, stores what the step returned. */
  change(workspaceId: string, id: string, step: (before: T) => T | DomainError): MaybePromise<T | DomainError>;
}

/** What a step over an API key decided: the key's new end, and a key to issue beside it (a roll). */
export interface ApiKeyChange {
  readonly revoked_at?: string;
  readonly expires_at?: string;
  readonly issue?: NewApiKey;
}

/** What a portal link step is given: the participant (NOT_FOUND before the step when not the workspace's) and their newest link. */
export interface PortalLinkFacts {
  readonly participant: PortalParticipant;
  readonly current: PortalLinkRecord | null;
}

/** What a portal link step decided: a link to revoke, a link to insert, the events to append. */
export interface PortalLinkChange {
  readonly revoke: { readonly id: string; readonly revoked_at: string } | null;
  readonly insert?: NewPortalLink;
  readonly events: readonly PortalLinkEvent[];
  /** Mail the change causes (the link, emailed), written to the outbox in the same transaction. */
  readonly mail?: readonly NewMail[];
}

/** One person of a bulk send of the portal link: the change to store (none when refused) and their line. */
export interface BulkLinkStep {
  readonly change: PortalLinkChange | null;
  readonly line: BulkActionItem;
}

/** Opening a link: refused (unknown token, expired, revoked), or opened, with whose it is. */
export type PortalLinkOpening =
  | { readonly refused: 'unknown' | PortalLinkStatus }
  | { readonly link: PortalLinkRecord; readonly participant: PortalParticipant };

/** What an answers step is given: the participant (as a command loads them) and the session's answers. */
export interface AnswersFacts extends AnswerFacts {
  readonly loaded: LoadedState;
}

/**
 * What an answers step decided: answers to save, a submission to record, and the events to append
 * with the participant's state after them (docs/rules.md#written-assessments).
 */
export interface AnswersChange<A> {
  readonly save: readonly SavedAnswer[];
  readonly submission: AnswerSubmission | null;
  readonly state: ParticipantState;
  readonly emitted: readonly ParticipantEvent[];
  readonly answer: A;
}

/** What an interview step is given: the participant's state and the session's turns, loaded together. */
export interface InterviewFacts {
  readonly loaded: LoadedState;
  readonly turns: readonly StoredTurn[];
}

/** What an interview step decided: the turns to append after the last one, and the caller's answer. */
export interface InterviewAppend<A> {
  readonly append: readonly StoredTurn[];
  readonly answer: A;
}

/** What a self-identification step is given: the participant (NOT_FOUND before the step when not the workspace's) and their answers on record. */
export interface SelfIdentificationFacts {
  readonly participant: PortalParticipant;
  readonly current: SelfIdentificationRecord | null;
}

/** What a self-identification step decided: the row to store (null: unchanged) and the events to append. */
export interface SelfIdentificationStore {
  readonly record: SelfIdentificationRecord | null;
  readonly events: readonly SelfIdentificationEvent[];
}

/** What a grant step is given: the member (null when the user is not one) and whether they hold the scope now. */
export interface MemberGrantFacts {
  readonly member: { readonly role: string } | null;
  readonly current: boolean;
}

/** What a grant step decided: grant the scope, take it back, or nothing; and the workspace events to append. */
export interface MemberGrantChange {
  readonly change: 'grant' | 'revoke' | null;
  readonly events: readonly WorkspaceEvent[];
}

/** What an attempt's answer does to its delivery and its endpoint: the domain's `afterAttempt`. */
export interface WebhookAttemptOutcome {
  readonly delivery: DeliveryAfterAttempt;
  readonly endpoint: EndpointAfterAttempt;
}

/** An attempt as stored: `recorded` false when the lease was lost meanwhile; the endpoint if this disabled it. */
/** An endpoint a settlement just disabled, and who to tell: its workspace's admins and owners. */
export interface DisabledEndpointFacts {
  readonly endpoint: WebhookEndpointRecord & { readonly workspace_id: string };
  readonly admins: readonly WorkspaceAdmin[];
}

export interface WebhookSettlement {
  readonly recorded: boolean;
  readonly disabled: (WebhookEndpointRecord & { readonly workspace_id: string }) | null;
}

export interface StoragePort {
  /** Every repository's reads, one statement (or one engine call) each, outside any snapshot (reads.ts). */
  readonly reads: Reads;
  /** Reads that must agree with each other, in one snapshot: a deferred transaction, or REPEATABLE READ. */
  snapshot<T>(work: SnapshotWork<T>): MaybePromise<T>;
  /** The mail outbox (docs/mail.md): what the server's worker and mail that no other command writes ask of it. */
  readonly mail: {
    /**
     * Writes messages no other command writes (an invitation, a digest) in a transaction of their own;
     * one whose `dedupe_key` the workspace has is skipped. Answers how many were written.
     */
    enqueue(mail: readonly NewMail[]): MaybePromise<number>;
    /** Leases up to `limit` queued messages that are due (leases.ts), over every workspace. */
    claim(lease: Lease, limit: number): MaybePromise<ClaimedMail[]>;
    /** Records a try's outcome while `owner` still holds the lease; false when it no longer does. */
    settle(id: string, owner: string, after: MailSettlement): MaybePromise<boolean>;
    /** A member turns their review digest on or off in the workspace. */
    setReviewDigest(workspaceId: string, userId: string, on: boolean, now: string): MaybePromise<void>;
  };
  readonly agentProfiles: RecordStore<AgentProfile>;
  readonly apiKeys: {
    issue(key: NewApiKey): MaybePromise<void>;
    /** Loads the key (NOT_FOUND when not the workspace's), steps, applies the change; answers the key as stored. */
    change(
      workspaceId: string,
      id: string,
      step: (key: ApiKeySummary) => ApiKeyChange | DomainError,
    ): MaybePromise<ApiKeySummary | DomainError>;
  };
  readonly portalLinks: {
    /**
     * Loads the participant and their newest link, steps, and stores in one transaction: the earlier
     * link's revocation, the new link and the events. Answers the participant's newest link afterwards.
     */
    change(
      workspaceId: string,
      participantId: string,
      step: (facts: PortalLinkFacts) => PortalLinkChange | DomainError,
    ): MaybePromise<PortalLinkRecord | DomainError>;
    /**
     * Finds the link by its token's hash, steps, and when the step opened it records `last_opened_at`
     * and the events in one transaction.
     */
    open(
      tokenHash: string,
      step: (
        link: PortalLinkRecord,
      ) =>
        | { readonly opened_at: string; readonly events: readonly PortalLinkEvent[] }
        | { readonly refused: PortalLinkStatus },
    ): MaybePromise<PortalLinkOpening>;
  };
  readonly portalNotice: {
    /**
     * Loads the workspace's AI notice settings (the defaults until first saved), steps, and stores the
     * whole of what the step returned. Answers the settings as stored.
     */
    change(
      workspaceId: string,
      step: (
        before: PortalNoticeSettings,
      ) => (PortalNoticeSettings & { updated_at: string; updated_by: string }) | DomainError,
    ): MaybePromise<PortalNoticeSettings | DomainError>;
  };
  readonly interviewerModels: {
    /**
     * Loads the workspace's own model (null when it has none), steps, and stores what the step
     * returned: the record, or null to remove it. Answers what is stored afterwards.
     */
    change(
      workspaceId: string,
      step: (before: InterviewerModelRecord | null) => InterviewerModelRecord | null | DomainError,
    ): MaybePromise<InterviewerModelRecord | null | DomainError>;
  };
  readonly interviews: {
    /**
     * Loads the participant (NOT_FOUND when not the workspace's) and the session's turns, steps, and
     * appends the turns the step returned, in one transaction: a step sees every turn stored before it.
     */
    append<A>(
      workspaceId: string,
      participantId: string,
      sessionId: string,
      step: (facts: InterviewFacts) => InterviewAppend<A> | DomainError,
    ): MaybePromise<A | DomainError>;
  };
  readonly selfIdentification: {
    /**
     * Loads the participant and their self-identification on record, steps, and stores in one transaction
     * the new answers and the events. Answers what is on record afterwards.
     */
    change(
      workspaceId: string,
      participantId: string,
      step: (facts: SelfIdentificationFacts) => SelfIdentificationStore | DomainError,
    ): MaybePromise<SelfIdentificationRecord | DomainError>;
  };
  readonly members: {
    /**
     * Gives an account a role in a workspace: loads how many owners the workspace has and the account's role in
     * it, steps (the domain's `assignRole`), and stores what the step decided in one transaction: the membership
     * added (`membershipId`) or its role changed. Answers the step's decision. On PostgreSQL the owners'
     * memberships are locked first, then the account's, so the last owner is never demoted by two changes at once.
     */
    setRole(
      workspaceId: string,
      userId: string,
      membershipId: string,
      step: (membership: Membership) => RoleAssignment,
    ): MaybePromise<RoleAssignment>;
  };
  readonly memberGrants: {
    /**
     * Loads the member's role and whether they hold `scope`, steps, and stores the grant (or its removal)
     * and the workspace events in one transaction. Answers whether they hold it afterwards.
     */
    change(
      workspaceId: string,
      userId: string,
      scope: string,
      step: (facts: MemberGrantFacts) => MemberGrantChange | DomainError,
    ): MaybePromise<boolean | DomainError>;
  };
  readonly participants: {
    /**
     * Runs the units in order in one write transaction: each loads its target (and the email fact),
     * steps, and stores only when its step succeeded, so a refused unit writes nothing and later
     * units see the earlier ones' rows (bulk enrolment). Answers each unit's answer or refusal.
     */
    run<A>(workspaceId: string, units: readonly ParticipantUnit<A>[]): MaybePromise<(A | DomainError)[]>;
    /**
     * Runs the units as `run` does, over one read snapshot, and stores nothing: each unit is loaded and
     * stepped, and its answer or refusal returned. A preview is the command decided without storing
     * (docs/rules.md#bulk-actions). Units are independent here: none sees what another would have stored.
     */
    dryRun<A>(workspaceId: string, units: readonly ParticipantUnit<A>[]): MaybePromise<(A | DomainError)[]>;
  };
  readonly bulkActions: {
    /**
     * Stores a new bulk action with its people, every one pending, under the caller's idempotency key:
     * a retry with the same key and request answers the id of the action it started, storing nothing.
     */
    start(action: NewBulkAction, idempotency: Idempotency | undefined): MaybePromise<string | DomainError>;
    /**
     * One person of a running bulk action, in one transaction: runs their unit as `participants.run`
     * does (load, step, store the state and the events), then settles their item with `settle`'s line,
     * a refusal included, and counts it at `at`. Answers the line; null when the item was settled already.
     */
    applyItem<A>(
      workspaceId: string,
      bulkActionId: string,
      item: PendingBulkItem,
      at: string,
      unit: ParticipantUnit<A>,
      settle: (answer: A | DomainError) => BulkActionItem,
    ): MaybePromise<BulkActionItem | null>;
    /**
     * One person of a running bulk send of the portal link, in one transaction: loads them and their newest
     * link as `portalLinks.change` does, steps, stores the step's change (the link, the revocation, the
     * events, the mail) when it made one, and settles their item with the step's line. A person not found
     * is settled with `missing`'s line. Answers the line; null when the item was settled already.
     */
    applyLinkItem(
      workspaceId: string,
      bulkActionId: string,
      item: PendingBulkItem,
      at: string,
      step: (facts: PortalLinkFacts) => BulkLinkStep,
      missing: (error: DomainError) => BulkActionItem,
    ): MaybePromise<BulkActionItem | null>;
    /**
     * Leases a running action to the process that will run it (leases.ts), or extends its lease; false
     * when another process holds it or it is over (docs/rules.md#bulk-actions).
     */
    claim(workspaceId: string, bulkActionId: string, lease: Lease): MaybePromise<boolean>;
    /** Ends `owner`'s lease, so another process may go on at once (a stop half-way). */
    release(workspaceId: string, bulkActionId: string, owner: string): MaybePromise<void>;
  };
  readonly answers: {
    /**
     * Loads the participant (NOT_FOUND before the step when not the workspace's) and the session's
     * saved answers and submission, steps, and stores in one transaction: the answers, the submission,
     * the participant's state and the events. Answers the step's answer.
     */
    change<A>(
      workspaceId: string,
      participantId: string,
      sessionId: string,
      step: (facts: AnswersFacts) => AnswersChange<A> | DomainError,
    ): MaybePromise<A | DomainError>;
  };
  readonly pipelines: {
    /**
     * Loads the pipeline (and, with `withUsage`, who uses each of its stages; with `withNames`, the
     * workspace's other templates), steps, and writes the template and only the stages that changed.
     */
    change(
      workspaceId: string,
      templateId: string,
      step: (
        before: Pipeline,
        usage: ReadonlyMap<string, StageUsage>,
        others: readonly TemplateNameFact[],
      ) => Pipeline | DomainError,
      options?: { readonly withUsage?: boolean; readonly withNames?: boolean },
    ): MaybePromise<Pipeline | DomainError>;
    /**
     * A new template with its stages (create, duplicate), from a step over the source pipeline if any
     * and the workspace's other templates.
     */
    create(
      workspaceId: string,
      sourceTemplateId: string | null,
      step: (source: Pipeline | null, others: readonly TemplateNameFact[]) => Pipeline | DomainError,
    ): MaybePromise<Pipeline | DomainError>;
  };
  readonly webhooks: {
    /** A new endpoint from a step that sees how many the workspace already has. Answers it as stored. */
    insertEndpoint(
      workspaceId: string,
      step: (count: number) => WebhookEndpointRecord | DomainError,
    ): MaybePromise<WebhookEndpointRecord | DomainError>;
    /**
     * Loads the endpoint (NOT_FOUND when not the workspace's), steps, saves. When the step turned it off,
     * its pending deliveries are given up in the same transaction.
     */
    changeEndpoint(
      workspaceId: string,
      id: string,
      step: (before: WebhookEndpointRecord) => WebhookEndpointRecord | DomainError,
    ): MaybePromise<WebhookEndpointRecord | DomainError>;
    /** Deletes the endpoint with its deliveries and their attempts. */
    removeEndpoint(workspaceId: string, id: string): MaybePromise<WebhookEndpointRecord | DomainError>;
    /** One event to one endpoint, from a step over it (Send test event). Answers the new delivery's id. */
    sendTo(
      workspaceId: string,
      endpointId: string,
      step: (endpoint: WebhookEndpointRecord) => WebhookEvent | DomainError,
    ): MaybePromise<string | DomainError>;
    /** A new delivery of a delivery's message to its endpoint, due at `now` (Replay). Answers its id. */
    replay(
      workspaceId: string,
      endpointId: string,
      deliveryId: string,
      step: (endpoint: WebhookEndpointRecord) => { readonly now: string } | DomainError,
    ): MaybePromise<string | DomainError>;
    /** Leases the due deliveries for `owner` until `leaseUntil` (docs/webhooks.md#several-processes). */
    claim(owner: string, now: string, leaseUntil: string, limit: number): MaybePromise<ClaimedDelivery[]>;
    /**
     * Records an attempt of a delivery `owner` still leases and what its answer does (the step: the
     * domain's `afterAttempt`), to the delivery and the endpoint; an endpoint it disables gets a
     * `webhook_endpoint_disabled` event and its other pending deliveries are given up.
     */
    settle(
      deliveryId: string,
      owner: string,
      attempt: AttemptRecord,
      now: string,
      step: (facts: { readonly failing_since: string | null }) => WebhookAttemptOutcome,
      /** The mail an endpoint disabled by this attempt causes, written in the same transaction. */
      disabledMail?: (facts: DisabledEndpointFacts) => readonly NewMail[],
    ): MaybePromise<WebhookSettlement>;
    /** Forgets deliveries that ended before `before`, with their attempts and messages. */
    sweep(before: string): MaybePromise<number>;
  };
}
