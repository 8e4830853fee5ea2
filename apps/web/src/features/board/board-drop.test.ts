import { describe, expect, test } from 'vitest';
import { advanceDropRefusal, type DropColumn, dropIntent } from './board-drop.ts';

const columns: DropColumn[] = [
  { key: 's1', title: 'Phone Screen', stage_id: 's1' },
  { key: 's2', title: 'Technical', stage_id: 's2' },
  { key: 's3', title: 'Final', stage_id: 's3' },
  { key: 'completed', title: 'Completed', stage_id: null },
  { key: 'rejected', title: 'Rejected', stage_id: null },
  { key: 'withdrawn', title: 'Withdrawn', stage_id: null },
];
const at = (stage: string) => ({ name: 'Priya', current_stage_id: stage });
const column = (key: string) => columns.find((c) => c.key === key)!;

describe('what a drop on the board stands for', () => {
  test('its own column: nothing; Rejected: reject; a later stage or Completed: an advance to check', () => {
    expect(dropIntent(at('s2'), column('s2'), columns)).toEqual({ kind: 'none' });
    expect(dropIntent(at('s2'), column('rejected'), columns)).toEqual({ kind: 'reject' });
    expect(dropIntent(at('s2'), column('s3'), columns)).toEqual({ kind: 'advance' });
    expect(dropIntent(at('s2'), column('completed'), columns)).toEqual({ kind: 'advance' });
  });

  test('back, or on Withdrawn: refused in plain words', () => {
    expect(dropIntent(at('s2'), column('s1'), columns)).toEqual({
      kind: 'refused',
      reason:
        'The board moves people forward only: Priya is at Technical. Drop them on the next stage to advance them, or on Rejected.',
    });
    const withdrawn = dropIntent(at('s2'), column('withdrawn'), columns);
    expect(withdrawn).toMatchObject({ kind: 'refused' });
    expect(withdrawn.kind === 'refused' && withdrawn.reason).toMatch(/^To withdraw Priya, open their page/);
  });

  test('an advance counts only where advancing takes them', () => {
    const technical = { id: 's2', name: 'Technical' };
    expect(advanceDropRefusal(at('s1'), column('s2'), technical)).toBeNull();
    expect(advanceDropRefusal(at('s1'), column('s3'), technical)).toBe(
      'Priya moves one stage at a time: drop them on Technical to advance them.',
    );
    expect(advanceDropRefusal(at('s1'), column('completed'), technical)).toBe(
      'Priya still has Technical ahead: drop them on Technical to advance them.',
    );
    expect(advanceDropRefusal(at('s3'), column('completed'), null)).toBeNull();
    expect(advanceDropRefusal(at('s2'), column('s3'), null)).toBe(
      'Priya has no stage left: drop them on Completed to complete their evaluation.',
    );
  });
});
