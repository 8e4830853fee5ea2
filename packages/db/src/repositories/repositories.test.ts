import { conflict, type EvaluationStage, type EvaluationTemplate } from '@stageflow/domain';
import { beforeEach, describe, expect, test } from 'vitest';
import { createTestDb, type Db, writeTx } from '../client.ts';
import type { Pipeline, StoragePort } from '../storage/port.ts';
import { createSqliteStorage } from '../storage/sqlite.ts';
import { createRepositories, type Repositories } from './index.ts';
import { interviewer } from './stage-cache.fixtures.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const WS_A = '00000000-0000-4000-8000-00000000000a';
const WS_B = '00000000-0000-4000-8000-00000000000b';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const template = (id: string): EvaluationTemplate => ({
  id,
  template_name: 'Senior Backend Engineer',
  use_case: 'hiring',
  success_outcome: 'hire_no_hire',
  status: 'active',
  skills: ['go'],
  soft_skills: [],
  default_duration_minutes: 30,
  default_difficulty: 'intermediate',
  language: 'en',
  portal_shows_recommendation: false,
  version: 0,
  created_at: NOW,
  updated_at: NOW,
});

const stage = (
  id: string,
  templateId: string,
  order: number,
  extra: Partial<EvaluationStage> = {},
): EvaluationStage => ({
  id,
  evaluation_template_id: templateId,
  type: `s${order}`,
  stage_name: `S${order}`,
  stage_type: 'manual_review',
  agent_profile_id: null,
  stage_order: order,
  duration_minutes: 30,
  difficulty: 'intermediate',
  pass_threshold: 60,
  allow_retake: false,
  max_attempts: 1,
  retake_cooldown_hours: 0,
  automation_rule: 'none',
  auto_reject: false,
  status: 'active',
  question_set: [],
  created_at: NOW,
  updated_at: NOW,
  ...extra,
});

let db: Db;
let repos: Repositories;
let storage: StoragePort;
beforeEach(() => {
  db = createTestDb();
  repos = createRepositories(db);
  storage = createSqliteStorage(db, repos);
  for (const id of [WS_A, WS_B]) {
    repos.workspaces.insert({ id, slug: id.slice(-1), name: id });
  }
  writeTx(db, (tx) => repos.templates.insert(tx, WS_A, template(uuid(1))));
});

/** A change as the application makes it: the given stages, the template's version bumped. */
const withStages =
  (...stages: EvaluationStage[]) =>
  (before: Pipeline): Pipeline => ({
    template: { ...before.template, version: before.template.version + 1 },
    stages,
  });

describe('storage: pipelines.change', () => {
  test('writes the stages the step returned and the template', () => {
    const result = storage.pipelines.change(WS_A, uuid(1), withStages(stage(uuid(10), uuid(1), 0)));
    expect(result).not.toBeInstanceOf(Error);
    expect(repos.templates.byId(WS_A, uuid(1))?.version).toBe(1);
    expect(repos.stages.allOfTemplate(WS_A, uuid(1)).map((s) => s.id)).toEqual([uuid(10)]);
  });

  test('a refused step writes nothing', () => {
    storage.pipelines.change(WS_A, uuid(1), withStages(stage(uuid(10), uuid(1), 0)));
    const result = storage.pipelines.change(WS_A, uuid(1), () => conflict('stale'));
    expect(result).toMatchObject({ code: 'CONFLICT' });
    expect(repos.stages.allOfTemplate(WS_A, uuid(1))).toHaveLength(1);
    expect(repos.templates.byId(WS_A, uuid(1))?.version).toBe(1);
  });

  test('another workspace cannot load or change the template', () => {
    expect(storage.pipelines.change(WS_B, uuid(1), withStages())).toMatchObject({ code: 'NOT_FOUND' });
    expect(repos.templates.byId(WS_B, uuid(1))).toBeUndefined();
  });

  test('an error thrown mid-change rolls back every write', () => {
    expect(() =>
      writeTx(db, (tx) => {
        repos.stages.insert(tx, WS_A, stage(uuid(10), uuid(1), 0));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(repos.stages.allOfTemplate(WS_A, uuid(1))).toEqual([]);
  });
});

describe('participant loading carries what the portal reads (docs/rules.md#what-a-participant-sees-of-their-results)', () => {
  test("each stage's interviewer with its feedback setting, and the template's recommendation setting", () => {
    const keeps = {
      ...interviewer(uuid(21)),
      output: { ...interviewer(uuid(21)).output, include_improvement_feedback: false },
    };
    writeTx(db, (tx) => {
      repos.agentProfiles.insert(tx, WS_A, interviewer(uuid(20)));
      repos.agentProfiles.insert(tx, WS_A, keeps);
    });
    storage.pipelines.change(WS_A, uuid(1), (before) => ({
      template: { ...before.template, portal_shows_recommendation: true, version: before.template.version + 1 },
      stages: [
        stage(uuid(10), uuid(1), 0, { stage_type: 'ai_interview', agent_profile_id: uuid(20) }),
        stage(uuid(11), uuid(1), 1, { stage_type: 'ai_interview', agent_profile_id: uuid(21) }),
        stage(uuid(12), uuid(1), 2),
      ],
    }));
    const loaded = repos.participants.load.template(WS_A, uuid(1));
    expect(loaded?.portal_shows_recommendation).toBe(true);
    expect(loaded?.stages.map((s) => s.interviewer?.output?.include_improvement_feedback ?? null)).toEqual([
      true,
      false,
      null,
    ]);
    // Off unless the team opts in.
    expect(repos.templates.byId(WS_A, uuid(1))?.portal_shows_recommendation).toBe(true);
    writeTx(db, (tx) => repos.templates.insert(tx, WS_A, template(uuid(2))));
    expect(repos.participants.load.template(WS_A, uuid(2))?.portal_shows_recommendation).toBe(false);
  });
});

describe('workspace integrity in the schema itself', () => {
  test('a stage cannot reference an interviewer of another workspace', () => {
    writeTx(db, (tx) => repos.agentProfiles.insert(tx, WS_B, interviewer(uuid(20))));
    expect(() =>
      storage.pipelines.change(WS_A, uuid(1), withStages(stage(uuid(10), uuid(1), 0, { agent_profile_id: uuid(20) }))),
    ).toThrow(/FOREIGN KEY/);
  });

  test('lists only the caller workspace rows', () => {
    writeTx(db, (tx) => {
      repos.agentProfiles.insert(tx, WS_A, interviewer(uuid(20)));
      repos.agentProfiles.insert(tx, WS_B, { ...interviewer(uuid(21)), name: 'Bea' });
    });
    expect(repos.agentProfiles.list(WS_A, { status: 'all' }).map((p) => p.name)).toEqual(['Ada']);
    expect(repos.agentProfiles.existingIds(WS_A, [uuid(20), uuid(21)])).toEqual(new Set([uuid(20)]));
  });

  test('optional columns come back as absent keys, not nulls', () => {
    const loaded = repos.templates.byId(WS_A, uuid(1));
    expect(loaded).toEqual(template(uuid(1)));
    expect(loaded && 'description' in loaded ? loaded.description : undefined).toBeUndefined();
  });
});
