import {
  type PortalNoticeSettings,
  portalNoticeSettings,
  type UpdatePortalNoticeInput,
  unwrap,
} from '@stageflow/domain';
import type { z } from 'zod';
import type { AppContext } from './context.ts';

/**
 * A workspace's AI notice settings (docs/entities.md#portal-notice-settings): what every AI notice
 * says about who runs the evaluation, whom to contact, and how long transcripts are kept.
 */
export async function savePortalNotice(
  ctx: AppContext,
  input: z.output<typeof UpdatePortalNoticeInput>,
): Promise<PortalNoticeSettings> {
  const saved = { at: ctx.now(), by: ctx.actor };
  return unwrap(
    await ctx.storage.portalNotice.change(ctx.workspaceId, () => {
      const next = portalNoticeSettings(input, saved);
      return { ...next, updated_at: saved.at, updated_by: saved.by };
    }),
  );
}
