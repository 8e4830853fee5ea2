import type { PortalLinkEvent, PortalLinkRecord, SelfIdentificationEvent } from '@stageflow/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { evaluationTemplates, events, participants, portalLinks } from '../schema/index.ts';
import { limitOf } from './limit.ts';

export type PortalLinkRow = typeof portalLinks.$inferSelect;
export type NewPortalLink = PortalLinkRecord & { readonly workspace_id: string; readonly token_hash: string };

/** Who a link belongs to: enough to greet them and to file their events under the template. */
export interface PortalParticipant {
  readonly id: string;
  readonly workspace_id: string;
  readonly name: string;
  /** Where their portal link is emailed to. */
  readonly email: string;
  readonly status: string;
  readonly evaluation_template_id: string;
  readonly template_name: string;
  /** The template's language tag: the portal speaks it where it has a copy (docs/surfaces.md#portal-language). */
  readonly language: string;
}

/** A link as the rules see it: without its workspace and hash. Shared with the PostgreSQL engine. */
export const toPortalLinkRecord = ({ workspace_id: _w, token_hash: _h, ...link }: PortalLinkRow): PortalLinkRecord =>
  link;

/** The audit-log row of a participant's portal event (their link's, or their self-identification's). */
export const portalEventRow = (
  participant: Pick<PortalParticipant, 'workspace_id' | 'evaluation_template_id'>,
  e: PortalLinkEvent | SelfIdentificationEvent,
) => ({
  workspace_id: participant.workspace_id,
  participant_id: e.participant_id,
  evaluation_template_id: participant.evaluation_template_id,
  type: e.type,
  actor: e.actor,
  occurred_at: e.occurred_at,
  data: e.data,
  bulk_action_id: ('bulk_action_id' in e && e.bulk_action_id) || null,
});

/** Portal links and the participants they open (docs/entities.md#portal-link). */
export function createPortalLinkRepository(db: Db) {
  // The participant page reads it on every request: compiled once.
  const latestQuery = db
    .select()
    .from(portalLinks)
    .where(
      and(
        eq(portalLinks.workspace_id, sql.placeholder('ws')),
        eq(portalLinks.participant_id, sql.placeholder('participant')),
      ),
    )
    .orderBy(desc(portalLinks.created_at), desc(sql`rowid`))
    .limit(limitOf(1))
    .prepare();

  return {
    /**
     * The participant's newest link, whatever its state; undefined when they never had one. Links made
     * in the same millisecond (a fixed clock) are told apart by insertion order (`rowid`).
     */
    latest(workspaceId: string, participantId: string): PortalLinkRecord | undefined {
      const row = latestQuery.get({ ws: workspaceId, participant: participantId });
      return row && toPortalLinkRecord(row);
    },
    byId(workspaceId: string, id: string): PortalLinkRecord | undefined {
      const row = db
        .select()
        .from(portalLinks)
        .where(and(eq(portalLinks.workspace_id, workspaceId), eq(portalLinks.id, id)))
        .get();
      return row && toPortalLinkRecord(row);
    },
    /** The link a request presents, by its hash: the only query not started from a workspace. */
    byHash(tokenHash: string): (PortalLinkRecord & { readonly workspace_id: string }) | undefined {
      const row = db.select().from(portalLinks).where(eq(portalLinks.token_hash, tokenHash)).get();
      return row && { ...toPortalLinkRecord(row), workspace_id: row.workspace_id };
    },
    participant(workspaceId: string, participantId: string): PortalParticipant | undefined {
      return db
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
        .get();
    },
    insert(tx: Tx, link: NewPortalLink): void {
      tx.insert(portalLinks).values(link).run();
    },
    revoke(tx: Tx, workspaceId: string, id: string, at: string): void {
      tx.update(portalLinks)
        .set({ revoked_at: at })
        .where(and(eq(portalLinks.workspace_id, workspaceId), eq(portalLinks.id, id)))
        .run();
    },
    markOpened(tx: Tx, workspaceId: string, id: string, at: string): void {
      tx.update(portalLinks)
        .set({ last_opened_at: at })
        .where(and(eq(portalLinks.workspace_id, workspaceId), eq(portalLinks.id, id)))
        .run();
    },
    /**
     * Appends to the participant's audit log (append-only: the events table refuses changes): their link's
     * events, and the recording of their self-identification (which shares the link's way in).
     */
    appendEvents(
      tx: Tx,
      participant: Pick<PortalParticipant, 'workspace_id' | 'evaluation_template_id'>,
      emitted: readonly (PortalLinkEvent | SelfIdentificationEvent)[],
    ): void {
      for (const e of emitted) {
        tx.insert(events).values(portalEventRow(participant, e)).run();
      }
    },
  };
}
