import { DEFAULT_PORTAL_NOTICE_SETTINGS, type PortalNoticeSettings } from '@stageflow/domain';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { portalNoticeSettings } from '../schema/index.ts';

/** The saved row's settings, or the defaults when none is saved. Shared with the PostgreSQL engine. */
export function toNoticeSettings(row: typeof portalNoticeSettings.$inferSelect | undefined): PortalNoticeSettings {
  if (!row) return DEFAULT_PORTAL_NOTICE_SETTINGS;
  const { workspace_id: _, ...settings } = row;
  return settings;
}

/** A workspace's AI notice settings (docs/entities.md#portal-notice-settings); the defaults until first saved. */
export function createPortalNoticeRepository(db: Db) {
  const byWorkspace = db
    .select()
    .from(portalNoticeSettings)
    .where(eq(portalNoticeSettings.workspace_id, sql.placeholder('ws')))
    .prepare();
  return {
    get(workspaceId: string): PortalNoticeSettings {
      return toNoticeSettings(byWorkspace.get({ ws: workspaceId }));
    },
    /** The whole row, inserted or replaced, in the caller's transaction. */
    save(tx: Tx, workspaceId: string, settings: PortalNoticeSettings & { updated_at: string; updated_by: string }) {
      const row = { ...settings, workspace_id: workspaceId };
      tx.insert(portalNoticeSettings)
        .values(row)
        .onConflictDoUpdate({ target: portalNoticeSettings.workspace_id, set: row })
        .run();
    },
  };
}
