import { type LoadedState, schema } from '@stageflow/db';
import { createPgParticipantLoads, createPgParticipantWrites } from '@stageflow/db/postgres';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type BothEngines,
  demoOnBothEngines,
  enginesUnavailable,
  signal,
  someoneWaitsForALock,
} from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('participant command loads on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: ReturnType<typeof createPgParticipantLoads>;
  let people: { id: string; email: string; template: string }[];
  let templateIds: string[];

  beforeAll(async () => {
    both = await demoOnBothEngines();
    pg = createPgParticipantLoads(both.pg);
    people = both.sqliteDb
      .select({
        id: schema.participants.id,
        email: schema.participants.email,
        template: schema.participants.evaluation_template_id,
      })
      .from(schema.participants)
      .where(eq(schema.participants.workspace_id, both.workspaceId))
      .all();
    templateIds = both.repos.templates.list(both.workspaceId, { status: 'all' }).map((t) => t.id);
  }, 60_000);
  afterAll(() => both?.stop());

  test('every demo participant loads the same state, version and template on both', async () => {
    expect(people.length).toBeGreaterThan(20);
    let withSessions = 0;
    for (const { id } of people) {
      const onSqlite = both.repos.participants.load.participant(both.workspaceId, id);
      expect(onSqlite?.state.participant?.id).toBe(id);
      if ((onSqlite?.state.sessions.length ?? 0) > 0) withSessions++;
      expect(await pg.load.participant(both.workspaceId, id)).toEqual(onSqlite);
      expect(await pg.loadTarget(both.workspaceId, { participantId: id })).toEqual(
        both.repos.participants.loadTarget(both.workspaceId, { participantId: id }),
      );
    }
    expect(withSessions).toBeGreaterThan(5);
  });

  test('every template loads the same, for an enrolment too', async () => {
    expect(templateIds.length).toBeGreaterThan(1);
    for (const id of templateIds) {
      const onSqlite = both.repos.participants.load.template(both.workspaceId, id);
      expect(onSqlite?.stages.length).toBeGreaterThan(0);
      expect(await pg.load.template(both.workspaceId, id)).toEqual(onSqlite);
      expect(await pg.loadTarget(both.workspaceId, { templateId: id })).toEqual(
        both.repos.participants.loadTarget(both.workspaceId, { templateId: id }),
      );
    }
  });

  test('an email is taken, free, or taken only by the one asking, alike on both; its case counts on both', async () => {
    const [person] = people;
    const other = people.find((p) => p.template === person!.template && p.id !== person!.id)!;
    const asks: [string, string, string | undefined][] = [
      [person!.template, person!.email, undefined],
      [person!.template, person!.email, person!.id],
      [person!.template, person!.email, other.id],
      [person!.template, person!.email.toUpperCase(), undefined],
      [person!.template, 'nobody-here@example.com', undefined],
      ...templateIds
        .filter((t) => t !== person!.template)
        .map((t): [string, string, undefined] => [t, person!.email, undefined]),
    ];
    const onSqlite = asks.map(([t, email, except]) => [
      both.repos.participants.emailTaken(both.workspaceId, t, email, except),
      both.repos.participants.emailTakenIn(both.workspaceId, t, email, except),
    ]);
    expect(onSqlite.slice(0, 5).map(([taken]) => taken)).toEqual([true, false, true, false, false]);
    expect(onSqlite[0]![1]).toEqual(expect.any(String));
    const onPg = [];
    for (const [t, email, except] of asks) {
      onPg.push([
        await pg.emailTaken(both.workspaceId, t, email, except),
        await pg.emailTakenIn(both.workspaceId, t, email, except),
      ]);
    }
    expect(onPg).toEqual(onSqlite);
  });

  test('another workspace loads nothing of this one', async () => {
    const ws = both.otherWorkspaceId;
    for (const { id, email, template } of people.slice(0, 5)) {
      expect(await pg.load.participant(ws, id)).toBeUndefined();
      expect(await pg.emailTaken(ws, template, email)).toBe(false);
      expect(await pg.emailTakenIn(ws, template, email)).toBeNull();
      const notFound = both.repos.participants.loadTarget(ws, { participantId: id });
      expect(notFound).toMatchObject({ code: 'NOT_FOUND' });
      expect(await pg.loadTarget(ws, { participantId: id })).toEqual(notFound);
    }
    for (const id of templateIds) {
      expect(await pg.load.template(ws, id)).toBeUndefined();
      const notFound = both.repos.participants.loadTarget(ws, { templateId: id });
      expect(notFound).toMatchObject({ code: 'NOT_FOUND' });
      expect(await pg.loadTarget(ws, { templateId: id })).toEqual(notFound);
    }
  });

  test('a second write load of a participant waits until the first command commits, then reads what it stored', async () => {
    const { id } = people.find(
      (p) => both.repos.participants.load.participant(both.workspaceId, p.id)?.state.participant?.status === 'active',
    )!;
    const order: string[] = [];
    const [firstLoaded, mayStore] = [signal(), signal()];
    const first = both.pg.transaction(async (tx) => {
      const loaded = (await createPgParticipantLoads(tx, { inWrite: true }).load.participant(both.workspaceId, id))!;
      order.push('first loaded');
      firstLoaded.fire();
      await mayStore.fired;
      const participant = loaded.state.participant!;
      const renamed = { ...participant, name: `${participant.name} (renamed)` };
      await createPgParticipantWrites(tx).store(
        both.workspaceId,
        loaded,
        { ...loaded.state, participant: renamed },
        [],
      );
      order.push('first stored');
      return loaded;
    });
    await firstLoaded.fired;
    const second = both.pg.transaction(async (tx) => {
      const loaded = await createPgParticipantLoads(tx, { inWrite: true }).load.participant(both.workspaceId, id);
      order.push('second loaded');
      return loaded;
    });
    await someoneWaitsForALock(both.pg);
    // A load outside a write takes no lock: it answers at once, with the state before the first's change.
    const outside = await pg.load.participant(both.workspaceId, id);
    expect(order).toEqual(['first loaded']);
    mayStore.fire();
    const [before, after] = await Promise.all([first, second]);
    expect(order).toEqual(['first loaded', 'first stored', 'second loaded']);
    expect(outside).toEqual(before);
    expect(after?.version).toBe(before.version! + 1);
    expect(after?.state.participant?.name).toBe(`${before.state.participant!.name} (renamed)`);
  });

  test('a second enrolment into a template waits for the first, then finds its email taken', async () => {
    const templateId = people[0]!.template;
    const email = 'enrolled-at-once@example.com';
    const someone = both.repos.participants.load.participant(both.workspaceId, people[0]!.id)!.state.participant!;
    const order: string[] = [];
    const [firstLoaded, mayStore] = [signal(), signal()];
    const first = both.pg.transaction(async (tx) => {
      const loaded = (await createPgParticipantLoads(tx, { inWrite: true }).loadTarget(both.workspaceId, {
        templateId,
      })) as LoadedState;
      order.push('first loaded');
      firstLoaded.fire();
      await mayStore.fired;
      const enrolled = { ...someone, id: crypto.randomUUID(), email, current_stage_id: null };
      await createPgParticipantWrites(tx).store(
        both.workspaceId,
        loaded,
        { ...loaded.state, participant: enrolled },
        [],
      );
      order.push('first stored');
    });
    await firstLoaded.fired;
    const second = both.pg.transaction(async (tx) => {
      const loads = createPgParticipantLoads(tx, { inWrite: true });
      await loads.loadTarget(both.workspaceId, { templateId });
      order.push('second loaded');
      return loads.emailTaken(both.workspaceId, templateId, email);
    });
    await someoneWaitsForALock(both.pg);
    expect(await pg.emailTaken(both.workspaceId, templateId, email)).toBe(false);
    mayStore.fire();
    const [, taken] = await Promise.all([first, second]);
    expect(order).toEqual(['first loaded', 'first stored', 'second loaded']);
    expect(taken).toBe(true);
  });
});
