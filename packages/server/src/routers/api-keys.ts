import { type ApiKeySummary, writeTx } from '@stageflow/db';
import {
  API_KEY_STATUSES,
  ApiKeyScope,
  apiKeyStatus,
  CreateApiKeyInput,
  notFound,
  RevokeApiKeyInput,
  RollApiKeyInput,
  rollApiKey,
  unwrap,
} from '@stageflow/domain';
import { z } from 'zod';
import { issueApiKey } from '../auth/api-keys.ts';
import { isApiKeyScope } from '../auth/scopes.ts';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';

/** A key as the Developer page lists it: never the key, never its hash. */
const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters (`sf_live_Ab3x`), to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(ApiKeyScope),
  created_by: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  /** Set on a rolled key: it works until then. */
  expires_at: z.string().nullable(),
  status: z.enum(API_KEY_STATUSES),
});

/** A new key: `key` is shown this once and cannot be read again. */
const IssuedApiKey = z.object({ key: z.string(), api_key: ApiKey });

const toApiKey = (ctx: Context, key: ApiKeySummary): z.infer<typeof ApiKey> => ({
  ...key,
  scopes: key.scopes.filter(isApiKeyScope),
  status: apiKeyStatus(key, ctx.now()),
});

const load = (ctx: Context, id: string) =>
  unwrap(ctx.repos.apiKeys.byId(ctx.workspaceId, id) ?? notFound('API key', id));

/**
 * API keys for scripts and integrations: members with `api_keys.write` (admins and owners) only,
 * never a key itself.
 */
export const apiKeysRouter = router({
  list: scoped('api_keys.write')
    .output(z.array(ApiKey))
    .query(({ ctx }) => ctx.repos.apiKeys.list(ctx.workspaceId).map((key) => toApiKey(ctx, key))),

  create: scoped('api_keys.write')
    .input(CreateApiKeyInput)
    .output(IssuedApiKey)
    .mutation(({ ctx, input }) => {
      const issued = writeTx(ctx.db, (tx) =>
        issueApiKey(tx, ctx.repos, {
          id: ctx.newId(),
          workspaceId: ctx.workspaceId,
          name: input.name,
          scopes: input.scopes,
          createdBy: ctx.actor,
          now: ctx.now(),
        }),
      );
      return { key: issued.key, api_key: toApiKey(ctx, issued.summary) };
    }),

  /** Stops the key at once; revoking a revoked key changes nothing. */
  revoke: scoped('api_keys.write')
    .input(RevokeApiKeyInput)
    .output(ApiKey)
    .mutation(({ ctx, input }) => {
      load(ctx, input.id);
      writeTx(ctx.db, (tx) => ctx.repos.apiKeys.revoke(tx, ctx.workspaceId, input.id, ctx.now()));
      return toApiKey(ctx, load(ctx, input.id));
    }),

  /** A new key with the same name and scopes; the old one keeps working for `grace_hours`. */
  roll: scoped('api_keys.write')
    .input(RollApiKeyInput)
    .output(IssuedApiKey.extend({ previous: ApiKey }))
    .mutation(({ ctx, input }) => {
      const now = ctx.now();
      const issued = writeTx(ctx.db, (tx) => {
        const old = load(ctx, input.id);
        const { expires_at } = unwrap(rollApiKey(old, input.grace_hours, now));
        ctx.repos.apiKeys.expireAt(tx, ctx.workspaceId, old.id, expires_at);
        return issueApiKey(tx, ctx.repos, {
          id: ctx.newId(),
          workspaceId: ctx.workspaceId,
          name: old.name,
          scopes: old.scopes.filter(isApiKeyScope),
          createdBy: ctx.actor,
          now,
        });
      });
      return {
        key: issued.key,
        api_key: toApiKey(ctx, issued.summary),
        previous: toApiKey(ctx, load(ctx, input.id)),
      };
    }),
});
