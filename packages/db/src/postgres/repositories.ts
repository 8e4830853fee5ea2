/**
 * Every PostgreSQL repository, assembled as the engine-neutral `Reads` and `Writes` (docs/decisions/036-reads-on-either-engine.md):
 * what `createPostgresStorage` hands its units, built over one transaction's connection (or the pool, for reads
 * outside any). `inWrite`: the loads lock the rows the unit will change (docs/architecture.md#postgresql).
 */
import type { Reads, Writes } from '../reads.ts';
import type { EnqueuedSignal } from '../repositories/webhooks/signal.ts';
import type { StoragePort } from '../storage/port.ts';
import type { PgDb, PgExec } from './client.ts';
import { createPostgresStorage, type PgEngineParts } from './engine.ts';
import { createPgAgentProfileReads } from './reads/agent-profiles.ts';
import { createPgAnalyticsReads } from './reads/analytics.ts';
import { createPgAnswerReads } from './reads/answers.ts';
import { createPgApiKeyReads } from './reads/api-keys.ts';
import { createPgBulkActionsReads } from './reads/bulk-actions.ts';
import { createPgIdempotencyReads } from './reads/idempotency.ts';
import { createPgInstanceReads } from './reads/instance.ts';
import { createPgInterviewerModelReads } from './reads/interviewer-models.ts';
import { createPgMailReads } from './reads/mail.ts';
import { createPgMemberGrantReads } from './reads/member-grants.ts';
import { createPgMemberReads } from './reads/members.ts';
import { createPgParticipantLoads } from './reads/participant-loads.ts';
import { createPgParticipantQueries } from './reads/participant-queries.ts';
import { createPgPipelineReads } from './reads/pipelines.ts';
import { createPgPortalLinkReads } from './reads/portal-links.ts';
import { createPgPortalNoticeReads } from './reads/portal-notice.ts';
import { createPgSelfIdentificationReads } from './reads/self-identification.ts';
import { createPgSessionTurnReads } from './reads/session-turns.ts';
import { createPgStageReads } from './reads/stages.ts';
import { createPgTemplateReads } from './reads/templates.ts';
import { createPgWebhooksReads, pgEnqueued } from './reads/webhooks.ts';
import { createPgWorkspaceReads } from './reads/workspaces.ts';
import { createPgStageCache, type PgStageCache } from './stage-cache.ts';
import { createPgAgentProfileWrites } from './writes/agent-profiles.ts';
import { createPgAnswerWrites } from './writes/answers.ts';
import { createPgApiKeyWrites } from './writes/api-keys.ts';
import { createPgBulkActionsWrites } from './writes/bulk-actions.ts';
import { createPgIdempotencyWrites } from './writes/idempotency.ts';
import { createPgInterviewerModelWrites } from './writes/interviewer-models.ts';
import { createPgMailWrites } from './writes/mail.ts';
import { createPgMemberGrantWrites } from './writes/member-grants.ts';
import { createPgParticipantWrites } from './writes/participants.ts';
import { createPgPipelineWrites } from './writes/pipelines.ts';
import { createPgPortalLinkWrites } from './writes/portal-links.ts';
import { createPgPortalNoticeWrites } from './writes/portal-notice.ts';
import { createPgSelfIdentificationWrites } from './writes/self-identification.ts';
import { createPgSessionTurnWrites } from './writes/session-turns.ts';
import { createPgStageWrites } from './writes/stages.ts';
import { createPgTemplateWrites } from './writes/templates.ts';
import { createPgWebhooksWrites } from './writes/webhooks.ts';

export interface PgReadOptions {
  /** Inside a unit's write transaction: loads lock what the unit changes. */
  readonly inWrite?: boolean;
  /** This process's wake-up for the webhook worker (the reads' `onEnqueued`; createPgStorage announces on it). */
  readonly signal?: EnqueuedSignal;
  /** The database's stage cache (stage-cache.ts); without one, stages are read each time. */
  readonly stages?: PgStageCache;
}

