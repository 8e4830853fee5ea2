import type { PortalLinkEvent, SelfIdentificationEvent } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { type NewPortalLink, type PortalParticipant, portalEventRow } from '../../repositories/portal-links.ts';
import type { PgExec } from '../client.ts';
import { portalLinks } from '../schema.ts';
import { appendEventRows } from './events.ts';

const ofLink = (workspaceId: string, id: string) =>
  and(eq(portalLinks.workspace_id, workspaceId), eq(portalLinks.id, id));

/** Portal links' changes and the participant's events about them, in the unit's transaction. */
export function createPgPortalLinkWrites(tx: PgExec) {
  return {
    async insert(link: NewPortalLink) {
      await tx.insert(portalLinks).values(link);
    },
    async revoke(workspaceId: string, id: string, at: string) {
      await tx.update(portalLinks).set({ revoked_at: at }).where(ofLink(workspaceId, id));
    },
    async markOpened(workspaceId: string, id: string, at: string) {
      await tx.update(portalLinks).set({ last_opened_at: at }).where(ofLink(workspaceId, id));
    },
    /** Appends to the participant's audit log: their link's events and their self-identification's. */
    async appendEvents(
      participant: Pick<PortalParticipant, 'workspace_id' | 'evaluation_template_id'>,
      emitted: readonly (PortalLinkEvent | SelfIdentificationEvent)[],
    ) {
      await appendEventRows(
        tx,
        emitted.map((e) => portalEventRow(participant, e)),
      );
    },
  } satisfies Writes['portalLinks'];
}
