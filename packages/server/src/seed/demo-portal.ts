import { randomUUID } from 'node:crypto';
import type { StoragePort } from '@stageflow/db';
import { DEFAULT_PORTAL_LINK_DAYS } from '@stageflow/domain';
import { createPortalLink } from '../application/portal-links.ts';
import type { Logger } from '../logger.ts';
import { DEMO_MARKER, type DemoSeedOptions, demoWanted } from './demo-workspace.ts';

/** The demo participant's portal, as a start prints it. */
export interface DemoPortal {
  readonly name: string;
  /** `PUBLIC_URL/p/<token>`: working until the next start replaces it. */
  readonly url: string;
}

/**
 * A new portal link for the demo participant (docs/architecture.md#demo-data), so a newcomer opens the
 * portal from the start's output in one click. A link's token is stored only as a hash and shown once,
 * so each start makes a new one (the one before stops working), recorded as made by `system`. Only on a
 * database with demo data, where demo data is wanted (`demoWanted`: served locally, or DEMO=1), while that
 * participant is still there. Never throws: a problem is logged and nothing is printed.
 */
export async function rotateDemoPortalLink(
  deps: { storage: StoragePort; log: Logger },
  options: Required<Pick<DemoSeedOptions, 'now' | 'publicUrl'>> & Pick<DemoSeedOptions, 'demo'>,
): Promise<DemoPortal | null> {
  const { log } = deps;
  const reads = deps.storage.reads;
  try {
    const marker = (await reads.instance.marker(DEMO_MARKER))?.value;
    const workspaceId = marker?.workspace_id;
    const participantId = marker?.portal_participant_id;
    if (typeof workspaceId !== 'string' || typeof participantId !== 'string') return null;
    if (!demoWanted(options).seed) return null;
    const participant = await reads.portalLinks.participant(workspaceId, participantId);
    if (!participant) {
      log.debug('demo data: the demo portal participant is gone, so no portal link is printed');
      return null;
    }
    const { token } = await createPortalLink(
      {
        storage: deps.storage,
        reads: deps.storage.reads,
        workspaceId,
        actor: 'system',
        now: () => options.now,
        newId: randomUUID,
      },
      { participant_id: participantId, expires_in_days: DEFAULT_PORTAL_LINK_DAYS },
    );
    return { name: participant.name, url: `${options.publicUrl.replace(/\/+$/, '')}/p/${token}` };
  } catch (error) {
    log.warn({ err: error }, 'demo data: the demo portal link could not be made; the server starts without it');
    return null;
  }
}
