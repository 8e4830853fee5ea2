import { type Db, type Reads, type Repositories, startupTx } from '@stageflow/db';
import type { Auth } from '../auth/better-auth.ts';
import type { Logger } from '../logger.ts';
import { seedDemoData } from './demo-data.ts';

/** Printed at start and in the README: a new database can be explored at once. */
export const DEMO_ACCOUNT = { email: 'demo@stageflow.dev', password: 'stageflow-demo', name: 'Dana Demo' } as const;
const DEMO_WORKSPACE = { slug: 'demo', name: 'Demo workspace' };

/**
 * The instance marker recorded with the demo data, in the same transaction: which workspace and
 * account seeding made, and when. Seeding looks for this marker, never for the workspace or the
 * account, which people may rename, delete or give a new password.
 */
export const DEMO_MARKER = 'demo_seed';

export interface DemoSeedOptions {
  /** The moment the demo data stands for (the server's start). */
  readonly now: string;
  /** Where the app is served: demo data only goes into a database served locally, unless `demo` says otherwise. */
  readonly publicUrl: string;
  /** `true` seeds a new database wherever it is served (DEMO=1), `false` never (DEMO=0); unset: by `publicUrl`. */
  readonly demo?: boolean | undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether people open the app on this machine only: localhost, 127.0.0.1 or [::1]. */
export function isLocalUrl(url: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Whether a new database gets demo data, and why (for the log). */
export function demoWanted(options: Pick<DemoSeedOptions, 'demo' | 'publicUrl'>): { seed: boolean; because: string } {
  if (options.demo === true) return { seed: true, because: 'DEMO=1' };
  if (options.demo === false) return { seed: false, because: 'DEMO=0' };
  return isLocalUrl(options.publicUrl)
    ? { seed: true, because: `PUBLIC_URL ${options.publicUrl} is local` }
    : { seed: false, because: `PUBLIC_URL ${options.publicUrl} is not local (DEMO=1 seeds it anyway)` };
}

/** DEMO from the environment: `1` (or `true`) on, `0` (or `false`) off; unset or empty leaves it to PUBLIC_URL. */
export function demoFromEnv(value: string | undefined): { demo?: boolean; problem?: string } {
  const setting = value?.trim().toLowerCase() ?? '';
  if (setting === '') return {};
  if (setting === '1' || setting === 'true') return { demo: true };
  if (setting === '0' || setting === 'false') return { demo: false };
  return {
    problem: `DEMO=${value} is not 1 or 0: ignored, so PUBLIC_URL decides whether a new database gets demo data`,
  };
}

/**
 * How demo data goes into a new database whole or not at all, per engine: on SQLite one `startupTx` around
 * the procedures' awaits (`seedInSqlite`); on PostgreSQL made in memory and copied across in one transaction
 * (demo-on-postgres.ts). Answers undefined when another process seeded first.
 */
export type DemoSeeding = (now: string) => Promise<{ workspace: { id: string } } | undefined>;

/**
 * Demo data (docs/architecture.md#demo-data): on a new database (no account, no workspace), when wanted
 * (`demoWanted`), a demo owner, the demo workspace and demo data entered through the same procedures a
 * user calls, all in one transaction with the `demo_seed` marker. Seeds at most once per database: the
 * marker says it happened, whatever became of the workspace or the account since. Call it before the
 * server takes requests. Never throws: a problem is logged, and the server starts without demo data.
 * True when it seeded now.
 */
export async function ensureDemoWorkspace(
  deps: { reads: Pick<Reads, 'instance'>; seed: DemoSeeding; log: Logger },
  options: DemoSeedOptions,
): Promise<boolean> {
  const { reads, log } = deps;
  try {
    const marker = await reads.instance.marker(DEMO_MARKER);
    if (marker) {
      log.debug({ seeded_at: marker.recorded_at }, 'demo data: seeded before, so not again');
      return false;
    }
    const wanted = demoWanted(options);
    if (!(await reads.instance.isNew())) {
      if (options.demo === true) {
        log.warn(
          'demo data: DEMO=1, but demo data goes only into a new database and this one already has accounts or ' +
            'workspaces, so none was seeded. For a demo, start with a new database (DATABASE_PATH or DATABASE_URL).',
        );
      }
      return false;
    }
    if (!wanted.seed) {
      log.info({ because: wanted.because }, `demo data: not seeded into the new database, as ${wanted.because}`);
      return false;
    }
    const made = await deps.seed(options.now);
    if (!made) return false;
    log.info(
      { workspace: DEMO_WORKSPACE.slug, because: wanted.because },
      'demo data: created the demo account, workspace and data',
    );
    if (!isLocalUrl(options.publicUrl)) {
      log.warn(
        { email: DEMO_ACCOUNT.email },
        `demo data: the demo account's password is public and ${options.publicUrl} is not local: ` +
          'change its password or remove the account before real people use this server.',
      );
    }
    return true;
  } catch (error) {
    log.error(
      { err: error },
      'demo data: seeding failed, so the server starts without it (nothing of it was kept). ' +
        'It is tried again at the next start; DEMO=0 turns it off.',
    );
    return false;
  }
}

/** On SQLite: the demo in one `startupTx`, checked again inside it (another process may have seeded meanwhile). */
export const seedInSqlite =
  (deps: { db: Db; repos: Repositories; auth: Auth }): DemoSeeding =>
  (now) =>
    startupTx(deps.db, async () => {
      if (deps.repos.instance.marker(DEMO_MARKER) || !deps.repos.instance.isNew()) return undefined;
      return await seedDemo(deps, now);
    });

/** The demo owner, workspace and data, and the marker that records them; inside `startupTx`. */
async function seedDemo(deps: { db: Db; repos: Repositories; auth: Auth }, now: string) {
  const { db, repos, auth } = deps;
  // better-auth hashes the password and applies its own rules, as for anyone signing up.
  const { user } = await auth.api.signUpEmail({ body: { ...DEMO_ACCOUNT } });
  // Signing up also signs in; nobody holds that session's cookie, so it goes.
  db.$client.prepare('delete from auth_sessions where user_id = ?').run(user.id);
  const workspace = repos.workspaces.insert({ id: crypto.randomUUID(), ...DEMO_WORKSPACE });
  repos.members.add({ id: crypto.randomUUID(), workspaceId: workspace.id, userId: user.id, role: 'owner' });
  const owner = { kind: 'user', userId: user.id, workspaceId: workspace.id, role: 'owner' } as const;
  const { portalParticipantId } = await seedDemoData(db, repos, owner, now);
  repos.instance.mark(
    DEMO_MARKER,
    { workspace_id: workspace.id, user_id: user.id, portal_participant_id: portalParticipantId ?? null },
    now,
  );
  return { workspace, user };
}

/**
 * The demo account to offer on the sign-in page: only on a database that was seeded with it and
 * while that account still exists under its published email. A public server without demo data
 * advertises nothing.
 */
export async function demoAccountHint(
  reads: Pick<Reads, 'instance' | 'members'>,
): Promise<{ email: string; password: string } | null> {
  const userId = (await reads.instance.marker(DEMO_MARKER))?.value.user_id;
  const user = typeof userId === 'string' ? await reads.members.user(userId) : undefined;
  return user?.email === DEMO_ACCOUNT.email ? { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } : null;
}
