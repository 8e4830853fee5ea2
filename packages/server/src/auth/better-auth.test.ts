import { createTestDb } from '@stageflow/db';
import { closePgDb, createPgDb, migratePgDb, pgSchema } from '@stageflow/db/postgres';
import { cookieHeaderFrom, postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNT } from '../seed/demo-workspace.ts';
import { type Auth, createAuth, trustedOrigins } from './better-auth.ts';

const BASE = 'http://localhost:3000';
// biome-ignore lint/suspicious/noExplicitAny: better-auth's JSON answers, read loosely in assertions
type Json = Record<string, any> | null;
let auth: Auth;
/** How many users the database holds now. */
let userCount: () => Promise<number>;
let close: () => Promise<void> = async () => {};

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
    const set = cookieHeaderFrom(res);
    if (set) cookie = set;
    return {
      status: res.status,
      body: (await res.json().catch(() => null)) as Json,
      res,
      cookie,
    };
  };
}

const options = { baseURL: BASE, secret: 'x'.repeat(32), rateLimit: false } as const;

/** A fresh database for each test, on SQLite and on a PostgreSQL server: better-auth must behave the same on both. */
const engines = [
  {
    engine: 'SQLite',
    skip: undefined,
    async open() {
      const db = createTestDb();
      auth = createAuth({ db, ...options });
      userCount = async () => (db.$client.prepare('select count(*) as n from users').get() as { n: number }).n;
    },
  },
  {
    engine: 'PostgreSQL',
    skip: postgresUnavailable(),
    async open() {
      server ??= await startPostgres();
      const db = createPgDb(await server.newDatabase());
      await migratePgDb(db);
      const { members, workspaces, users } = pgSchema;
      auth = createAuth({
        db,
        ...options,
        members: {
          workspacesOf: (userId) =>
            db
              .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: members.role })
              .from(members)
              .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
              .where(eq(members.userId, userId))
              .orderBy(asc(members.createdAt)),
        },
      });
      userCount = async () => (await db.select({ n: count() }).from(users))[0]!.n;
      close = () => closePgDb(db);
    },
  },
];
let server: TestPostgres | undefined;
afterEach(async () => {
  await close();
  close = async () => {};
});
afterAll(() => server?.stop());

