import type { ApiKeySummary } from '@stageflow/db';
import { type ApiKeyScopeChoice, rollApiKey, unwrap } from '@stageflow/domain';
import { generateApiKey, newApiKey } from '../auth/api-keys.ts';
import { isApiKeyScope } from '../auth/scopes.ts';
import type { AppContext } from './context.ts';

/** Who issues keys: a member through the API, or an operator through the CLI (`actor: 'cli'`). */
export type KeyIssuer = Pick<AppContext, 'storage' | 'workspaceId' | 'actor' | 'now' | 'newId'>;

export interface IssuedKey {
  /** Shown this once: only its hash is stored. */
  readonly key: string;
  readonly summary: ApiKeySummary;
}

/** A new key in the caller's workspace. */
export async function issueApiKey(
  ctx: KeyIssuer,
  input: { name: string; scopes: readonly ApiKeyScopeChoice[] },
): Promise<IssuedKey> {
  const issued = newApiKey({
    id: ctx.newId(),
    workspaceId: ctx.workspaceId,
    name: input.name,
    scopes: input.scopes,
    createdBy: ctx.actor,
    now: ctx.now(),
  });
  await ctx.storage.apiKeys.issue(issued.row);
  return { key: issued.key, summary: issued.summary };
}

/** Stops the key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: KeyIssuer, id: string): Promise<ApiKeySummary> {
  const now = ctx.now();
  return unwrap(
    await ctx.storage.apiKeys.change(ctx.workspaceId, id, (key) => ({ revoked_at: key.revoked_at ?? now })),
  );
}

/**
 * A new key with the old one's name and scopes, in one transaction with the old key's new end (the
 * domain's roll policy: it keeps working for the grace period, and a dead key is not revived).
 */
export async function rollApiKeyOf(
  ctx: KeyIssuer,
  id: string,
  graceHours: number,
): Promise<IssuedKey & { previous: ApiKeySummary }> {
  const now = ctx.now();
  const newId = ctx.newId();
  // Made before the transaction, so the step stays pure: it only names the new key's row.
  const material = generateApiKey();
  let issued: ReturnType<typeof newApiKey> | undefined;
  const previous = await ctx.storage.apiKeys.change(ctx.workspaceId, id, (old) => {
    const rolled = rollApiKey(old, graceHours, now);
    if (rolled instanceof Error) return rolled;
    const scopes = old.scopes.filter(isApiKeyScope);
    issued = newApiKey(
      { id: newId, workspaceId: ctx.workspaceId, name: old.name, scopes, createdBy: ctx.actor, now },
      material,
    );
    return { expires_at: rolled.expires_at, issue: issued.row };
  });
  const summary = unwrap(previous);
  // A step that returned no refusal named the new key.
  return { key: issued!.key, summary: issued!.summary, previous: summary };
}
