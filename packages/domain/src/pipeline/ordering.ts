import { badInput, conflict, DomainError, type FieldIssue, notFound } from '../errors.ts';
import type { LifecycleStatus } from '../schemas/common.ts';

/** What the ordering rules need to know about a stage; any richer stage type passes through unchanged. */
export interface OrderedStage {
  readonly id: string;
  readonly stage_order: number | null;
  readonly status: LifecycleStatus;
  /** What refusals call the stage: staff read names, not ids (docs/errors.md#domain-error-codes). */
  readonly stage_name?: string;
}

/** `stage "Technical"`: how a refusal names a stage; the id only when the stage has no name to give. */
export const stageLabel = (stage: OrderedStage) =>
  stage.stage_name ? `stage "${stage.stage_name}"` : `stage ${stage.id}`;

/**
 * A template holds at most this many live stages, because `reorder` must be able to name them all
 * and its input takes at most 200 ids (ReorderStagesInput).
 */
export const MAX_LIVE_STAGES = 200;

const isLive = (stage: OrderedStage) => stage.status !== 'archived';

/** Live stages without a place (which a valid pipeline never has) sort last rather than first. */
const rank = (stage: OrderedStage) => stage.stage_order ?? Number.POSITIVE_INFINITY;

/** The draft and active stages, in pipeline order. Ties keep their array order (the sort is stable). */
export function liveStages<T extends OrderedStage>(stages: readonly T[]): T[] {
  return stages.filter(isLive).sort((a, b) => rank(a) - rank(b));
}

/**
 * The one way every rule below builds its answer: the live stages numbered 0..n-1 in the given
 * order, then the archived ones with no place. Stages whose place did not change are returned as
 * the same objects, so `changedStages` and the database see only real changes.
 */
function arrange<T extends OrderedStage>(live: readonly T[], archived: readonly T[]): T[] {
  return [...live.map((stage, index) => placed(stage, index)), ...archived.map((stage) => placed(stage, null))];
}

function placed<T extends OrderedStage>(stage: T, order: number | null): T {
  return stage.stage_order === order ? stage : { ...stage, stage_order: order };
}

const archivedOf = <T extends OrderedStage>(stages: readonly T[]) => stages.filter((s) => !isLive(s));

const without = <T extends OrderedStage>(stages: readonly T[], id: string) => stages.filter((s) => s.id !== id);

const insertedAt = <T>(list: readonly T[], item: T, at: number) => [...list.slice(0, at), item, ...list.slice(at)];

function positionError(position: number, last: number): DomainError | undefined {
  if (Number.isInteger(position) && position >= 0 && position <= last) return undefined;
  return badInput(['stage_order'], last === 0 ? 'must be 0' : `must be between 0 and ${last}`);
}

/** Refuses adding stages past MAX_LIVE_STAGES (used by insert and by import). */
export function roomForStages(liveCount: number, adding: number): DomainError | undefined {
  if (liveCount + adding <= MAX_LIVE_STAGES) return undefined;
  return conflict(
    `A pipeline holds at most ${MAX_LIVE_STAGES} live stages; this one has ${liveCount} and ${adding} more would not fit: archive some first`,
  );
}

/** The live stage with this id: an unknown id is NOT_FOUND, an archived stage a CONFLICT. */
function findStage<T extends OrderedStage>(stages: readonly T[], id: string, doing: string): T | DomainError {
  const stage = stages.find((s) => s.id === id);
  if (!stage) return notFound('Evaluation stage', id);
  if (!isLive(stage)) return conflict(`The ${stageLabel(stage)} is archived, so it cannot be ${doing}`);
  return stage;
}

/**
 * Adds a stage at `at` (omitted: at the end). Stages at `at` and after shift down by one.
 * `at` may be 0..n, where n is the number of live stages.
 */
export function insertStage<T extends OrderedStage>(stages: readonly T[], stage: T, at?: number): T[] | DomainError {
  if (stages.some((s) => s.id === stage.id)) return conflict(`The ${stageLabel(stage)} already exists`);
  if (!isLive(stage)) return badInput(['status'], 'a new stage cannot be archived');
  const live = liveStages(stages);
  const position = at ?? live.length;
  const error = roomForStages(live.length, 1) ?? positionError(position, live.length);
  if (error) return error;
  return arrange(insertedAt(live, stage, position), archivedOf(stages));
}

