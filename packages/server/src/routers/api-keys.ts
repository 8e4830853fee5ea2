import type { ApiKeySummary } from '@stageflow/db';
import {
  API_KEY_STATUSES,
  ApiKeyScope,
  apiKeyStatus,
  CreateApiKeyInput,
  RevokeApiKeyInput,
  RollApiKeyInput,
} from '@stageflow/domain';
import { z } from 'zod';
import { issueApiKey, revokeApiKey, rollApiKeyOf } from '../application/api-keys.ts';
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

/**
 * API keys for scripts and integrations: members with `api_keys.write` (admins and owners) only,
 * never a key itself.
 */
export const apiKeysRouter = router({
  list: scoped('api_keys.write')
    .output(z.array(ApiKey))
    .query(async ({ ctx }) => (await ctx.reads.apiKeys.list(ctx.workspaceId)).map((key) => toApiKey(ctx, key))),

  create: scoped('api_keys.write')
    .input(CreateApiKeyInput)
    .output(IssuedApiKey)
    .mutation(async ({ ctx, input }) => {
      const issued = await issueApiKey(ctx, input);
      return { key: issued.key, api_key: toApiKey(ctx, issued.summary) };
    }),

  /** Stops the key at once; revoking a revoked key changes nothing. */
  revoke: scoped('api_keys.write')
    .input(RevokeApiKeyInput)
    .output(ApiKey)
    .mutation(async ({ ctx, input }) => toApiKey(ctx, await revokeApiKey(ctx, input.id))),

  /** A new key with the same name and scopes; the old one keeps working for `grace_hours`. */
  roll: scoped('api_keys.write')
    .input(RollApiKeyInput)
    .output(IssuedApiKey.extend({ previous: ApiKey }))
    .mutation(async ({ ctx, input }) => {
      const rolled = await rollApiKeyOf(ctx, input.id, input.grace_hours);
      return { key: rolled.key, api_key: toApiKey(ctx, rolled.summary), previous: toApiKey(ctx, rolled.previous) };
    }),
});
