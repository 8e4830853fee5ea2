import { router } from '../trpc.ts';
import { accountRouter } from './account.ts';
import { agentProfilesRouter } from './agent-profiles.ts';
import { analyticsRouter } from './analytics.ts';
import { apiKeysRouter } from './api-keys.ts';
import { bulkActionsRouter } from './bulk-actions.ts';
import { decisionsRouter } from './decisions.ts';
import { eventsRouter } from './events.ts';
import { interviewerModelRouter } from './interviewer-model.ts';
import { mailRouter } from './mail.ts';
import { participantsRouter } from './participants.ts';
import { portalNoticeRouter } from './portal-notice.ts';
import { demographicsAccessRouter, selfIdentificationRouter } from './self-identification.ts';
import { sessionsRouter } from './sessions.ts';
import { stagesRouter } from './stages.ts';
import { templatesRouter } from './templates.ts';
import { webhooksRouter } from './webhooks.ts';

export const appRouter = router({
  account: accountRouter,
  agentProfiles: agentProfilesRouter,
  templates: templatesRouter,
  stages: stagesRouter,
  participants: participantsRouter,
  sessions: sessionsRouter,
  decisions: decisionsRouter,
  events: eventsRouter,
  apiKeys: apiKeysRouter,
  portalNotice: portalNoticeRouter,
  interviewerModel: interviewerModelRouter,
  analytics: analyticsRouter,
  selfIdentification: selfIdentificationRouter,
  demographicsAccess: demographicsAccessRouter,
  webhooks: webhooksRouter,
  bulkActions: bulkActionsRouter,
  mail: mailRouter,
});

export type AppRouter = typeof appRouter;
