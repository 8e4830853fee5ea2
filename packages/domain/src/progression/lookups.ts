import type { Decision, Session, StageProgress } from './entities.ts';
import type { ParticipantState, ProgressionStage, ProgressionTemplate } from './state.ts';

// Private twins of what the pipeline module may also offer: progression keeps its own so the two
// modules can be written independently.

/** The template's stages that have a place in the order and `keep` picks, in `stage_order`. */
const placedInOrder = (template: ProgressionTemplate, keep: (stage: ProgressionStage) => boolean) =>
  template.stages
    .filter((s) => s.stage_order !== null && keep(s))
    .sort((a, b) => (a.stage_order ?? 0) - (b.stage_order ?? 0));

/** Active stages in `stage_order`; drafts keep their place in the order but are never entered. */
export const activeStagesInOrder = (template: ProgressionTemplate): ProgressionStage[] =>
  placedInOrder(template, (s) => s.status === 'active');

export const liveStage = (template: ProgressionTemplate, stageId: string): ProgressionStage | undefined =>
  template.stages.find((s) => s.id === stageId && s.status !== 'archived' && s.stage_order !== null);

/**
 * The first active stage after position `afterOrder` (-1: from the start) that the participant has not
 * been in yet, and the draft stages passed over on the way, for the audit trail. A stage already entered
 * is never entered again, even when a reorder has moved it after the participant's current one: their
 * progress there (and its attempts) is history, not a fresh start.
 */
export function nextActiveStage(
  template: ProgressionTemplate,
  afterOrder: number,
  entered: { has(stageId: string): boolean } = NONE_ENTERED,
): { next: ProgressionStage | null; skippedDrafts: ProgressionStage[] } {
  // One pass over the active and draft stages after `afterOrder`, in order: every enrolment and advance asks.
  const ahead = placedInOrder(
    template,
    (s) => (s.status === 'active' || s.status === 'draft') && (s.stage_order ?? 0) > afterOrder,
  );
  const skippedDrafts: ProgressionStage[] = [];
  for (const s of ahead) {
    if (s.status === 'draft') skippedDrafts.push(s);
    else if (!entered.has(s.id)) {
      return { next: s, skippedDrafts: skippedDrafts.filter((d) => (d.stage_order ?? 0) < (s.stage_order ?? 0)) };
    }
  }
  return { next: null, skippedDrafts };
}
const NONE_ENTERED = { has: () => false };

/**
 * The stage the participant enters on leaving `from` (`null`: on enrolment) by today's order: the
 * advance moves them there, and the outlook announces it.
 */
export const nextStageFor = (state: ParticipantState, from: ProgressionStage | null) =>
  nextActiveStage(state.template, from?.stage_order ?? -1, {
    has: (stageId) => state.progress.some((p) => p.stage_id === stageId),
  });

export const openProgress = (state: ParticipantState): StageProgress | undefined =>
  state.progress.find((p) => p.left_at === null);

export const attemptsAllowed = (progress: Pick<StageProgress, 'rules' | 'retakes_granted'>): number =>
  progress.rules.max_attempts + progress.retakes_granted;

const isOpen = (s: Session) => s.status === 'scheduled' || s.status === 'in_progress';

export const openSessionsAt = (state: ParticipantState, stageId: string): Session[] =>
  state.sessions.filter((s) => s.stage_id === stageId && isOpen(s));

export const openDecisionsAt = (state: ParticipantState, stageId: string): Decision[] =>
  state.decisions.filter((d) => d.stage_id === stageId && d.status === 'open');

/** The latest completed session at a stage: its completion time starts the retake cool-down. */
export function lastCompletedSession(state: ParticipantState, stageId: string): Session | undefined {
  let last: Session | undefined;
  for (const s of state.sessions) {
    if (s.stage_id !== stageId || s.status !== 'completed' || s.completed_at === null) continue;
    if (!last?.completed_at || Date.parse(s.completed_at) >= Date.parse(last.completed_at)) last = s;
  }
  return last;
}

const HOUR_MS = 3_600_000;

/**
 * The retake cool-down at a stage: it starts when the last attempt there completed and lasts the
 * snapshot's hours. `null` when the stage has none or nothing has completed there yet; whether it is
 * still running depends on the time asked about.
 */
export function retakeCooldown(
  state: ParticipantState,
  progress: StageProgress,
): { readonly hours: number; readonly completedAt: string; readonly endsAt: string } | null {
  const hours = progress.rules.retake_cooldown_hours;
  const completedAt = lastCompletedSession(state, progress.stage_id)?.completed_at;
  if (hours === 0 || !completedAt) return null;
  return { hours, completedAt, endsAt: new Date(Date.parse(completedAt) + hours * HOUR_MS).toISOString() };
}

/**
 * How a staff refusal names a stage and a participant: by name, as the dashboard shows them, never by id
 * (docs/errors.md#domain-error-codes). The caller of the API named the participant already; the name says which.
 */
export const describeStage = (stage: Pick<ProgressionStage, 'stage_name'>) => `stage "${stage.stage_name}"`;
