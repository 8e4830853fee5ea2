import type { RouterOutputs } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';

export type StageUsage = RouterOutputs['stages']['usage'][number];

/** What a stage card offers to take the stage out of the pipeline, and why not the rest. */
export interface StageRemovalOffer {
  archive: boolean;
  delete: boolean;
  /** Beside the buttons when something is not offered: the reason, in a sentence. */
  reason?: string;
}

/**
 * Offers only what the server would accept (docs/rules.md#archiving-and-deleting-a-stage): the server's
 * `stages.usage` says, per stage, whether archiving or deleting would be refused; this only words it.
 * Unknown usage (still loading) keeps Delete back until it is known to be safe; usage that could not be
 * loaded offers both, and the server's answer shows in the dialog.
 */
export function removalOffer(usage: StageUsage | undefined, state: 'loading' | 'loaded' | 'failed'): StageRemovalOffer {
  if (state === 'failed') return { archive: true, delete: true };
  if (!usage) return { archive: true, delete: false };
  if (usage.archive_refused) {
    return {
      archive: false,
      delete: false,
      reason: `${plural(usage.active_participants, 'participant is', 'participants are')} in this stage now: move them on before archiving it.`,
    };
  }
  if (usage.delete_refused) {
    return {
      archive: true,
      delete: false,
      reason:
        'People have been through this stage, so it can be archived but not deleted: archiving keeps their history.',
    };
  }
  return { archive: true, delete: true };
}
