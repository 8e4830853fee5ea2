import { describe, expect, test } from 'vitest';
import { createSecretBox } from './secret-box.ts';

const box = createSecretBox('server secret', 'interviewer-api-key');

describe('createSecretBox', () => {
  test('seals and opens; the sealed text does not contain the secret, and differs each time', () => {
    const sealed = box.seal('sk-very-secret', 'workspace-a');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('sk-very-secret');
    expect(box.seal('sk-very-secret', 'workspace-a')).not.toBe(sealed);
    expect(box.open(sealed, 'workspace-a')).toBe('sk-very-secret');
  });

  test('does not open for another workspace, another server secret or purpose, or when altered', () => {
    const sealed = box.seal('sk-very-secret', 'workspace-a');
    expect(box.open(sealed, 'workspace-b')).toBeUndefined();
    expect(createSecretBox('another secret', 'interviewer-api-key').open(sealed, 'workspace-a')).toBeUndefined();
    expect(createSecretBox('server secret', 'another purpose').open(sealed, 'workspace-a')).toBeUndefined();
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = `${ct!.startsWith('A') ? 'B' : 'A'}${ct!.slice(1)}`;
    expect(box.open([v, iv, flipped, tag].join('.'), 'workspace-a')).toBeUndefined();
    expect(box.open('v2.x.y.z', 'workspace-a')).toBeUndefined();
    expect(box.open('garbage', 'workspace-a')).toBeUndefined();
  });
});
