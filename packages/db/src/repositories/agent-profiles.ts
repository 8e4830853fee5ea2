import type { AgentProfile } from '@stageflow/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { agentProfiles } from '../schema/index.ts';
import { likePattern, nullsToUndefined, withoutWorkspace } from './rows.ts';

type Row = typeof agentProfiles.$inferSelect;

export const toAgentProfile = (row: Row): AgentProfile =>
  nullsToUndefined(withoutWorkspace(row), ['additional_instructions']) as AgentProfile;

export const toAgentProfileRow = (workspaceId: string, p: AgentProfile): Row => ({
  ...p,
  workspace_id: workspaceId,
  additional_instructions: p.additional_instructions ?? null,
});

export interface AgentProfileFilter {
  status: 'active' | 'archived' | 'all';
  search?: string | undefined;
}

export function createAgentProfileRepository(db: Db) {
  const byIdQuery = db
    .select()
    .from(agentProfiles)
    .where(and(eq(agentProfiles.workspace_id, sql.placeholder('ws')), eq(agentProfiles.id, sql.placeholder('id'))))
    .prepare();

  return {
    list(workspaceId: string, filter: AgentProfileFilter): AgentProfile[] {
      return db
        .select()
        .from(agentProfiles)
        .where(
          and(
            eq(agentProfiles.workspace_id, workspaceId),
            filter.status === 'all' ? undefined : eq(agentProfiles.status, filter.status),
            filter.search
              ? sql`${agentProfiles.name} like ${likePattern(filter.search)} escape '\\' collate nocase`
              : undefined,
          ),
        )
        .orderBy(asc(agentProfiles.name))
        .all()
        .map(toAgentProfile);
    },
    byId(workspaceId: string, id: string): AgentProfile | undefined {
      const row = byIdQuery.get({ ws: workspaceId, id });
      return row && toAgentProfile(row);
    },
    /** Which of these ids are interviewers of this workspace (archived ones included). */
    existingIds(workspaceId: string, ids: readonly string[]): Set<string> {
      if (ids.length === 0) return new Set();
      const rows = db
        .select({ id: agentProfiles.id })
        .from(agentProfiles)
        .where(and(eq(agentProfiles.workspace_id, workspaceId), inArray(agentProfiles.id, [...ids])))
        .all();
      return new Set(rows.map((r) => r.id));
    },
    insert(tx: Tx, workspaceId: string, profile: AgentProfile): void {
      tx.insert(agentProfiles).values(toAgentProfileRow(workspaceId, profile)).run();
    },
    update(tx: Tx, workspaceId: string, profile: AgentProfile): void {
      tx.update(agentProfiles)
        .set(toAgentProfileRow(workspaceId, profile))
        .where(and(eq(agentProfiles.workspace_id, workspaceId), eq(agentProfiles.id, profile.id)))
        .run();
    },
  };
}
