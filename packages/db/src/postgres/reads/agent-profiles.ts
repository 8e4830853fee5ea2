import type { AgentProfile } from '@stageflow/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type AgentProfileFilter, toAgentProfile } from '../../repositories/agent-profiles.ts';
import type { PgExec } from '../client.ts';
import { agentProfiles } from '../schema.ts';
import { containsIgnoringAsciiCase, inByteOrder } from '../text.ts';

export const ofProfile = (workspaceId: string, id: string) =>
  and(eq(agentProfiles.workspace_id, workspaceId), eq(agentProfiles.id, id));

/** The interviewer (agent profile) reads on PostgreSQL; in a write transaction `byId` locks the profile's row. */
export function createPgAgentProfileReads(db: PgExec, options: { inWrite?: boolean } = {}) {
  return {
    async list(workspaceId: string, filter: AgentProfileFilter): Promise<AgentProfile[]> {
      const rows = await db
        .select()
        .from(agentProfiles)
        .where(
          and(
            eq(agentProfiles.workspace_id, workspaceId),
            filter.status === 'all' ? undefined : eq(agentProfiles.status, filter.status),
            filter.search ? containsIgnoringAsciiCase(agentProfiles.name, filter.search) : undefined,
          ),
        )
        .orderBy(asc(inByteOrder(agentProfiles.name)));
      return rows.map(toAgentProfile);
    },
    async byId(workspaceId: string, id: string): Promise<AgentProfile | undefined> {
      const query = db.select().from(agentProfiles).where(ofProfile(workspaceId, id));
      const [row] = await (options.inWrite ? query.for('update') : query);
      return row && toAgentProfile(row);
    },
    /** Which of these ids are interviewers of this workspace (archived ones included). */
    async existingIds(workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: agentProfiles.id })
        .from(agentProfiles)
        .where(and(eq(agentProfiles.workspace_id, workspaceId), inArray(agentProfiles.id, [...ids])));
      return new Set(rows.map((r) => r.id));
    },
  } satisfies Reads['agentProfiles'];
}
