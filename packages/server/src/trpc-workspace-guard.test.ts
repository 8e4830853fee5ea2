import { describe, expect, test } from 'vitest';
import type { Principal } from './auth/principal.ts';
import { createCaller } from './caller.ts';
import { type BaseContext, createInnerContext } from './context.ts';
import { setupApi } from './testing.ts';
import { buildPipeline, person } from './testing-pipeline.ts';

/**
 * The guard hands a context from `createInnerContext` on as it is (its workspace and actor worked out already);
 * any other context is given the workspace and actor the principal's access names. Either way a procedure sees
 * the caller's own workspace and records them as its actor.
 */
describe("a workspace procedure's context", () => {
  const owner = (workspaceId: string): Principal => ({ kind: 'user', userId: 'u-1', workspaceId, role: 'owner' });

  test.each([
    ['as createInnerContext made it', (ctx: BaseContext) => ctx],
    ['without the workspace and actor', ({ workspaceId: _, actor: __, ...ctx }: BaseContext) => ctx],
    [
      "naming another workspace and actor than the principal's",
      (ctx: BaseContext) => ({
        ...ctx,
        workspaceId: crypto.randomUUID(),
        actor: 'user:someone-else',
      }),
    ],
  ])('%s: the caller’s workspace, their name in the audit trail', async (_, shape) => {
    const t = setupApi();
    const { template } = await buildPipeline(t.api);
    const api = createCaller(
      shape(createInnerContext(t.deps, owner(t.workspaceId), { now: () => '2026-01-01T00:00:00.000Z' })),
    );

    expect((await api.templates.list({})).map((x) => x.id)).toEqual([template.id]);
    const ann = await api.participants.create({ evaluation_template_id: template.id, ...person('Ann') });
    const events = await api.events.list({ participant_id: ann.id });
    expect(events.items.map((e) => e.actor)).toEqual(events.items.map(() => 'user:u-1'));
    expect(events.items.length).toBeGreaterThan(0);
  });
});
