import type { PortalLinkRecord } from '@stageflow/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type PortalParticipant, toPortalLinkRecord } from '../../repositories/portal-links.ts';
import type { PgExec } from '../client.ts';
import { binary } from '../for-update.ts';
import { inWorkspace, prepared, preparedLockable } from '../prepared.ts';
import { evaluationTemplates, events, participants, portalLinks } from '../schema.ts';

/**
 * Links made in the same millisecond (a fixed clock) are told apart by insertion order: SQLite by `rowid`,
 * which PostgreSQL has no twin of. Every link is inserted with its `portal_link_created` event in the same
 * transaction, so that event's `seq` is the link's insertion order.
 */
const createdSeq = sql`(select max(${events.seq}) from ${events}
  where ${events.workspace_id} = ${portalLinks.workspace_id} and ${events.participant_id} = ${portalLinks.participant_id}
    and ${events.type} = 'portal_link_created' and ${events.data}->>'link_id' = ${portalLinks.id})`;

// The participant page reads the latest link, and every portal request its link and participant: built once
// (docs/decisions/037-prepared-queries-on-postgresql.md).
const latestLink = preparedLockable('portal_links_latest', (db) =>
  db
    .select()
    .from(portalLinks)
    .where(and(inWorkspace(portalLinks.workspace_id), eq(portalLinks.participant_id, sql.placeholder('participantId'))))
    .orderBy(desc(binary(portalLinks.created_at)), sql`${createdSeq} desc nulls last`)
    .limit(1)
    .$dynamic(),
);
const linkByHash = preparedLockable('portal_links_by_hash', (db) =>
  db
    .select()
    .from(portalLinks)
    .where(eq(portalLinks.token_hash, sql.placeholder('tokenHash')))
    .$dynamic(),
);
/** Locks the participant whose link has this hash (before the link itself: the order every unit takes them in). */
const lockParticipantOfHash = prepared('portal_links_lock_participant_of_hash', (db) =>
  db
    .select({ id: participants.id })
    .from(participants)
    .where(
      sql`(${participants.workspace_id}, ${participants.id}) in (select ${portalLinks.workspace_id}, ${portalLinks.participant_id} from ${portalLinks} where ${portalLinks.token_hash} = ${sql.placeholder('tokenHash')})`,
    )
    .for('update'),
);
const portalParticipant = preparedLockable(
  'portal_links_participant',
  (db) =>
    db
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
      .where(and(inWorkspace(participants.workspace_id), eq(participants.id, sql.placeholder('participantId'))))
      .$dynamic(),
  participants,
);

/**
 * Portal links and the participants they open, on PostgreSQL. In a write unit (`inWrite`) the participant is
 * locked first, then their links: every unit that changes a participant's links (a change, an opening, a bulk
 * item, self-identification) takes the locks in that order, so two never wait on each other in a circle. An
 * opening finds the link by its hash, so `byHash` locks the link's participant before the link itself.
 */
export function createPgPortalLinkReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  const readLatest = latestLink.lockIf(inWrite);
  const readByHash = linkByHash.lockIf(inWrite);
  const readParticipant = portalParticipant.lockIf(inWrite);
  return {
    async latest(workspaceId: string, participantId: string): Promise<PortalLinkRecord | undefined> {
      const [row] = await readLatest(exec, { workspaceId, participantId });
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
      if (inWrite) await lockParticipantOfHash(exec, { tokenHash });
      const [row] = await readByHash(exec, { tokenHash });
      return row && { ...toPortalLinkRecord(row), workspace_id: row.workspace_id };
    },
    async participant(workspaceId: string, participantId: string): Promise<PortalParticipant | undefined> {
      const [row] = await readParticipant(exec, { workspaceId, participantId });
      return row;
    },
  } satisfies Reads['portalLinks'];
}
