import { type CommandTarget, type LoadedState, schema, writeTx } from '@stageflow/db';
import {
  createPgIdempotencyReads,
  createPgIdempotencyWrites,
  createPgParticipantLoads,
  createPgParticipantWrites,
} from '@stageflow/db/postgres';
import {
  CompleteSessionInput,
  CreateParticipantInput,
  DecideInput,
  type DomainError,
  type ParticipantCommand,
  type ParticipantState,
  ScheduleSessionInput,
  UpdateParticipantInput,
  WithdrawParticipantInput,
} from '@stageflow/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppContext } from '../application/context.ts';
import { commandUnit } from '../application/participant-commands.ts';
import {
  type BothEngines,
  demoOnBothEngines,
  enginesUnavailable,
  rowsOnBoth,
  signal,
  someoneWaitsForALock,
} from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

/** Commands run an hour after the demo's last change. */
const AT = '2026-11-29T11:00:00.000Z';
const TABLES = ['participants', 'stageProgress', 'sessions', 'decisions', 'events'] as const;

/**
 * The commands tried on a demo participant, most telling first: the first the rules accept is the one stored.
 * Every fourth person with nothing open to finish has their details edited first (their email too).
 */
function commandsFor(state: ParticipantState, index: number): ParticipantCommand[] {
  const person = state.participant!;
  const edit: ParticipantCommand = {
    type: 'update',
    ...UpdateParticipantInput.parse({
      id: person.id,
      name: `${person.name} Jr.`,
      email: `edited-${index}@example.com`,
      tags: ['moved'],
    }),
  };
  const open = state.decisions.find((d) => d.status === 'open');
  const running = state.sessions.find((s) => s.status === 'in_progress');
  const scheduled = state.sessions.find((s) => s.status === 'scheduled');
  return [
    ...(index % 4 === 0 && !running && !open ? [edit] : []),
    ...(open
      ? [
          {
            type: 'decide' as const,
            ...DecideInput.parse({ decision_id: open.id, outcome: 'retake', note: 'Once more' }),
          },
        ]
      : []),
    ...(running
      ? [{ type: 'complete' as const, ...CompleteSessionInput.parse({ session_id: running.id, overall_score: 91 }) }]
      : []),
    ...(scheduled ? [{ type: 'start' as const, session_id: scheduled.id }] : []),
    { type: 'schedule', ...ScheduleSessionInput.parse({ participant_id: person.id, notes: 'From the engine test' }) },
    { type: 'withdraw', ...WithdrawParticipantInput.parse({ participant_id: person.id, note: 'Moved on' }) },
    edit,
  ];
}

