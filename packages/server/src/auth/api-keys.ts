/**
 * API keys: `sf_live_` + 32 random base62 characters + a 6-character checksum (base62 of the
 * random part's CRC32), so a mistyped key is refused before any lookup. Only the key's SHA-256
 * and its first characters are stored; the key itself is shown once, when it is made.
 */
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ApiKeyRow, ApiKeySummary, NewApiKey, Reads } from '@stageflow/db';
import { type ApiKeyScopeChoice, apiKeyStatus, expandScopes } from '@stageflow/domain';
import { rememberLast } from '../remember-last.ts';
import type { RejectedCredentials } from './identify.ts';
import type { Principal } from './principal.ts';
import { isApiKeyScope } from './scopes.ts';

export const API_KEY_PREFIX = 'sf_live_';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
/** What the list shows of a key: `sf_live_` and its first 4 random characters. */
export const DISPLAY_PREFIX_LENGTH = 12;
/** `last_used_at` is written at most this often per key, so using a key stays a read. */
export const LAST_USED_INTERVAL_MS = 60_000;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);

/** Uniform base62 from the CSPRNG: bytes of 248 and up are dropped (248 = 4 × 62), so no character is likelier. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A CRC32 (< 2³²) fits in 6 base62 digits (62⁶ ≈ 5.7 × 10¹⁰). */
function checksumOf(random: string): string {
  let n = crc32(random);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/**
 * A key's SHA-256, as stored. The last one is kept: a request's key is asked for by the rate limiter and then
 * by identify, and is hashed once.
 */
export const hashApiKey = rememberLast((key: string) => createHash('sha256').update(key).digest('hex'));
export const displayPrefix = (key: string) => key.slice(0, DISPLAY_PREFIX_LENGTH);

/** A new key, with what is stored of it. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const random = randomBase62(RANDOM_LENGTH);
  const key = `${API_KEY_PREFIX}${random}${checksumOf(random)}`;
  return { key, prefix: displayPrefix(key), hash: hashApiKey(key) };
}

/**
 * Why a string cannot be a key we issued (no lookup needed), or null when it could be. The last answer is kept:
 * the rate limiter and then the resolver ask it of the same request's key.
 */
export const apiKeyFormatProblem = rememberLast(formatProblemOf);

function formatProblemOf(key: string): string | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) {
    return `The x-api-key header is not a Stageflow API key: keys start with ${API_KEY_PREFIX} and are ${API_KEY_LENGTH} characters long`;
  }
  if (checksumOf(match[1]!) !== match[2]) {
    return 'The API key in the x-api-key header has a typo (its checksum does not match): copy it again';
  }
  return null;
}

export interface IssueApiKey {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScopeChoice[];
  /** `user:<id>` as in the audit trail, or `cli`. */
  readonly createdBy: string;
  readonly now: string;
}

/** A new key and the row that stores its hash: `key` is returned this once, never stored. */
export function newApiKey(
  input: IssueApiKey,
  { key, prefix, hash } = generateApiKey(),
): { key: string; row: NewApiKey; summary: ApiKeySummary } {
  const row = {
    id: input.id,
    workspace_id: input.workspaceId,
    name: input.name,
    prefix,
    key_hash: hash,
    scopes: expandScopes(input.scopes),
    created_by: input.createdBy,
    created_at: input.now,
  };
  const { workspace_id: _, key_hash: __, ...rest } = row;
  return { key, row, summary: { ...rest, last_used_at: null, revoked_at: null, expires_at: null } };
}

/**
 * Resolves an `x-api-key` header to its principal, or says why it is refused: mistyped (no
 * lookup), unknown, revoked or expired. Records the use at most once a minute.
 */
export function createApiKeyResolver(reads: Reads, clock: () => number = Date.now) {
  // Two dates written out were a tenth of the check, and under load most calls share their millisecond.
  const stampsAt = rememberLast((ms: number) => ({
    now: new Date(ms).toISOString(),
    staleBefore: new Date(ms - LAST_USED_INTERVAL_MS).toISOString(),
  }));
  return async (key: string): Promise<Principal | RejectedCredentials> => {
    const reject = (message: string): RejectedCredentials => ({ kind: 'rejected', message });
    const problem = apiKeyFormatProblem(key);
    if (problem) return reject(problem);
    const row = await reads.apiKeys.byHash(hashApiKey(key));
    if (!row) return reject('The API key in the x-api-key header is not valid: it was never issued, or was deleted');
    const { now, staleBefore } = stampsAt(clock());
    const status = apiKeyStatus(row, now);
    if (status === 'revoked') return reject(`The API key ${row.prefix}… was revoked at ${row.revoked_at}`);
    if (status === 'expired') {
      return reject(`The API key ${row.prefix}… expired at ${row.expires_at} after it was rolled: use its new key`);
    }
    if (!row.last_used_at || row.last_used_at < staleBefore) await reads.apiKeys.touch(row.id, now, staleBefore);
    return principalOf(row);
  };
}

/**
 * A key's principal, made once per row: the SQLite engine keeps a key's row between calls while the database is
 * unchanged, and a new row (a write) makes a new principal.
 */
function principalOf(row: ApiKeyRow): Principal {
  let principal = principals.get(row);
  if (!principal) {
    const scopes = Object.freeze(row.scopes.filter(isApiKeyScope));
    principal = Object.freeze({ kind: 'api_key', keyId: row.id, workspaceId: row.workspace_id, scopes });
    principals.set(row, principal);
  }
  return principal;
}
const principals = new WeakMap<ApiKeyRow, Principal>();
