/** The API key the repository tests store (api-keys.test.ts, kept-while-unchanged.test.ts): `events.read`, made by the CLI. */
import type { NewApiKey } from './api-keys.ts';

export const KEY_ID = '00000000-0000-4000-8000-000000000001';
export const KEY_HASH = 'h'.repeat(64);

export const ciKey = (workspaceId: string): NewApiKey => ({
  id: KEY_ID,
  workspace_id: workspaceId,
  name: 'CI',
  prefix: 'sf_live_Ab3x',
  key_hash: KEY_HASH,
  scopes: ['events.read'],
  created_by: 'cli',
  created_at: '2026-01-01T00:00:00.000Z',
});
