import { createHash } from 'node:crypto';
import { conflict, type DomainError, refusal } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client.ts';
import { idempotencyKeys } from '../schema/index.ts';
import type { Idempotency } from '../storage/port.ts';

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * A retried request with the same key gets the first answer; the same key on a different request
 * is refused. Runs inside the caller's transaction, so the answer and the work commit together.
 */
export function withIdempotency<T>(
  tx: Tx,
  workspaceId: string,
  idempotency: Idempotency | undefined,
  work: () => T | DomainError,
): T | DomainError {
  if (!idempotency) return work();
  const { key, scope, request, now } = idempotency;
  const requestHash = hash(request);
  const seen = tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.workspace_id, workspaceId), eq(idempotencyKeys.key, key)))
    .get();
  if (seen) {
    if (seen.scope === scope && seen.request_hash === requestHash) return seen.response as T;
    return conflict(`Idempotency key "${key}" was already used for a different request`, refusal('idempotencyReused'));
  }
  const result = work();
  if (result instanceof Error) return result;
  tx.insert(idempotencyKeys)
    .values({ workspace_id: workspaceId, key, scope, request_hash: requestHash, response: result, created_at: now })
    .run();
  return result;
}
