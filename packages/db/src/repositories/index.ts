import type { Db } from '../client.ts';
import { createAgentProfileRepository } from './agent-profiles.ts';
import { createAnalyticsRepository } from './analytics.ts';
import { createAnswerRepository } from './answers.ts';
import { createApiKeyRepository } from './api-keys.ts';
import { createBulkActionRepository } from './bulk-actions.ts';
import { createIdempotencyRepository } from './idempotency.ts';
import { createInstanceRepository } from './instance.ts';
import { createInterviewerModelRepository } from './interviewer-models.ts';
import { createMailRepository } from './mail.ts';
import { createMemberGrantRepository } from './member-grants.ts';
import { createMemberRepository } from './members.ts';
import { createParticipantRepository } from './participants/index.ts';
import { createPipelineRepository } from './pipelines.ts';
import { createPortalLinkRepository } from './portal-links.ts';
import { createPortalNoticeRepository } from './portal-notice.ts';
import { createSelfIdentificationRepository } from './self-identification.ts';
import { createSessionTurnRepository } from './session-turns.ts';
import { createStageRepository } from './stages.ts';
import { createTemplateRepository } from './templates.ts';
import { createWebhookRepositories } from './webhooks/index.ts';
import { createWorkspaceRepository } from './workspaces.ts';

export type { AgentProfileFilter } from './agent-profiles.ts';
export type { Cohort, StayFilter } from './analytics.ts';
export type { ApiKeyRow, ApiKeySummary, NewApiKey } from './api-keys.ts';
export type { NewBulkAction, PendingBulkItem } from './bulk-actions.ts';
export type { InstanceMarker } from './instance.ts';
export type { InterviewerModelRecord } from './interviewer-models.ts';
export type { ClaimedMail, DigestRecipient, MailRow, NewMail, WorkspaceAdmin } from './mail.ts';
export type { WorkspaceEvent } from './member-grants.ts';
export { createMemberRepository } from './members.ts';
export type * from './participants/index.ts';
export type { NewPortalLink, PortalLinkRow, PortalParticipant } from './portal-links.ts';
export type { TemplateFilter } from './templates.ts';
export type * from './webhooks/index.ts';
export type { NewWorkspace, Workspace } from './workspaces.ts';

/** Every repository over one database; built once per process (they hold prepared statements). */
export function createRepositories(db: Db) {
  const templates = createTemplateRepository(db);
  const stages = createStageRepository(db);
  return {
    instance: createInstanceRepository(db),
    workspaces: createWorkspaceRepository(db),
    members: createMemberRepository(db),
    memberGrants: createMemberGrantRepository(db),
    agentProfiles: createAgentProfileRepository(db),
    templates,
    stages,
    pipelines: createPipelineRepository(db, templates, stages),
    participants: createParticipantRepository(db, stages),
    apiKeys: createApiKeyRepository(db),
    portalLinks: createPortalLinkRepository(db),
    portalNotice: createPortalNoticeRepository(db),
    interviewerModels: createInterviewerModelRepository(db),
    answers: createAnswerRepository(db),
    analytics: createAnalyticsRepository(db),
    sessionTurns: createSessionTurnRepository(db),
    selfIdentification: createSelfIdentificationRepository(db),
    webhooks: createWebhookRepositories(db),
    bulkActions: createBulkActionRepository(db),
    mail: createMailRepository(db),
    idempotency: createIdempotencyRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
