import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { closeDb, createDb, type Db, defaultMigrationsFolder, migrateDb } from './client.ts';
import { migrationCount } from './files.ts';
import { createRepositories } from './repositories/index.ts';

/**
 * Upgrades as an operator meets them: a database made by an older Stageflow, at an older migration, is
 * opened by this one and migrated to the latest. The older database is made with the committed
 * migrations cut off at a tag (a copy of drizzle/ whose journal ends there).
 */
const scratch: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) closeDb(db);
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of drizzle/ whose journal ends at `lastTag` (by default, the whole of it). */
function migrationsUpTo(lastTag?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stageflow-migrations-'));
  scratch.push(dir);
  cpSync(defaultMigrationsFolder, dir, { recursive: true });
  if (lastTag === undefined) return dir;
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(last, `no migration ${lastTag}`).toBeGreaterThanOrEqual(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return dir;
}

function databaseAt(lastTag?: string): Db {
  const db = createDb(':memory:');
  open.push(db);
  migrateDb(db, migrationsUpTo(lastTag));
  return db;
}

describe('an upgrade from before accounts (migration 0002) to the latest', () => {
  // Before 0003, workspaces.created_at was an ISO string; 0003 made it epoch milliseconds.
  const made = [
    '2026-03-04T05:06:07.089Z',
    '2026-03-04T05:06:07.999Z',
    '2026-03-04T05:06:07.001Z',
    '2025-12-31T23:59:59Z',
  ];

  test('keeps every workspace’s created_at to the millisecond', () => {
    const db = databaseAt('0002_events_append_only');
    const insert = db.$client.prepare(
      'insert into workspaces (id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)',
    );
    made.forEach((at, i) => {
      insert.run(`ws-${i}`, `ws-${i}`, `Workspace ${i}`, at, at);
    });

    migrateDb(db);

    const rows = db.$client.prepare('select id, created_at from workspaces order by id').all();
    expect(rows).toEqual(made.map((at, i) => ({ id: `ws-${i}`, created_at: Date.parse(at) })));
    const repos = createRepositories(db);
    expect(made.map((_, i) => repos.workspaces.byId(`ws-${i}`)?.createdAt.toISOString())).toEqual(
      made.map((at) => new Date(at).toISOString()),
    );
  });

  test('keeps what belongs to the workspaces (the table is copied, its rows keep their ids)', () => {
    const db = databaseAt('0002_events_append_only');
    const at = '2026-03-04T05:06:07.089Z';
    db.$client
      .prepare('insert into workspaces (id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)')
      .run('ws-1', 'acme', 'Acme', at, at);
    db.$client
      .prepare(
        `insert into evaluation_templates (id, workspace_id, template_name, use_case, success_outcome, status, skills,
           soft_skills, default_duration_minutes, default_difficulty, language, created_at, updated_at)
         values ('t-1', 'ws-1', 'Backend', 'hiring', 'hire', 'active', '[]', '[]', 30, 'intermediate', 'en', ?, ?)`,
      )
      .run(at, at);

    migrateDb(db);

    expect(db.$client.prepare('select workspace_id, created_at from evaluation_templates').all()).toEqual([
      { workspace_id: 'ws-1', created_at: at },
    ]);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  });
});

test('an applied migration is never run again, so correcting its text changes only databases still before it', () => {
  // drizzle's migrator runs the journal's entries newer than the last one applied; it does not compare
  // the text of those already applied. 0003's conversion was corrected on that basis.
  const db = databaseAt();
  const changed = migrationsUpTo();
  writeFileSync(join(changed, '0003_accounts_and_workspaces.sql'), 'this is not SQL');
  expect(() => migrateDb(db, changed)).not.toThrow();
  expect(db.$client.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual({ n: migrationCount() });
});

describe('an upgrade from before the AI notice (migration 0009) to the latest', () => {
  test('keeps every decision as it was (the table is copied to let session_id and suggested be empty) and adds consent', () => {
    const db = databaseAt('0009_portal_links');
    const at = '2026-03-04T05:06:07.089Z';
    const sql = (text: string) => db.$client.prepare(text).run();
    sql(`insert into workspaces (id, slug, name, created_at) values ('ws-1', 'acme', 'Acme', 1772600767089)`);
    sql(`insert into evaluation_templates (id, workspace_id, template_name, use_case, success_outcome, status, skills,
           soft_skills, default_duration_minutes, default_difficulty, language, version, created_at, updated_at)
         values ('t-1', 'ws-1', 'Backend', 'hiring', 'hire_no_hire', 'active', '[]', '[]', 30, 'intermediate', 'en', 1, '${at}', '${at}')`);
    sql(`insert into evaluation_stages (id, workspace_id, evaluation_template_id, type, stage_name, stage_type, stage_order,
           duration_minutes, difficulty, allow_retake, max_attempts, retake_cooldown_hours, automation_rule, auto_reject,
           status, created_at, updated_at)
         values ('s-1', 'ws-1', 't-1', 'screen', 'Screen', 'manual_review', 0, 30, 'intermediate', 0, 1, 0, 'none', 0,
           'active', '${at}', '${at}')`);
    sql(`insert into participants (id, workspace_id, evaluation_template_id, name, email, tags, profile, background,
           metadata, status, current_stage_id, created_at, updated_at)
         values ('p-1', 'ws-1', 't-1', 'Jane', 'jane@example.com', '[]', '{}', '{}', '{}', 'active', 's-1', '${at}', '${at}')`);
    sql(`insert into sessions (id, workspace_id, participant_id, stage_id, attempt, status, scheduled_at, timezone,
           created_at, updated_at)
         values ('x-1', 'ws-1', 'p-1', 's-1', 1, 'completed', '${at}', 'UTC', '${at}', '${at}')`);
    const decision = {
      id: 'd-1',
      workspace_id: 'ws-1',
      participant_id: 'p-1',
      stage_id: 's-1',
      session_id: 'x-1',
      reason: 'approval_required',
      suggested: 'advance',
      status: 'decided',
      outcome: 'advance',
      note: 'Strong',
      decided_by: 'user:u-1',
      decided_at: at,
      created_at: '2026-03-03T05:06:07.089Z',
    };
    db.$client
      .prepare(
        `insert into decisions (${Object.keys(decision).join(', ')}) values (${Object.keys(decision)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values(decision));
    db.$client
      .prepare(
        `insert into stage_progress (workspace_id, participant_id, stage_id, state, attempts_used, retakes_granted, entered_at, rules)
         values ('ws-1', 'p-1', 's-1', 'passed', 1, 0, '${at}', '{}')`,
      )
      .run();

    migrateDb(db);

    expect(db.$client.prepare('select * from decisions').all()).toEqual([decision]);
    expect(db.$client.prepare('select state, consent from stage_progress').all()).toEqual([
      { state: 'passed', consent: null },
    ]);
    expect(db.$client.prepare('select count(*) as n from portal_notice_settings').get()).toEqual({ n: 0 });
  });
});
