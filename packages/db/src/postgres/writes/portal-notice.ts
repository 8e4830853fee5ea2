import type { PortalNoticeSettings } from '@stageflow/domain';
import type { Writes } from '../../reads.ts';
import type { PgExec } from '../client.ts';
import { portalNoticeSettings } from '../schema.ts';

/** The workspace's notice settings, inserted or replaced whole, in the unit's transaction. */
export function createPgPortalNoticeWrites(tx: PgExec) {
  return {
    async save(workspaceId: string, settings: PortalNoticeSettings & { updated_at: string; updated_by: string }) {
      const row = { ...settings, workspace_id: workspaceId };
      await tx
        .insert(portalNoticeSettings)
        .values(row)
        .onConflictDoUpdate({ target: portalNoticeSettings.workspace_id, set: row });
    },
  } satisfies Writes['portalNotice'];
}
