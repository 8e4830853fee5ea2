import { and, eq, sql } from 'drizzle-orm';
import type { PgExec } from '../client.ts';
import { inWorkspace, prepared } from '../prepared.ts';
import { idempotencyKeys } from '../schema.ts';

// Every keyed command asks (docs/decisions/037-prepared-queries-on-postgresql.md).
const firstUse = prepared('idempotency_seen', (db) =>
  db
    .select({
      scope: idempotencyKeys.scope,
      request_hash: idempotencyKeys.request_hash,
      response: idempotencyKeys.response,
    })
    .from(idempotencyKeys)
    .where(and(inWorkspace(idempotencyKeys.workspace_id), eq(idempotencyKeys.key, sql.placeholder('key')))),
);

/** A key's first use as stored: what a retry is compared with, and the answer it gets. */
export interface IdempotencySeen {
  readonly scope: string;
  readonly request_hash: string;
  readonly response: unknown;
}

/** Idempotency keys on PostgreSQL: the first use of a key in a workspace (docs/rules.md#idempotency). */
export function createPgIdempotencyReads(exec: PgExec) {
  return {
    async seen(workspaceId: string, key: string): Promise<IdempotencySeen | undefined> {
      const [row] = await firstUse(exec, { workspaceId, key });
      return row;
    },
  };
}