describe.skipIf(unavailable)('the participant store on PostgreSQL writes what SQLite writes', () => {
  let both: BothEngines;
  let ws: string;

  beforeAll(async () => {
    both = await demoOnBothEngines();
    ws = both.workspaceId;
  }, 60_000);
  afterAll(() => both?.stop());

  /** The application's own step for a command, with ids drawn from `ids` in turn: the same on both engines. */
  function stepOf(command: ParticipantCommand, target: CommandTarget, ids: readonly string[]) {
    let next = 0;
    const ctx: AppContext = {
      storage: undefined as never,
      reads: both.sqlite,
      workspaceId: ws,
      actor: 'user:engine-test',
      now: () => AT,
      newId: () => ids[next++]!,
    };
    return commandUnit(ctx, target, command, (result) => result);
  }

  /**
   * Loads, steps and stores one command on each engine, as the storage port's unit does (nothing stored when it
   * emitted nothing): the load and the outcome must be equal before anything is stored. Answers SQLite's refusal.
   */
  async function runOnBoth(target: CommandTarget, command: ParticipantCommand): Promise<DomainError | 'stored'> {
    const ids = Array.from({ length: 8 }, () => crypto.randomUUID());
    const unit = stepOf(command, target, ids);
    const loaded = both.repos.participants.loadTarget(ws, target);
    if (loaded instanceof Error) throw loaded;
    const emailTakenIn = unit.email
      ? both.repos.participants.emailTakenIn(ws, loaded.state.template.id, unit.email, loaded.state.participant?.id)
      : null;
    const outcome = unit.step({ loaded, emailTakenIn });
    if (!(outcome instanceof Error) && outcome.emitted.length > 0) {
      writeTx(both.sqliteDb, (tx) => both.repos.participants.store(tx, ws, loaded, outcome.state, outcome.emitted));
    }
    await both.pg.transaction(async (tx) => {
      const loads = createPgParticipantLoads(tx, { inWrite: true });
      const pgLoaded = (await loads.loadTarget(ws, target)) as LoadedState;
      expect(pgLoaded).toEqual(loaded);
      const pgUnit = stepOf(command, target, ids);
      const pgOutcome = pgUnit.step({
        loaded: pgLoaded,
        emailTakenIn: pgUnit.email
          ? await loads.emailTakenIn(ws, pgLoaded.state.template.id, pgUnit.email, pgLoaded.state.participant?.id)
          : null,
      });
      expect(pgOutcome).toEqual(outcome);
      if (!(pgOutcome instanceof Error) && pgOutcome.emitted.length > 0) {
        await createPgParticipantWrites(tx).store(ws, pgLoaded, pgOutcome.state, pgOutcome.emitted);
      }
    });
    return outcome instanceof Error ? outcome : 'stored';
  }

  async function expectSameRows() {
    for (const table of TABLES) {
      const { sqlite, pg } = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(pg, table).toEqual(sqlite);
    }
  }

  test('every demo participant takes a command, and enrolments go in: the same rows and events on both', async () => {
    const eventsBefore = (await rowsOnBoth(both.sqliteDb, both.pg, 'events')).sqlite.length;
    // In the order the demo made them: by id (random) would hand the edits below to different people each run.
    const people = both.sqliteDb
      .select({ id: schema.participants.id })
      .from(schema.participants)
      .where(eq(schema.participants.workspace_id, ws))
      .orderBy(sql`rowid`)
      .all();
    const stored = new Map<string, number>();
    for (const [index, { id }] of people.entries()) {
      const state = both.repos.participants.load.participant(ws, id)!.state;
      for (const command of commandsFor(state, index)) {
        if ((await runOnBoth({ participantId: id }, command)) === 'stored') {
          stored.set(command.type, (stored.get(command.type) ?? 0) + 1);
          break;
        }
      }
    }
    // Every kind of change a command makes: new and changed sessions, decisions, progress, the participant.
    expect([...stored.keys()].sort()).toEqual(['complete', 'decide', 'schedule', 'start', 'update', 'withdraw'].sort());

    const [template] = both.repos.templates.list(ws, { status: 'active' });
    const enrol = (email: string) => ({
      type: 'enroll' as const,
      ...CreateParticipantInput.parse({ evaluation_template_id: template!.id, name: 'Ines Engine', email }),
    });
    expect(await runOnBoth({ templateId: template!.id }, enrol('ines@example.com'))).toBe('stored');
    // The same email in another case is the same person (emails are kept in lower case): refused on both.
    expect(await runOnBoth({ templateId: template!.id }, enrol('INES@example.com'))).toMatchObject({
      code: 'CONFLICT',
    });

    await expectSameRows();
    const events = (await rowsOnBoth(both.sqliteDb, both.pg, 'events')).pg as { seq: number }[];
    const commandsStored = [...stored.values()].reduce((a, b) => a + b, 0) + 1;
    expect(commandsStored).toBeGreaterThan(people.length / 2);
    expect(events.length).toBeGreaterThanOrEqual(eventsBefore + commandsStored);
    // Numbered in order from 1 with no gap, on both.
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(events.map((_, i) => i + 1));
  }, 60_000);

  test('a store at a version that moved is refused as on SQLite, and stores nothing', async () => {
    const [{ id }] = both.sqliteDb
      .select({ id: schema.participants.id })
      .from(schema.participants)
      .where(eq(schema.participants.workspace_id, ws))
      .limit(1)
      .all() as [{ id: string }];
    const loaded = both.repos.participants.load.participant(ws, id)!;
    const stale: LoadedState = { ...loaded, version: loaded.version! - 1 };
    const participant = { ...loaded.state.participant!, name: 'Stale Write' };
    const after = { ...loaded.state, participant };
    let onSqlite: unknown;
    try {
      writeTx(both.sqliteDb, (tx) => both.repos.participants.store(tx, ws, stale, after, []));
    } catch (error) {
      onSqlite = error;
    }
    expect(onSqlite).toMatchObject({ code: 'CONFLICT', participantRefusal: { key: 'changedMeanwhile' } });
    await expect(
      both.pg.transaction((tx) => createPgParticipantWrites(tx).store(ws, stale, after, [])),
    ).rejects.toEqual(onSqlite);
    await expectSameRows();
  });

  test('a key remembered is seen; remembered again, it is refused and the second transaction stores nothing', async () => {
    const row = {
      workspace_id: ws,
      key: 'retry-1',
      scope: 'sessions.schedule',
      request_hash: 'abc',
      response: { id: 'session-1', nested: [1, 2] },
      created_at: AT,
    };
    const seen = createPgIdempotencyReads(both.pg);
    expect(await seen.seen(ws, row.key)).toBeUndefined();
    await both.pg.transaction((tx) => createPgIdempotencyWrites(tx).remember(row));
    expect(await seen.seen(ws, row.key)).toEqual({ scope: row.scope, request_hash: 'abc', response: row.response });
    expect(await seen.seen(both.otherWorkspaceId, row.key)).toBeUndefined();
    await expect(
      both.pg.transaction((tx) => createPgIdempotencyWrites(tx).remember({ ...row, request_hash: 'other' })),
    ).rejects.toMatchObject({ code: 'CONFLICT', participantRefusal: { key: 'idempotencyReused' } });
    expect(await seen.seen(ws, row.key)).toMatchObject({ request_hash: 'abc' });
    // Another workspace's key of the same name is its own.
    await both.pg.transaction((tx) =>
      createPgIdempotencyWrites(tx).remember({ ...row, workspace_id: both.otherWorkspaceId }),
    );
  });

  test('two requests remembering one key at once: the second waits for the first, then is refused', async () => {
    const row = {
      workspace_id: ws,
      key: 'at-once',
      scope: 'participants.create',
      request_hash: 'same',
      response: { id: 'first' },
      created_at: AT,
    };
    const order: string[] = [];
    const [firstRemembered, mayCommit] = [signal(), signal()];
    const first = both.pg.transaction(async (tx) => {
      await createPgIdempotencyWrites(tx).remember(row);
      order.push('first remembered');
      firstRemembered.fire();
      await mayCommit.fired;
    });
    await firstRemembered.fired;
    const second = both.pg
      .transaction((tx) => createPgIdempotencyWrites(tx).remember({ ...row, response: { id: 'second' } }))
      .then(
        () => order.push('second remembered'),
        (error: unknown) => {
          order.push('second refused');
          return error;
        },
      );
    await someoneWaitsForALock(both.pg);
    order.push('first commits');
    mayCommit.fire();
    const [, refused] = await Promise.all([first, second]);
    expect(order).toEqual(['first remembered', 'first commits', 'second refused']);
    expect(refused).toMatchObject({ code: 'CONFLICT', participantRefusal: { key: 'idempotencyReused' } });
    expect(await createPgIdempotencyReads(both.pg).seen(ws, row.key)).toMatchObject({ response: { id: 'first' } });
  });
});
