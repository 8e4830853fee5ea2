import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isDomainError } from '../errors.ts';
import type { LifecycleStatus } from '../schemas/common.ts';
import {
  archiveStage,
  changedStages,
  insertStage,
  liveStages,
  moveStage,
  type OrderedStage,
  removeStage,
  reorderStages,
} from './ordering.ts';
import { frozen } from './test-stages.ts';

/**
 * Random sequences of pipeline edits, valid and invalid mixed, checked against a tiny model: the
 * live ids in order and the archived ids. A small id pool makes collisions, unknown ids and
 * re-used ids after a delete common; positions run one past each end.
 */
type Op =
  | { kind: 'insert'; id: string; at: number | undefined; status: 'draft' | 'active' }
  | { kind: 'move'; id: string; to: number }
  | { kind: 'archive'; id: string }
  | { kind: 'remove'; id: string }
  | { kind: 'reorder'; ids: string[] }
  | { kind: 'shuffle'; keys: number[] };

interface Model {
  live: string[];
  archived: string[];
}

const id = fc.constantFrom('s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7');
const position = fc.integer({ min: -1, max: 9 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    id,
    at: fc.option(position, { nil: undefined }),
    status: fc.constantFrom('draft' as const, 'active' as const),
  }),
  fc.record({ kind: fc.constant('move' as const), id, to: position }),
  fc.record({ kind: fc.constant('archive' as const), id }),
  fc.record({ kind: fc.constant('remove' as const), id }),
  fc.record({ kind: fc.constant('reorder' as const), ids: fc.array(id, { maxLength: 9 }) }),
  fc.record({ kind: fc.constant('shuffle' as const), keys: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }) }),
);

const newStage = (stageId: string, status: LifecycleStatus): OrderedStage => ({
  id: stageId,
  stage_order: null,
  status,
});

/** A valid permutation of the live stages, from random sort keys. */
const shuffled = (live: readonly string[], keys: readonly number[]) =>
  live
    .map((stageId, i) => ({ stageId, key: keys[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((k) => k.stageId);

function apply(stages: readonly OrderedStage[], model: Model, o: Op) {
  switch (o.kind) {
    case 'insert':
      return insertStage(stages, newStage(o.id, o.status), o.at);
    case 'move':
      return moveStage(stages, o.id, o.to);
    case 'archive':
      return archiveStage(stages, o.id);
    case 'remove':
      return removeStage(stages, o.id);
    case 'reorder':
      return reorderStages(stages, o.ids);
    case 'shuffle':
      return reorderStages(stages, shuffled(model.live, o.keys));
  }
}

/** The model's answer: the next model when the edit is valid, undefined when it must be refused. */
function expected(model: Model, o: Op): Model | undefined {
  const { live, archived } = model;
  const exists = (s: string) => live.includes(s) || archived.includes(s);
  const inRange = (n: number, last: number) => n >= 0 && n <= last;
  const spliced = (list: string[], at: number, s: string) => [...list.slice(0, at), s, ...list.slice(at)];
  switch (o.kind) {
    case 'insert': {
      const at = o.at ?? live.length;
      return !exists(o.id) && inRange(at, live.length) ? { live: spliced(live, at, o.id), archived } : undefined;
    }
    case 'move': {
      const others = live.filter((s) => s !== o.id);
      return live.includes(o.id) && inRange(o.to, others.length)
        ? { live: spliced(others, o.to, o.id), archived }
        : undefined;
    }
    case 'archive':
      return live.includes(o.id) ? { live: live.filter((s) => s !== o.id), archived: [...archived, o.id] } : undefined;
    case 'remove':
      return exists(o.id)
        ? { live: live.filter((s) => s !== o.id), archived: archived.filter((s) => s !== o.id) }
        : undefined;
    case 'reorder': {
      const isPermutation =
        o.ids.length === live.length && new Set(o.ids).size === o.ids.length && o.ids.every((s) => live.includes(s));
      return isPermutation ? { live: o.ids, archived } : undefined;
    }
    case 'shuffle':
      return { live: shuffled(live, o.keys), archived };
  }
}

function expectWellOrdered(stages: readonly OrderedStage[], model: Model) {
  const ids = stages.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(liveStages(stages).map((s) => s.id)).toEqual(model.live);
  expect(liveStages(stages).map((s) => s.stage_order)).toEqual(model.live.map((_, i) => i));
  const archived = stages.filter((s) => s.status === 'archived');
  expect(archived.map((s) => s.id).sort()).toEqual([...model.archived].sort());
  for (const s of archived) expect(s.stage_order).toBeNull();
}

test('after any sequence of edits, live stages are ordered 0..n-1, no id is lost or doubled, and refused edits change nothing', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      let stages: readonly OrderedStage[] = [];
      let model: Model = { live: [], archived: [] };
      for (const o of ops) {
        const before = structuredClone(stages);
        const result = apply(stages, model, o);
        const next = expected(model, o);
        expect(stages).toEqual(before);
        if (next === undefined) {
          expect(isDomainError(result)).toBe(true);
          continue;
        }
        if (isDomainError(result)) throw result;
        expectWellOrdered(result, next);

        // Writing only changedStages (and deleting what is gone) must reproduce the result.
        const written = new Map(stages.map((s) => [s.id, s]));
        for (const s of changedStages(stages, result)) written.set(s.id, s);
        const kept = new Set(result.map((s) => s.id));
        const stored = [...written.values()].filter((s) => kept.has(s.id));
        expect(new Map(stored.map((s) => [s.id, s]))).toEqual(new Map(result.map((s) => [s.id, s])));

        stages = frozen(result);
        model = next;
      }
    }),
    { numRuns: 500 },
  );
});
