import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The key that signs session cookies: AUTH_SECRET when set, else one made on first start and kept
 * beside the database (mode 600), so sessions survive restarts without any setup.
 */
export function loadAuthSecret(databasePath: string): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = `${databasePath}.auth-secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
