import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the server must read back later (a workspace's interviewer API key), encrypted at rest
 * with AES-256-GCM under a key derived from the server's secret (`AUTH_SECRET`) with HKDF-SHA-256,
 * one derived key per purpose (docs/decisions/020-interviewer-model-client.md). Each value names
 * what it belongs to (the workspace id) as associated data, so a ciphertext copied to another
 * workspace's row does not open there.
 */
export interface SecretBox {
  /** `v1.<iv>.<ciphertext>.<tag>`, base64url; a fresh random IV every time. */
  seal(plain: string, boundTo: string): string;
  /** The plain text, or undefined when the value was not sealed with this key for `boundTo` (or was altered). */
  open(sealed: string, boundTo: string): string | undefined;
}

const VERSION = 'v1';
const SALT = 'stageflow secret box';

export function createSecretBox(secret: string, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secret, SALT, purpose, 32));
  return {
    seal(plain, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, encrypted, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, boundTo) {
      const [version, iv, encrypted, tag] = sealed.split('.');
      if (version !== VERSION || iv === undefined || encrypted === undefined || tag === undefined) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
