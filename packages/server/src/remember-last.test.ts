import { expect, test } from 'vitest';
import { rememberLast } from './remember-last.ts';

test('answers the same argument again without asking, and keeps only the last one', () => {
  const asked: string[] = [];
  const upper = rememberLast((s: string) => {
    asked.push(s);
    return s.toUpperCase();
  });
  expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
  expect(asked).toEqual(['a', 'b', 'a']);
});

test('keeps an answer of null or undefined too', () => {
  let calls = 0;
  const none = rememberLast((_: number) => {
    calls += 1;
    return null;
  });
  none(1);
  none(1);
  expect(calls).toBe(1);
});
