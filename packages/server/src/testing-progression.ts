import { createCaller } from './caller.ts';
import { createInnerContext } from './context.ts';
import type { setupApi } from './testing.ts';

type Setup = ReturnType<typeof setupApi>;

export const HOUR_MS = 3_600_000;
export const T0 = '2026-11-29T10:00:00.000Z';
export const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();

/**
 * The owner's caller in workspace `a` with a clock the test moves: what the cool-down tests need,
 * since `setupApi`'s callers all live at one fixed instant.
 */
export function clockedApi(t: Setup, start = T0) {
  let now = Date.parse(start);
  const api = createCaller(
    createInnerContext(
      t.deps,
      { kind: 'user', userId: `owner-of-${t.workspaceId}`, workspaceId: t.workspaceId, role: 'owner' },
      { now: () => new Date(now).toISOString() },
    ),
  );
  return {
    api,
    now: () => new Date(now).toISOString(),
    advanceHours(hours: number) {
      now += hours * HOUR_MS;
    },
  };
}

/** The participant's progress row at one stage, read through `participants.byId`. */
export async function progressAt(api: Setup['api'], participantId: string, stageId: string) {
  const page = await api.participants.byId({ id: participantId });
  const progress = page.progress.find((p) => p.stage_id === stageId);
  if (!progress) throw new Error(`participant ${participantId} has no progress at stage ${stageId}`);
  return progress;
}