/** Moves a live stage to `to` (0..n-1); the stages between its old and new place shift by one. */
export function moveStage<T extends OrderedStage>(stages: readonly T[], id: string, to: number): T[] | DomainError {
  const stage = findStage(stages, id, 'moved');
  if (stage instanceof DomainError) return stage;
  const others = without(liveStages(stages), id);
  const error = positionError(to, others.length);
  if (error) return error;
  return arrange(insertedAt(others, stage, to), archivedOf(stages));
}

/**
 * Why a live stage cannot be archived, if it cannot: `activeParticipants` are in it now, and archiving
 * would strand them (docs/rules.md#archiving-and-deleting-a-stage). The stages page asks this before it
 * offers Archive; `archiveStage` refuses with the same words.
 */
export function archiveRefusal(stage: OrderedStage, activeParticipants: number): DomainError | undefined {
  if (activeParticipants <= 0) return undefined;
  return conflict(
    `The ${stageLabel(stage)} has ${countOf(activeParticipants, 'active participant')} in it: move them on before archiving it`,
  );
}

/**
 * Why a stage cannot be deleted, if it cannot: `references` records (progress, sessions) point at it,
 * so it can only be archived, which keeps their history. Asked by the stages page and `removeStage` alike.
 */
export function deleteRefusal(stage: OrderedStage, references: number): DomainError | undefined {
  if (references <= 0) return undefined;
  return conflict(
    `The ${stageLabel(stage)} is used by ${countOf(references, 'participant record')}, so it cannot be deleted: archive it instead`,
  );
}

/** Archives a live stage: it leaves the order and the gap closes, unless `archiveRefusal` says no. */
export function archiveStage<T extends OrderedStage>(
  stages: readonly T[],
  id: string,
  activeParticipants = 0,
): T[] | DomainError {
  const stage = findStage(stages, id, 'archived again');
  if (stage instanceof DomainError) return stage;
  const refused = archiveRefusal(stage, activeParticipants);
  if (refused) return refused;
  const archived: T = { ...stage, status: 'archived' };
  return arrange(without(liveStages(stages), id), [...archivedOf(stages), archived]);
}

/**
 * Deletes a stage (live or archived) for good; a live one's gap closes. `references` is how many
 * records (progress, sessions, decisions) point at it: such a stage can only be archived.
 */
export function removeStage<T extends OrderedStage>(
  stages: readonly T[],
  id: string,
  references = 0,
): T[] | DomainError {
  const stage = stages.find((s) => s.id === id);
  if (!stage) return notFound('Evaluation stage', id);
  const refused = deleteRefusal(stage, references);
  if (refused) return refused;
  const rest = without(stages, id);
  return arrange(liveStages(rest), archivedOf(rest));
}

/** Puts the live stages in the order of `ids`, which must name every live stage exactly once. */
export function reorderStages<T extends OrderedStage>(stages: readonly T[], ids: readonly string[]): T[] | DomainError {
  const live = liveStages(stages);
  const byId = new Map(live.map((s) => [s.id, s]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const atIndex = (index: number, message: string) => ({ path: ['stage_ids', index], message });
  ids.forEach((id, index) => {
    if (!byId.has(id)) issues.push(atIndex(index, `${id} is not a live stage of this template`));
    else if (seen.has(id)) issues.push(atIndex(index, `${id} is named more than once`));
    seen.add(id);
  });
  const missing = live.filter((s) => !seen.has(s.id)).map((s) => s.id);
  if (missing.length > 0) issues.push({ path: ['stage_ids'], message: `missing ${missing.join(', ')}` });
  if (issues.length > 0) {
    const details = issues.map((i) => i.message).join('; ');
    return new DomainError('BAD_REQUEST', `stage_ids: must name every live stage exactly once (${details})`, issues);
  }
  // Every id was checked against byId above.
  const ordered = ids.map((id) => byId.get(id)!);
  return arrange(ordered, archivedOf(stages));
}

/**
 * The stages of `after` that are new or whose place or status differs from `before`: the only
 * rows a change of order needs to write. (Stages gone from `after` are the caller's to delete.)
 */
export function changedStages<T extends OrderedStage>(before: readonly T[], after: readonly T[]): T[] {
  const previous = new Map(before.map((s) => [s.id, s]));
  return after.filter((stage) => {
    const old = previous.get(stage.id);
    return !old || old.stage_order !== stage.stage_order || old.status !== stage.status;
  });
}

const countOf = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
