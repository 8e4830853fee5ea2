import { describe, expect, it } from 'vitest';
import { removalOffer, type StageUsage } from './stage-usage.ts';

const usage = (active: number, records: number): StageUsage => ({
  stage_id: 's',
  active_participants: active,
  participant_records: records,
  archive_refused: active > 0 ? 'The stage "S" has people in it' : null,
  delete_refused: records > 0 ? 'The stage "S" is used' : null,
});

describe('removalOffer', () => {
  it('offers both for a stage nobody has been in', () => {
    expect(removalOffer(usage(0, 0), 'loaded')).toEqual({ archive: true, delete: true });
  });

  it('offers Archive with the reason instead of Delete once people have been through it', () => {
    expect(removalOffer(usage(0, 8), 'loaded')).toEqual({
      archive: true,
      delete: false,
      reason: expect.stringContaining('can be archived but not deleted'),
    });
  });

  it('offers neither while people are in it, and says how many', () => {
    expect(removalOffer(usage(3, 9), 'loaded')).toEqual({
      archive: false,
      delete: false,
      reason: '3 participants are in this stage now: move them on before archiving it.',
    });
    expect(removalOffer(usage(1, 1), 'loaded').reason).toMatch(/^1 participant is in this stage/);
  });

  it('keeps Delete back until usage is known, and offers both when it cannot be known', () => {
    expect(removalOffer(undefined, 'loading')).toEqual({ archive: true, delete: false });
    expect(removalOffer(undefined, 'failed')).toEqual({ archive: true, delete: true });
  });
});