describe.each(engines)('on $engine', ({ skip, open }) => {
  beforeEach(() => open(), 60_000);

  describe.skipIf(skip)('accounts and workspaces through better-auth', () => {
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

  /*
   * Each endpoint that writes a user, a workspace or a password refuses what the domain's rules refuse,
   * with a 400 whose message names the field (account-rules.ts). Every value below was once stored.
   */
  describe.skipIf(skip)('every better-auth write is held to the domain rules', () => {
    const ADA = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' };
    const signedUp = async () => {
      const a = browser();
      expect((await a('/sign-up/email', ADA)).status).toBe(200);
      return a;
    };
    const withWorkspace = async () => {
      const a = await signedUp();
      const org = await a('/organization/create', { name: 'Acme Hiring', slug: 'acme' });
      expect(org.status).toBe(200);
      return { a, id: org.body?.id as string };
    };

    test.each<[string, Record<string, unknown>, RegExp]>([
      ['a 1,000,000-character name', { name: 'x'.repeat(1_000_000) }, /^name: Use at most [0-9,]+ characters$/],
      ['a name of spaces', { name: '   ' }, /^name: /],
      ['a NUL in the name', { name: 'Ada\u0000Lovelace' }, /^name: must not contain a NUL character/],
      ['a javascript: picture', { image: 'javascript:alert(1)' }, /^image: use an https:\/\/ address/],
      ['an http picture', { image: 'http://example.com/ada.png' }, /^image: use an https:\/\/ address/],
      ['a password under 10 characters', { password: 'short' }, /^password: too short: use at least 10 characters$/],
      ['a password of spaces', { password: ' '.repeat(12) }, /^password: must not be only spaces$/],
      ['a NUL in the password', { password: 'correct\u0000horse' }, /^password: must not contain a NUL character/],
      ['a common password', { password: 'Password123' }, /^password: is one of the most common passwords/],
    ])('sign-up refuses %s', async (_, change, message) => {
      const res = await browser()('/sign-up/email', { ...ADA, ...change });
      expect(res.status).toBe(400);
      expect(res.body?.message).toMatch(message);
      expect(await userCount()).toBe(0);
    });

    test('sign-up accepts an https picture, no picture, and the demo account password', async () => {
      expect((await browser()('/sign-up/email', { ...ADA, image: 'https://example.com/ada.png' })).status).toBe(200);
      expect((await browser()('/sign-up/email', { ...DEMO_ACCOUNT, image: '' })).status).toBe(200);
    });

    test.each<[string, Record<string, unknown>, RegExp]>([
      ['a 1,000,000-character name', { name: 'x'.repeat(1_000_000) }, /^name: Use at most [0-9,]+ characters$/],
      ['an empty name', { name: '' }, /^name: /],
      ['a javascript: picture', { image: 'javascript:alert(1)' }, /^image: use an https:\/\/ address/],
      ['a data: picture', { image: 'data:image/svg+xml,<svg onload=alert(1)>' }, /^image: /],
    ])('update-user refuses %s, and the user keeps what they had', async (_, change, message) => {
      const a = await signedUp();
      const res = await a('/update-user', change);
      expect(res.status).toBe(400);
      expect(res.body?.message).toMatch(message);
      const session = await a('/get-session');
      expect(session.body?.user).toMatchObject({ name: 'Ada', image: null });
    });

    test('update-user takes a new name and an https picture, and clears it with null', async () => {
      const a = await signedUp();
      expect((await a('/update-user', { name: 'Ada Lovelace', image: 'https://example.com/ada.png' })).status).toBe(
        200,
      );
      expect((await a('/get-session')).body?.user).toMatchObject({
        name: 'Ada Lovelace',
        image: 'https://example.com/ada.png',
      });
      expect((await a('/update-user', { image: null })).status).toBe(200);
      expect((await a('/get-session')).body?.user.image).toBeNull();
    });

    test.each<[string, Record<string, unknown>, RegExp]>([
      ['a slug with spaces and markup', { slug: 'Bad Slug <x>' }, /^slug: use lowercase letters/],
      ['a 5,000-character name', { name: 'x'.repeat(5000) }, /^name: Use at most [0-9,]+ characters$/],
      ['a javascript: logo', { logo: 'javascript:alert(1)' }, /^logo: use an https:\/\/ address/],
      ['a NUL in the name', { name: 'Acme\u0000' }, /^name: must not contain a NUL character/],
    ])('organization/update refuses %s, and the workspace keeps what it had', async (_, data, message) => {
      const { a, id } = await withWorkspace();
      const res = await a('/organization/update', { organizationId: id, data });
      expect(res.status).toBe(400);
      expect(res.body?.message).toMatch(message);
      const full = await a(`/organization/get-full-organization?organizationId=${id}`);
      expect(full.body).toMatchObject({ name: 'Acme Hiring', slug: 'acme', logo: null });
    });

    test('organization/update takes what creation would', async () => {
      const { a, id } = await withWorkspace();
      const data = { name: 'Acme Talent', slug: 'acme-talent', logo: 'https://example.com/logo.png' };
      const res = await a('/organization/update', { organizationId: id, data });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(data);
    });

    test.each<[string, Record<string, unknown>, RegExp]>([
      ['a 5,000-character name', { name: 'x'.repeat(5000) }, /^name: Use at most [0-9,]+ characters$/],
      ['a javascript: logo', { logo: 'javascript:alert(1)' }, /^logo: use an https:\/\/ address/],
      ['a slug with markup', { slug: 'Bad Slug <x>' }, /^slug: /],
    ])('organization/create refuses %s', async (_, change, message) => {
      const a = await signedUp();
      const res = await a('/organization/create', { name: 'Acme', slug: 'acme', ...change });
      expect(res.status).toBe(400);
      expect(res.body?.message).toMatch(message);
      expect((await a('/organization/list')).body).toEqual([]);
    });

    test('change-password holds the new password to the rule; the old one keeps working when refused', async () => {
      const a = await signedUp();
      const change = (newPassword: string) =>
        a('/change-password', { currentPassword: ADA.password, newPassword, revokeOtherSessions: false });
      for (const [newPassword, message] of [
        ['qwertyuiop', /^newPassword: is one of the most common passwords/],
        ['short', /^newPassword: too short/],
        [' '.repeat(16), /^newPassword: must not be only spaces/],
      ] as const) {
        const res = await change(newPassword);
        expect(res.status).toBe(400);
        expect(res.body?.message).toMatch(message);
      }
      expect((await browser()('/sign-in/email', { email: ADA.email, password: ADA.password })).status).toBe(200);
      expect((await change('a much better passphrase')).status).toBe(200);
    });

    test('reset-password holds the new password to the rule before it looks at the token', async () => {
      const res = await browser()('/reset-password', { newPassword: 'password123', token: 'no-such-token' });
      expect(res.status).toBe(400);
      expect(res.body?.message).toMatch(/^newPassword: is one of the most common passwords/);
    });

    test('signing in is not held to the new-password rule', async () => {
      const res = await browser()('/sign-in/email', { email: 'nobody@example.com', password: 'password123' });
      expect(res.status).toBe(401);
    });
  });
});

test("the trusted origins are PUBLIC_URL's origin, and 127.0.0.1 beside localhost", () => {
  expect(trustedOrigins('https://stageflow.example.com/')).toEqual(['https://stageflow.example.com']);
  expect(trustedOrigins('http://localhost:3000')).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
});
