import { movingClock, NOW } from '@stageflow/testing';
import { createCaller } from './caller.ts';
import { createInnerContext } from './context.ts';
import type { ApiKit } from './testing.ts';

type Setup = ApiKit;

/**
 * The owner's caller in workspace `a` with a clock the test moves: what the cool-down tests need,
 * since `setupApi`'s callers all live at one fixed instant.
 */
export function clockedApi(t: Setup, start = NOW) {
  const clock = movingClock(start);
  const api = createCaller(
    createInnerContext(
      t.deps,
      { kind: 'user', userId: `owner-of-${t.workspaceId}`, workspaceId: t.workspaceId, role: 'owner' },
      { now: clock.now },
    ),
  );
  return { api, ...clock };
}

/** The participant's progress row at one stage, read through `participants.byId`. */
export async function progressAt(api: Setup['api'], participantId: string, stageId: string) {
  const page = await api.participants.byId({ id: participantId });
  const progress = page.progress.find((p) => p.stage_id === stageId);
  if (!progress) throw new Error(`participant ${participantId} has no progress at stage ${stageId}`);
  return progress;
}
