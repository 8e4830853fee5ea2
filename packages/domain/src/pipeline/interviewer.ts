import { badInput, type DomainError } from '../errors.ts';
import type { AgentProfile } from '../schemas/agent-profile.ts';

/** What the check reads of the agent profile a stage names; a whole `AgentProfile` fits. */
export type InterviewerCandidate = Pick<AgentProfile, 'name' | 'status'>;

/**
 * A stage may only name an interviewer (agent profile) of its own workspace that is not archived.
 * The caller looks the profile up in the stage's workspace and passes what it found (`undefined`
 * when there is none); no profile named means nothing to check. `at` is where the stage sits in
 * the caller's input (e.g. `['stages', 2]` for an import), so the error names the right field.
 */
export function checkInterviewer(
  agentProfileId: string | null | undefined,
  profile: InterviewerCandidate | undefined,
  at: readonly (string | number)[] = [],
): DomainError | undefined {
  if (!agentProfileId) return undefined;
  const path = [...at, 'agent_profile_id'];
  if (!profile) return badInput(path, `no agent profile ${agentProfileId} in this workspace`);
  if (profile.status === 'archived') return badInput(path, `agent profile "${profile.name}" is archived`);
  return undefined;
}
