import { describe, expect, test } from 'vitest';
import { providerMessage, timedOut } from './failures.ts';

describe('providerMessage: the server’s own words, cleaned for showing', () => {
  test.each([
    [
      '{"error":{"message":"model \\"x\\" not found, try pulling it first"}}',
      'model "x" not found, try pulling it first',
    ],
    ['{"error":"unknown model"}', 'unknown model'],
    ['{"message":"Bad things\\n\\nhappened"}', 'Bad things happened'],
    ['{"detail":"Not Found"}', 'Not Found'],
    ['<html>502 Bad Gateway</html>', undefined],
    ['{"error":{"code":1}}', undefined],
    [undefined, undefined],
  ])('%s', (body, words) => {
    expect(providerMessage(body, null)).toBe(words);
  });

  test('the key, and anything shaped like a key, is masked; long messages are cut', () => {
    const body = JSON.stringify({ error: { message: 'Key my-secret-value is bad; also sk-abc123****xyz9' } });
    expect(providerMessage(body, 'my-secret-value')).toBe('Key [the key] is bad; also [a key]');
    expect(providerMessage(JSON.stringify({ error: 'x'.repeat(1000) }), null)).toHaveLength(300);
  });
});

test('timedOut says how long, in words', () => {
  expect(timedOut(150).detail).toBe('The model server did not answer within 150 ms.');
  expect(timedOut(1000).detail).toBe('The model server did not answer within 1 second.');
  expect(timedOut(20_000).detail).toBe('The model server did not answer within 20 seconds.');
  expect(timedOut(20_000).reason).toBe('timeout');
});
