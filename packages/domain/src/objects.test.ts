import { describe, expect, test } from 'vitest';
import { extended } from './objects.ts';

describe('extended', () => {
  test('answers what a spread answers: a new object, later keys winning, in the same order', () => {
    const base = { id: 'a', name: 'Ada', status: 'active' };
    const more = { status: 'completed', score: 90 };
    const out = extended(base, more);
    expect(out).toEqual({ ...base, ...more });
    expect(Object.keys(out)).toEqual(Object.keys({ ...base, ...more }));
    expect(out).not.toBe(base);
    expect(base).toEqual({ id: 'a', name: 'Ada', status: 'active' });
  });

  test('an own `__proto__` key stays a key, as in a spread, and never becomes the prototype', () => {
    const fromJson = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = extended(fromJson, { b: 2 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(out.polluted).toBeUndefined();
    expect(extended({ a: 1 }, fromJson)).toEqual({ a: 1, ...fromJson });
  });
});
