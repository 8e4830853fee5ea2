import type { PortalNoticeSettings } from '@stageflow/domain';
import { eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { toNoticeSettings } from '../../repositories/portal-notice.ts';
import type { PgExec } from '../client.ts';
import { forUpdateIf } from '../for-update.ts';
import { portalNoticeSettings } from '../schema.ts';

/** A workspace's AI notice settings on PostgreSQL; in a write unit (`inWrite`) the saved row is locked. */
export function createPgPortalNoticeReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async get(workspaceId: string): Promise<PortalNoticeSettings> {
      const query = exec
        .select()
        .from(portalNoticeSettings)
        .where(eq(portalNoticeSettings.workspace_id, workspaceId))
        .$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return toNoticeSettings(row);
    },
  } satisfies Reads['portalNotice'];
}
