import { createMemberRepository, type Db, type Reads, schema } from '@stageflow/db';
import { type PgDb, pgSchema } from '@stageflow/db/postgres';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@stageflow/domain';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import type { InvitationFacts } from '../application/mail.ts';
import { passwordRules, userRules, workspaceRules } from './account-rules.ts';
import { organizationRoles } from './roles.ts';

/** Which workspaces a user belongs to, first joined first: read where better-auth keeps them. */
type Memberships = Pick<Reads['members'], 'workspacesOf'>;

export interface AuthOptions {
  /**
   * The server's database, on either engine: better-auth keeps users, sessions, workspaces and its rate
   * limits in our tables there (src/schema/auth.ts, and their PostgreSQL twins).
   */
  readonly db: Db | PgDb;
  /** Memberships on a PostgreSQL database (its engine's reads); on SQLite they are read from `db`. */
  readonly members?: Memberships;
  /** Where the app is served, e.g. http://localhost:3000: cookies are `Secure` when it is https. */
  readonly baseURL: string;
  /** Signs session cookies; kept across restarts (see `loadAuthSecret`). */
  readonly secret: string;
  /** Off in tests that sign up many users from one address. */
  readonly rateLimit?: boolean;
  /**
   * Writes an invitation's email to the outbox (application/mail.ts) each time better-auth makes one, or
   * makes it again ("Send again"). None: invitations are only shared as links.
   */
  readonly sendInvitation?: (invitation: InvitationFacts) => Promise<void>;
}

/**
 * The origins people open the app at: PUBLIC_URL's, and for localhost its 127.0.0.1 twin (the same
 * machine to a person typing the address). Sign-in and cookie-authenticated writes trust only these.
 */
export function trustedOrigins(publicUrl: string): string[] {
  const { origin } = new URL(publicUrl);
  const twin = origin.replace('//localhost', '//127.0.0.1');
  return twin === origin ? [origin] : [origin, twin];
}

/**
 * Accounts, sessions and workspaces come from better-auth (docs/decisions/008-accounts-with-better-auth.md):
 * email + password hashed with scrypt, sessions in HttpOnly SameSite=Lax cookies, and workspaces
 * as its organizations with our four roles. Rate limits on sign-in and sign-up are its own.
 */
/** A better-sqlite3 connection has `prepare`; a node-postgres pool does not. */
const isSqlite = (db: Db | PgDb): db is Db => 'prepare' in db.$client;

/** better-auth's drizzle adapter over the engine's dialect, with our table for each of its models. */
function authDatabase(db: Db | PgDb) {
  const tables = isSqlite(db) ? schema : pgSchema;
  return drizzleAdapter(db, {
    provider: isSqlite(db) ? 'sqlite' : 'pg',
    schema: {
      user: tables.users,
      session: tables.authSessions,
      account: tables.accounts,
      verification: tables.verifications,
      organization: tables.workspaces,
      member: tables.members,
      invitation: tables.invitations,
      rateLimit: tables.authRateLimits,
    },
  });
}

export function createAuth(options: AuthOptions) {
  const { db } = options;
  const members: Memberships | undefined = options.members ?? (isSqlite(db) ? createMemberRepository(db) : undefined);
  if (!members) throw new Error("createAuth: a PostgreSQL database needs its engine's member reads (`members`)");
  return betterAuth({
    appName: 'Stageflow',
    baseURL: options.baseURL,
    trustedOrigins: trustedOrigins(options.baseURL),
    basePath: '/api/auth',
    secret: options.secret,
    database: authDatabase(db),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
    },
    // Every write of a user, a workspace or a password is held to the domain's rules (account-rules.ts).
    hooks: { before: passwordRules },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    databaseHooks: {
      user: {
        create: { before: userRules.create },
        update: { before: userRules.update },
      },
      session: {
        create: {
          // Signing in lands in a workspace the user belongs to (the one they joined first).
          before: async (session) => {
            const [first] = await members.workspacesOf(session.userId, 'joined');
            return { data: { ...session, activeOrganizationId: first?.id ?? null } };
          },
        },
      },
    },
    rateLimit: {
      enabled: options.rateLimit ?? true,
      // In the database, like every counter, so all server processes on it count together
      // (docs/decisions/035-shared-state-in-the-database.md).
      storage: 'database',
      window: 60,
      max: 100,
      // Per IP; a wrong password also counts against the account (see rate-limit.ts).
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
        '/sign-up/email': { window: 60, max: 5 },
      },
    },
    advanced: {
      cookiePrefix: 'stageflow',
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    plugins: [
      organization({
        roles: organizationRoles,
        creatorRole: 'owner',
        allowUserToCreateOrganization: true,
        // Each invitation is emailed through the outbox (docs/mail.md#invitations), and its link stays on
        // the Members page to copy, whether mail is set up or not.
        sendInvitationEmail: async ({ id, email, role, organization: o, invitation, inviter }) => {
          await options.sendInvitation?.({
            id,
            email,
            role,
            expires_at: new Date(invitation.expiresAt),
            workspace: { id: o.id, name: o.name },
            inviter: { id: inviter.user.id, name: inviter.user.name, email: inviter.user.email },
          });
        },
        // The invitation id is a random UUID handed over only in the invite link (by hand or by mail), so
        // holding the link and signing in with the invited address is the proof; addresses are not verified.
        requireEmailVerificationOnInvitation: false,
        invitationExpiresIn: 60 * 60 * 24 * 7,
        organizationHooks: {
          // The same name, slug and logo rules on create and on every update (domain's WorkspaceDetails).
          beforeCreateOrganization: ({ organization: o }) => workspaceRules.create(o),
          beforeUpdateOrganization: ({ organization: o }) => workspaceRules.update(o),
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