/** Every repository's reads on PostgreSQL, over `exec`. */
export function createPgReads(exec: PgExec, options: PgReadOptions = {}): Reads {
  const locks = { inWrite: options.inWrite ?? false };
  return {
    instance: createPgInstanceReads(exec),
    workspaces: createPgWorkspaceReads(exec),
    members: createPgMemberReads(exec, locks),
    memberGrants: createPgMemberGrantReads(exec, locks),
    agentProfiles: createPgAgentProfileReads(exec, locks),
    templates: createPgTemplateReads(exec, locks),
    stages: createPgStageReads(exec, options.stages),
    pipelines: createPgPipelineReads(exec, locks),
    participants: {
      ...createPgParticipantQueries(exec),
      ...createPgParticipantLoads(exec, { ...locks, ...(options.stages ? { stages: options.stages } : {}) }),
    },
    apiKeys: createPgApiKeyReads(exec, locks),
    portalLinks: createPgPortalLinkReads(exec, locks),
    portalNotice: createPgPortalNoticeReads(exec, locks),
    interviewerModels: createPgInterviewerModelReads(exec, locks),
    answers: createPgAnswerReads(exec, locks),
    analytics: createPgAnalyticsReads(exec),
    sessionTurns: createPgSessionTurnReads(exec, locks),
    selfIdentification: createPgSelfIdentificationReads(exec, locks),
    webhooks: createPgWebhooksReads(exec, { ...locks, ...(options.signal ? { signal: options.signal } : {}) }),
    bulkActions: createPgBulkActionsReads(exec, locks),
    mail: createPgMailReads(exec),
    idempotency: createPgIdempotencyReads(exec),
  };
}

/**
 * Every repository's writes on PostgreSQL, inside the transaction `tx`; `announce` is told when they enqueue
 * webhook deliveries, while the transaction is still open (the engine wakes the worker after the commit).
 * `stages`: the database's stage cache, told when `tx` changes a template or its stages.
 */
export function createPgWrites(tx: PgExec, options: { announce: () => void; stages?: PgStageCache }): Writes {
  return {
    agentProfiles: createPgAgentProfileWrites(tx),
    templates: createPgTemplateWrites(tx, options.stages),
    stages: createPgStageWrites(tx, options.stages),
    pipelines: createPgPipelineWrites(tx, options.stages),
    participants: createPgParticipantWrites(tx),
    apiKeys: createPgApiKeyWrites(tx),
    portalLinks: createPgPortalLinkWrites(tx),
    portalNotice: createPgPortalNoticeWrites(tx),
    interviewerModels: createPgInterviewerModelWrites(tx),
    answers: createPgAnswerWrites(tx),
    sessionTurns: createPgSessionTurnWrites(tx),
    selfIdentification: createPgSelfIdentificationWrites(tx),
    memberGrants: createPgMemberGrantWrites(tx),
    webhooks: createPgWebhooksWrites(tx, options),
    bulkActions: createPgBulkActionsWrites(tx),
    mail: createPgMailWrites(tx),
    idempotency: createPgIdempotencyWrites(tx),
  };
}

/**
 * Every repository above, for the engine over one database: its stage cache shared by them all. `signal`: this
 * process's webhook wake-up, told after the commit of each transaction that enqueued deliveries.
 */
export function createPgEngineParts(signal: EnqueuedSignal = pgEnqueued): PgEngineParts {
  const stages = createPgStageCache();
  return {
    reads: (exec, options) => createPgReads(exec, { ...options, signal, stages }),
    writes: (tx, { announce }) => createPgWrites(tx, { announce, stages }),
    announce: signal.announce,
    settled: (tx) => stages.settled(tx),
  };
}

/** The storage port on PostgreSQL, over every repository above (`pgEnqueued` its wake-up unless `signal` is given). */
export function createPgStorage(db: PgDb, options: { signal?: EnqueuedSignal } = {}): StoragePort {
  return createPostgresStorage(db, createPgEngineParts(options.signal));
}
