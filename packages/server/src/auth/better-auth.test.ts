import { createTestDb } from '@stageflow/db';
import { beforeEach, describe, expect, test } from 'vitest';
import { type Auth, createAuth, trustedOrigins } from './better-auth.ts';

const BASE = 'http://localhost:3000';
// biome-ignore lint/suspicious/noExplicitAny: better-auth's JSON answers, read loosely in assertions
type Json = Record<string, any> | null;
let auth: Auth;

/** Calls better-auth over HTTP as a browser would, keeping the session cookie. */
function browser() {
  let cookie = '';
  return async (path: string, body?: unknown) => {
    const res = await auth.handler(
      new Request(`${BASE}/api/auth${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', origin: BASE, cookie },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const set = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (set) cookie = set;
    return {
      status: res.status,
      body: (await res.json().catch(() => null)) as Json,
      res,
      cookie,
    };
  };
}

beforeEach(() => {
  auth = createAuth({ db: createTestDb(), baseURL: BASE, secret: 'x'.repeat(32), rateLimit: false });
});

describe('accounts and workspaces through better-auth', () => {
  test('sign up, create a workspace as owner, invite a reviewer who accepts', async () => {
    const owner = browser();
    const signUp = await owner('/sign-up/email', {
      email: 'ada@example.com',
      password: 'correct horse battery',
      name: 'Ada',
    });
    expect(signUp.status).toBe(200);
    expect(signUp.res.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    expect(signUp.res.headers.getSetCookie().join()).toMatch(/SameSite=Lax/i);

    const org = await owner('/organization/create', { name: 'Acme Hiring', slug: 'acme' });
    expect(org.status).toBe(200);
    const session = await owner('/get-session');
    expect(session.body?.session.activeOrganizationId).toBe(org.body?.id);

    const invite = await owner('/organization/invite-member', { email: 'rev@example.com', role: 'reviewer' });
    expect(invite.status).toBe(200);

    const reviewer = browser();
    await reviewer('/sign-up/email', { email: 'rev@example.com', password: 'another long password', name: 'Rev' });
    const accepted = await reviewer('/organization/accept-invitation', { invitationId: invite.body?.id });
    expect(accepted.status).toBe(200);
    expect(accepted.body?.member.role).toBe('reviewer');

    // Reviewers cannot invite; admins cannot make owners.
    expect((await reviewer('/organization/invite-member', { email: 'x@example.com', role: 'viewer' })).status).toBe(
      403,
    );
  });

  test('a workspace slug must be url-safe', async () => {
    const a = browser();
    await a('/sign-up/email', { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
    const bad = await a('/organization/create', { name: 'Acme', slug: 'Bad Slug!' });
    expect(bad.status).toBe(400);
    expect(bad.body?.message).toMatch(/^slug: /);
  });

  test('a wrong password is refused and the password is stored only as a hash', async () => {
    const a = browser();
    await a('/sign-up/email', { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
    const b = browser();
    expect((await b('/sign-in/email', { email: 'ada@example.com', password: 'wrong password!!' })).status).toBe(401);
  });
});

test("the trusted origins are PUBLIC_URL's origin, and 127.0.0.1 beside localhost", () => {
  expect(trustedOrigins('https://stageflow.example.com/')).toEqual(['https://stageflow.example.com']);
  expect(trustedOrigins('http://localhost:3000')).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
});
