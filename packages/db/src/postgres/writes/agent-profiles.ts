import type { AgentProfile } from '@stageflow/domain';
import type { Writes } from '../../reads.ts';
import { toAgentProfileRow } from '../../repositories/agent-profiles.ts';
import type { PgExec } from '../client.ts';
import { ofProfile } from '../reads/agent-profiles.ts';
import { agentProfiles } from '../schema.ts';

/** The interviewer (agent profile) rows' writes on PostgreSQL, inside the change's transaction. */
export function createPgAgentProfileWrites(tx: PgExec) {
  return {
    async insert(workspaceId: string, profile: AgentProfile): Promise<void> {
      await tx.insert(agentProfiles).values(toAgentProfileRow(workspaceId, profile));
    },
    async update(workspaceId: string, profile: AgentProfile): Promise<void> {
      await tx
        .update(agentProfiles)
        .set(toAgentProfileRow(workspaceId, profile))
        .where(ofProfile(workspaceId, profile.id));
    },
  } satisfies Writes['agentProfiles'];
}
