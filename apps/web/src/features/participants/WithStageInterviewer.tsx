import type { AgentProfile, EvaluationStage } from '@stageflow/domain';
import type { ReactNode } from 'react';
import { trpc } from '../../app/trpc.ts';
import { LoadingState } from '../../ui/LoadingState.tsx';

/**
 * A scorecard form is built from the stage's interviewer: its dimensions, on its scale. This loads it and
 * renders the form once it is here; `null` when the stage has no interviewer (one overall score instead).
 */
export function WithStageInterviewer({
  stage,
  children,
}: {
  stage: EvaluationStage;
  children: (profile: AgentProfile | null) => ReactNode;
}) {
  const profileId = stage.agent_profile_id;
  const profile = trpc.agentProfiles.byId.useQuery({ id: profileId ?? '' }, { enabled: profileId !== null });
  if (profileId && profile.isPending) return <LoadingState label="Loading the interviewer’s dimensions" />;
  return children(profileId ? (profile.data ?? null) : null);
}
