import { router } from '../trpc.ts';
import { accountRouter } from './account.ts';
import { agentProfilesRouter } from './agent-profiles.ts';
import { analyticsRouter } from './analytics.ts';
import { apiKeysRouter } from './api-keys.ts';
import { decisionsRouter } from './decisions.ts';
import { eventsRouter } from './events.ts';
import { interviewerModelRouter } from './interviewer-model.ts';
import { mailRouter } from './mail.ts';
import { participantsRouter } from './participants.ts';
import { portalNoticeRouter } from './portal-notice.ts';
import { sessionsRouter } from './sessions.ts';
import { stagesRouter } from './stages.ts';
import { templatesRouter } from './templates.ts';

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
  mail: mailRouter,
});

export type AppRouter = typeof appRouter;
