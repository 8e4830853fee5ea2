import type { Reads } from '@stageflow/db';
import type { Logger } from './logger.ts';

/** The CLI command that makes an existing account a workspace's owner (apps/api/src/cli/cli.ts). */
export const makeOwnerCommand = (slug: string) =>
  `pnpm stageflow member set-role --workspace ${slug} --email <their email> --role owner`;

/**
 * What a start checks in the data and logs for the operator, each with the command that fixes it
 * (docs/architecture.md#start-up). Never fatal: the server starts whatever it finds.
 *
 * - A workspace without an owner: nobody can manage its members, its ownership or, with no admin,
 *   its API keys. A workspace made by `pnpm stageflow workspace create` has none until one is added.
 */
export async function checkAtStart(reads: Reads, log: Logger): Promise<void> {
  try {
    for (const workspace of await reads.workspaces.withoutOwner()) {
      log.warn(
        { workspace: workspace.slug, fix: makeOwnerCommand(workspace.slug) },
        `workspace "${workspace.slug}" has no owner, so nobody can manage its members and ownership. ` +
          `Make an account its owner: ${makeOwnerCommand(workspace.slug)} ` +
          `(or a new account: pnpm stageflow user create --email <email> --workspace ${workspace.slug} --role owner)`,
      );
    }
  } catch (error) {
    log.error({ err: error }, 'start-up checks failed; the server starts anyway');
  }
}
