import { router } from '../trpc.ts';
import { agentProfilesRouter } from './agent-profiles.ts';
import { stagesRouter } from './stages.ts';
import { templatesRouter } from './templates.ts';

export const appRouter = router({
  agentProfiles: agentProfilesRouter,
  templates: templatesRouter,
  stages: stagesRouter,
});

export type AppRouter = typeof appRouter;
