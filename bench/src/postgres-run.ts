/**
 * The PostgreSQL run (`--engine postgres`, bench/README.md#on-postgresql): the databases the SQLite run seeds,
 * copied whole into a throwaway PostgreSQL (`startPostgres`, or a database on TEST_DATABASE_URL); then a few
 * read endpoints and `sessions.complete` on one Stageflow process (core 0), each right before B1 on
 * PostgreSQL (`server/b1-pg.ts`); then the same endpoints on two processes over the one database (cores 0
 * and 1), the load shared between them. Rows are the SQLite run's, their ids prefixed `pg1:` (one process,
 * and its B1) or `pg2:` (two processes).
 */
import { closeDb, createDb } from '@stageflow/db';
import { closePgDb, copySqliteToPostgres, createPgDb } from '@stageflow/db/postgres';
import { postgresUnavailable, startPostgres } from '@stageflow/testing';
import { type Call, type LoadSpec, measure, type Probe } from './load.ts';
import { type RunningServer, repoRoot, type StartOptions, startServer } from './servers.ts';
import type { Server } from './targets.ts';

/** The reads measured on PostgreSQL: the E1 endpoints and the board (each scale). */
export const POSTGRES_PROBES = /^E1\.|^E2\.board\./;

export interface PostgresRunInput {
  readonly readDbFile: string;
  readonly commandDbFile: string;
  /** Read probes with a B1 call (b1-pg.ts answers the same paths as b1.ts). */
  readonly reads: readonly Probe[];
  /** `sessions.complete` from the n-th started session on; each of the three runs takes its own slice. */
  readonly complete: (first: number) => Probe;
  readonly sessionsPerRun: number;
  /** A fresh process runs cold: each is warmed through T0 before it is measured (run.ts does so for SQLite). */
  readonly warmUp: { readonly t0: Call; readonly commandT0: Call; readonly spec: LoadSpec };
  readonly toB1: (probe: Probe, call: Call) => Call;
  readonly run: (on: RunningServer | readonly RunningServer[], probe: Probe, as: Server, call?: Call) => Promise<void>;
  readonly record: (server: RunningServer, call: Call, as: Server) => Promise<void>;
  readonly serverOptions: StartOptions;
  readonly log: (message: string) => void;
}

const tagged = (prefix: string, probe: Probe): Probe => ({ ...probe, id: `${prefix}:${probe.id}` });

/** Measures through `run`, whose rows the caller keeps (and reports with `formatPostgres`). */
export async function runOnPostgres(input: PostgresRunInput): Promise<void> {
  const unavailable = postgresUnavailable();
  if (unavailable) throw new Error(unavailable);
  const { run, record, log, serverOptions } = input;
  const postgres = await startPostgres();
  try {
    const readUrl = postgres.url;
    const commandUrl = await postgres.newDatabase();
    for (const [file, url] of [
      [input.readDbFile, readUrl],
      [input.commandDbFile, commandUrl],
    ] as const) {
      const t = performance.now();
      const copied = await copyInto(file, url);
      log(`PostgreSQL: ${copied.toLocaleString('en')} rows copied in ${((performance.now() - t) / 1000).toFixed(1)}s`);
    }
    const stageflow = async (url: string, core: number, t0: Call) => {
      const server = await startServer('stageflow', { ...serverOptions, args: [url], core });
      await measure(server, t0, input.warmUp.spec);
      return server;
    };

    // --- reads: one process right before B1, then two processes --------------------------------------
    const one = await stageflow(readUrl, 0, input.warmUp.t0);
    const b1 = await startServer('b1-pg', { args: [readUrl] });
    for (const probe of input.reads) {
      await record(one, probe.call, 'stageflow');
      await record(b1, probe.b1!, 'B1');
    }
    for (const probe of input.reads) {
      await run(one, tagged('pg1', probe), 'stageflow');
      await run(b1, tagged('pg1', probe), 'B1', probe.b1);
    }
    await b1.stop();
    const two = await stageflow(readUrl, 1, input.warmUp.t0);
    for (const probe of input.reads) await run([one, two], tagged('pg2', probe), 'stageflow');
    await Promise.all([one.stop(), two.stop()]);

    // --- sessions.complete: the same, each run on sessions of its own ---------------------------------
    const { complete, sessionsPerRun: slice, toB1 } = input;
    const commandOne = await stageflow(commandUrl, 0, input.warmUp.commandT0);
    const commandB1 = await startServer('b1-pg', { args: [commandUrl] });
    const ours = complete(0);
    const floor = complete(slice);
    await record(commandOne, ours.call, 'stageflow');
    await record(commandB1, toB1(floor, floor.call), 'B1');
    await run(commandOne, tagged('pg1', ours), 'stageflow');
    const next = floor.spec.next!;
    const floorSpec = { ...floor.spec, next: (n: number) => toB1(floor, next(n)) };
    await run(commandB1, tagged('pg1', { ...floor, spec: floorSpec }), 'B1', toB1(floor, floor.call));
    await commandB1.stop();
    const commandTwo = await stageflow(commandUrl, 1, input.warmUp.commandT0);
    const both = complete(2 * slice);
    await record(commandOne, both.call, 'stageflow');
    await run([commandOne, commandTwo], tagged('pg2', both), 'stageflow');
    await Promise.all([commandOne.stop(), commandTwo.stop()]);
  } finally {
    await postgres.stop();
  }
}

/** A seeded SQLite database into an empty PostgreSQL one, migrated by PostgreSQL's own migrations. */
async function copyInto(file: string, url: string): Promise<number> {
  const source = createDb(file);
  const target = createPgDb(url);
  try {
    const copied = await copySqliteToPostgres(source, target, `${repoRoot}packages/db/drizzle-pg`);
    return copied.reduce((n, t) => n + t.rows, 0);
  } finally {
    closeDb(source);
    await closePgDb(target);
  }
}
