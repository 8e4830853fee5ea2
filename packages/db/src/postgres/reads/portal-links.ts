import type { PortalLinkRecord } from '@stageflow/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type PortalParticipant, toPortalLinkRecord } from '../../repositories/portal-links.ts';
import type { PgExec } from '../client.ts';
import { binary, forUpdateIf } from '../for-update.ts';
import { evaluationTemplates, events, participants, portalLinks } from '../schema.ts';

/**
 * Links made in the same millisecond (a fixed clock) are told apart by insertion order: SQLite by `rowid`,
 * which PostgreSQL has no twin of. Every link is inserted with its `portal_link_created` event in the same
 * transaction, so that event's `seq` is the link's insertion order.
 */
const createdSeq = sql`(select max(${events.seq}) from ${events}
  where ${events.workspace_id} = ${portalLinks.workspace_id} and ${events.participant_id} = ${portalLinks.participant_id}
    and ${events.type} = 'portal_link_created' and ${events.data}->>'link_id' = ${portalLinks.id})`;

/**
 * Portal links and the participants they open, on PostgreSQL. In a write unit (`inWrite`) the participant is
 * locked first, then their links: every unit that changes a participant's links (a change, an opening, a bulk
 * item, self-identification) takes the locks in that order, so two never wait on each other in a circle. An
 * opening finds the link by its hash, so `byHash` locks the link's participant before the link itself.
 */
export function createPgPortalLinkReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async latest(workspaceId: string, participantId: string): Promise<PortalLinkRecord | undefined> {
      const query = exec
        .select()
        .from(portalLinks)
        .where(and(eq(portalLinks.workspace_id, workspaceId), eq(portalLinks.participant_id, participantId)))
        .orderBy(desc(binary(portalLinks.created_at)), sql`${createdSeq} desc nulls last`)
        .limit(1)
        .$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return row && toPortalLinkRecord(row);
    },
    async byId(workspaceId: string, id: string): Promise<PortalLinkRecord | undefined> {
      const [row] = await exec
        .select()
        .from(portalLinks)
        .where(and(eq(portalLinks.workspace_id, workspaceId), eq(portalLinks.id, id)));
      return row && toPortalLinkRecord(row);
    },
    /** The link a request presents, by its hash: the only query not started from a workspace. */
    async byHash(tokenHash: string): Promise<(PortalLinkRecord & { readonly workspace_id: string }) | undefined> {
      if (inWrite) {
        await exec
          .select({ id: participants.id })
          .from(participants)
          .where(
            sql`(${participants.workspace_id}, ${participants.id}) in (select ${portalLinks.workspace_id}, ${portalLinks.participant_id} from ${portalLinks} where ${portalLinks.token_hash} = ${tokenHash})`,
          )
          .for('update');
      }
      const query = exec.select().from(portalLinks).where(eq(portalLinks.token_hash, tokenHash)).$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return row && { ...toPortalLinkRecord(row), workspace_id: row.workspace_id };
    },
    async participant(workspaceId: string, participantId: string): Promise<PortalParticipant | undefined> {
      const query = exec
        .select({
          id: participants.id,
          workspace_id: participants.workspace_id,
          name: participants.name,
          email: participants.email,
          status: participants.status,
          evaluation_template_id: participants.evaluation_template_id,
          template_name: evaluationTemplates.template_name,
          language: evaluationTemplates.language,
        })
        .from(participants)
        .innerJoin(
          evaluationTemplates,
          and(
            eq(evaluationTemplates.workspace_id, participants.workspace_id),
            eq(evaluationTemplates.id, participants.evaluation_template_id),
          ),
        )
        .where(and(eq(participants.workspace_id, workspaceId), eq(participants.id, participantId)))
        .$dynamic();
      const [row] = await forUpdateIf(inWrite, query, participants);
      return row;
    },
  } satisfies Reads['portalLinks'];
}
