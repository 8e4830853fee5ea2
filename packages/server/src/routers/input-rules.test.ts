import { encodeParticipantCursor } from '@stageflow/domain';
import { beforeEach, describe, expect, test } from 'vitest';
import { fieldIssues } from '../errors.ts';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline, person } from '../testing-pipeline.ts';

/*
 * Inputs that used to be taken and quietly misread: a mangled cursor answered the first page, an
 * unknown time zone was stored, and text with NUL characters or broken surrogates was kept
 * (docs/entities.md#wire-format). Each is now a BAD_REQUEST naming its field.
 */
let t: ApiKit;

/** Refused as BAD_REQUEST with an issue at `path` whose message matches (what every client shows). */
async function expectIssue(call: Promise<unknown>, path: (string | number)[], message: RegExp) {
  const error = await expectTRPCError(call, 'BAD_REQUEST', { issuePath: path });
  const issue = fieldIssues(error.cause)?.find((i) => i.path.join('.') === path.join('.'));
  expect(issue?.message).toMatch(message);
}
beforeEach(async () => {
  t = await setupEngineApi();
});

describe('participants.list cursor', () => {
  test.each([
    ['not base64url at all', 'not a cursor!'],
    ['base64url of something else', 'Z2FyYmFnZQ'],
    ['a cursor cut short', 'MjAyNi0wNi0wMlQwOTozMDowMC4wMDBafDNmMWMy'],
    ['a time without its id', encodeParticipantCursor({ created_at: '2026-06-02T09:30:00.000Z', id: 'x' })],
  ])('%s is refused naming cursor, not answered with the first page', async (_, cursor) => {
    const { template } = await buildPipeline(t.api);
    await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await expectIssue(t.api.participants.list({ cursor }), ['cursor'], /^not a cursor this list gave out/);
  });

  test('a next_cursor from the list still pages', async () => {
    const { template } = await buildPipeline(t.api);
    for (const name of ['A', 'B', 'C']) {
      await t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
    }
    const first = await t.api.participants.list({ limit: 2 });
    const second = await t.api.participants.list({ limit: 2, cursor: first.next_cursor! });
    expect([...first.items, ...second.items].map((p) => p.name).sort()).toEqual(['A', 'B', 'C']);
    expect(second.next_cursor).toBeNull();
  });
});

describe('session time zones', () => {
  test('scheduling in an unknown zone is refused naming timezone, and nothing is scheduled', async () => {
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await expectIssue(
      t.api.sessions.schedule({ participant_id: jane.id, timezone: 'Mars/Olympus' }),
      ['timezone'],
      /^unknown time zone "Mars\/Olympus"/,
    );
    expect(await t.api.sessions.list({ participant_id: jane.id })).toEqual([]);
  });

  test('rescheduling into one too; a real zone, alias included, is kept as given', async () => {
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    const { session } = await t.api.sessions.schedule({ participant_id: jane.id, timezone: 'Europe/Paris' });
    expect(session.timezone).toBe('Europe/Paris');
    const at = '2026-12-01T09:00:00.000Z';
    await expectTRPCError(
      t.api.sessions.reschedule({ session_id: session.id, scheduled_at: at, timezone: 'Europe/Atlantis' }),
      'BAD_REQUEST',
      { issuePath: ['timezone'] },
    );
    const moved = await t.api.sessions.reschedule({
      session_id: session.id,
      scheduled_at: at,
      timezone: 'Asia/Kolkata',
    });
    expect(moved.session.timezone).toBe('Asia/Kolkata');
  });
});

describe('text fields', () => {
  test('a NUL character or an unpaired surrogate is refused naming the field', async () => {
    const { template } = await buildPipeline(t.api);
    await expectIssue(
      t.api.participants.create({ evaluation_template_id: template.id, name: 'Jane\u0000', email: 'j@example.com' }),
      ['name'],
      /^must not contain a NUL character/,
    );
    await expectIssue(
      t.api.templates.update({ id: template.id, description: 'broken \uD83D' }),
      ['description'],
      /^must not contain an unpaired surrogate/,
    );
    await expectTRPCError(
      t.api.participants.create({
        evaluation_template_id: template.id,
        ...person(),
        metadata: { cohort: 'A\u0000' },
      }),
      'BAD_REQUEST',
      { issuePath: ['metadata', 'cohort'] },
    );
    expect((await t.api.participants.list()).items).toEqual([]);
  });

  test('emoji and other scripts are text like any other', async () => {
    const { template } = await buildPipeline(t.api);
    const p = await t.api.participants.create({
      evaluation_template_id: template.id,
      ...person('Zoë 山田 \u{1F680}'),
    });
    expect(p.name).toBe('Zoë 山田 \u{1F680}');
  });
});

describe('reserved keys', () => {
  test('constructor and prototype in a record, and __proto__ from parsed JSON, are refused naming the key', async () => {
    const { template } = await buildPipeline(t.api);
    for (const key of ['constructor', 'prototype', '__proto__']) {
      const input = JSON.parse(
        `{"evaluation_template_id":"${template.id}","name":"Jane","email":"j@example.com","metadata":{"${key}":"x"}}`,
      );
      await expectIssue(t.api.participants.create(input), ['metadata', key], new RegExp(`^the key "${key}" is not`));
    }
    const bulk = JSON.parse(
      `{"evaluation_template_id":"${template.id}","participants":[{"__proto__":{"name":"Eve"}}]}`,
    );
    await expectTRPCError(t.api.participants.bulkCreate(bulk), 'BAD_REQUEST', {
      issuePath: ['participants', 0, '__proto__'],
    });
    expect((await t.api.participants.list()).items).toEqual([]);
  });
});
