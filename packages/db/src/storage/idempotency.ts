import { createHash } from 'node:crypto';
import { conflict, type DomainError, refusal } from '@stageflow/domain';
import type { ReadStep, TxSteps } from '../reads.ts';
import type { Idempotency } from './port.ts';

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * A retried request with the same key gets the first answer; the same key on a different request
 * is refused. Runs inside the caller's transaction, so the answer and the work commit together.
 */
export function* withIdempotency<T>(
  t: TxSteps,
  workspaceId: string,
  idempotency: Idempotency | undefined,
  work: () => ReadStep<T | DomainError>,
): ReadStep<T | DomainError> {
  if (!idempotency) return yield* work();
  const { key, scope, request, now } = idempotency;
  const requestHash = hash(request);
  const seen = yield* t.idempotency.seen(workspaceId, key);
  if (seen) {
    if (seen.scope === scope && seen.request_hash === requestHash) return seen.response as T;
    return conflict(`Idempotency key "${key}" was already used for a different request`, refusal('idempotencyReused'));
  }
  const result = yield* work();
  if (result instanceof Error) return result;
  yield* t.idempotency.remember({
    workspace_id: workspaceId,
    key,
    scope,
    request_hash: requestHash,
    response: result,
    created_at: now,
  });
  return result;
}
