import { describe, expect, test } from 'vitest';
import { nextRow, shortcutFor } from './keys.ts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('what a key press means', () => {
  test('the single keys', () => {
    expect(shortcutFor(press('?'), false)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('/'), false)).toEqual({ kind: 'search' });
    expect(shortcutFor(press('j'), false)).toEqual({ kind: 'row', step: 1 });
    expect(shortcutFor(press('k'), false)).toEqual({ kind: 'row', step: -1 });
    expect(shortcutFor(press('g'), false)).toEqual({ kind: 'go-prefix' });
    expect(shortcutFor(press('x'), false)).toBeNull();
    expect(shortcutFor(press('Enter'), false)).toBeNull();
  });

  test('Ctrl+K and ⌘K open the palette; other combinations are the browser’s', () => {
    expect(shortcutFor(press('k', { ctrlKey: true }), false)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('K', { metaKey: true }), false)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('j', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('k', { altKey: true }), false)).toBeNull();
  });

  test('g then a letter goes to its page; another letter does nothing', () => {
    expect(shortcutFor(press('p'), true)).toEqual({ kind: 'go', path: '/participants' });
    expect(shortcutFor(press('d'), true)).toEqual({ kind: 'go', path: '/decisions' });
    expect(shortcutFor(press('k'), true)).toEqual({ kind: 'go', path: '/developer/api-keys' });
    expect(shortcutFor(press('z'), true)).toBeNull();
  });
});

describe('moving through rows', () => {
  test('starts at the first, stops at either end', () => {
    expect(nextRow(-1, 1, 3)).toBe(0);
    expect(nextRow(-1, -1, 3)).toBe(0);
    expect(nextRow(0, 1, 3)).toBe(1);
    expect(nextRow(2, 1, 3)).toBe(2);
    expect(nextRow(0, -1, 3)).toBe(0);
    expect(nextRow(-1, 1, 0)).toBe(-1);
  });
});
