import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import type { NewApiKey } from '../../repositories/api-keys.ts';
import type { PgExec } from '../client.ts';
import { binary } from '../for-update.ts';
import { apiKeys } from '../schema.ts';

/** Issuing, revoking and ending keys in the unit's transaction, each scoped to the workspace. */
export function createPgApiKeyWrites(tx: PgExec) {
  return {
    async insert(key: NewApiKey) {
      await tx.insert(apiKeys).values(key);
    },
    /** Stops the key at once (kept, so the list can say it was revoked). */
    async revoke(workspaceId: string, id: string, now: string) {
      await tx
        .update(apiKeys)
        .set({ revoked_at: now })
        .where(and(eq(apiKeys.workspace_id, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revoked_at)));
    },
    /** Lets the key work until `at`; an earlier end already set stays. */
    async expireAt(workspaceId: string, id: string, at: string) {
      await tx
        .update(apiKeys)
        .set({ expires_at: at })
        .where(
          and(
            eq(apiKeys.workspace_id, workspaceId),
            eq(apiKeys.id, id),
            or(isNull(apiKeys.expires_at), sql`${at} < ${binary(apiKeys.expires_at)}`),
          ),
        );
    },
  } satisfies Writes['apiKeys'];
}
