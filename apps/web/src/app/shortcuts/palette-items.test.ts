import { describe, expect, test } from 'vitest';
import { filterGroups, matchesQuery, PAGE_ITEMS, PER_GROUP } from './palette-items.ts';

describe('what the palette finds', () => {
  test('every word, in any order, ignoring case and accents', () => {
    expect(matchesQuery({ label: 'Senior Backend Engineer' }, 'engineer back')).toBe(true);
    expect(matchesQuery({ label: 'Zoë Martín' }, 'zoe martin')).toBe(true);
    expect(matchesQuery({ label: 'Members', detail: 'Settings' }, 'settings mem')).toBe(true);
    expect(matchesQuery({ label: 'Members' }, 'membres')).toBe(false);
    expect(matchesQuery({ label: 'Anything' }, '   ')).toBe(true);
  });

  test('groups keep their order, drop what does not match, and show at most a few each', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ key: `p${i}`, label: `Person ${i}`, path: `/p/${i}` }));
    const groups = filterGroups(
      [
        { title: 'Pages', items: PAGE_ITEMS },
        { title: 'Participants', items: many },
      ],
      'person',
    );
    expect(groups.map((g) => g.title)).toEqual(['Participants']);
    expect(groups[0]!.items).toHaveLength(PER_GROUP);
    expect(filterGroups([{ title: 'Pages', items: PAGE_ITEMS }], 'decis')[0]!.items.map((i) => i.path)).toEqual([
      '/decisions',
    ]);
  });
});
