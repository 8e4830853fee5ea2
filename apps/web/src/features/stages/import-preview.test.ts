import type { AgentProfile, EvaluationStage } from '@stageflow/domain';
import { describe, expect, it } from 'vitest';
import { type ImportContext, previewImport } from './import-preview.ts';
import { SEED_EXAMPLE_JSON as SEED_EXAMPLE } from './seed-example.ts';

const templateId = '2f1b6c1e-8d7a-4b7e-9c55-0a3e8f1d2b44';
const profileId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const archivedId = '9b2f0c1a-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
const profile = (id: string, name: string, status: AgentProfile['status']) =>
  ({ id, name, status, evaluation_dimensions: [{ name: 'Depth' }] }) as unknown as AgentProfile;

const stage = (id: string, name: string, order: number, extra: Partial<EvaluationStage> = {}) =>
  ({
    id,
    evaluation_template_id: templateId,
    type: name.toLowerCase(),
    stage_name: name,
    stage_type: 'manual_review',
    agent_profile_id: null,
    stage_order: order,
    status: 'active',
    automation_rule: 'none',
    auto_reject: false,
    ...extra,
  }) as EvaluationStage;

const context = (extra: Partial<ImportContext> = {}): ImportContext => ({
  templateId,
  pipeline: { template: { id: templateId }, stages: [] },
  mode: 'append',
  profiles: [profile(profileId, 'Ada', 'active'), profile(archivedId, 'Old Ada', 'archived')],
  ...extra,
});

const reviews = (...names: string[]) =>
  JSON.stringify(names.map((stage_name) => ({ stage_name, stage_type: 'manual_review' })));

describe('previewImport', () => {
  it('the seed example needs an agent profile for its AI stages, and is ready once one is chosen', () => {
    const missing = previewImport(SEED_EXAMPLE, context());
    expect(missing.kind).toBe('invalid');
    if (missing.kind !== 'invalid') return;
    expect(missing.rows.map((r) => [r.stage_name, r.needs_profile, r.problems.length])).toEqual([
      ['Phone Screen', true, 1],
      ['Technical', true, 1],
      ['Final', false, 0],
    ]);
    expect(missing.rows[0]?.problems[0]).toMatch(/"Phone Screen" is an AI interview with no agent profile/);

    const preview = previewImport(SEED_EXAMPLE, context({ fillProfileId: profileId }));
    expect(preview.kind).toBe('ready');
    if (preview.kind !== 'ready') return;
    expect(preview.rows.map((r) => [r.place, r.stage_name, r.type, r.agent_profile, r.pass_threshold])).toEqual([
      [1, 'Phone Screen', 'phone_screen', 'Ada', 60],
      [2, 'Technical', 'technical', 'Ada', 75],
      [3, 'Final', 'final', null, 80],
    ]);
    expect(preview.input.stages.map((s) => s.agent_profile_id ?? null)).toEqual([profileId, profileId, null]);
    expect(preview.input).toMatchObject({ evaluation_template_id: templateId, mode: 'append' });
  });

  it('says nothing about an empty box, and reports broken JSON', () => {
    expect(previewImport('  ', context())).toEqual({ kind: 'empty' });
    expect(previewImport('[{', context()).kind).toBe('syntax');
  });

  it('puts a field problem on the row and field it is about, and refuses unknown keys as the server does', () => {
    const preview = previewImport(
      '[{"stage_name":"A","stage_type":"manual_review"},{"stage_name":"B","pass_threshold":150,"colour":"red"}]',
      context(),
    );
    expect(preview.kind).toBe('invalid');
    if (preview.kind !== 'invalid') return;
    expect(preview.rows[0]?.problems).toEqual([]);
    expect(preview.rows[1]?.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pass_threshold: /), expect.stringMatching(/colour/)]),
    );
    expect(preview.problems).toEqual([]);
  });

  it('asks for an array when given something else, and for stages when given none', () => {
    const notArray = previewImport('{"stage_name":"A"}', context());
    expect(notArray.kind === 'invalid' && notArray.problems[0]).toMatch(/JSON array/);
    const none = previewImport('[]', context());
    expect(none.kind === 'invalid' && none.problems).toEqual(['the array has no stages']);
  });

  it('checks each agent profile as the server does', () => {
    const text = JSON.stringify([
      { stage_name: 'A', agent_profile_id: archivedId },
      { stage_name: 'B', agent_profile_id: '00000000-0000-4000-8000-000000000001' },
    ]);
    const preview = previewImport(text, context());
    expect(preview.kind === 'invalid' && preview.rows.map((r) => r.problems[0])).toEqual([
      'agent_profile_id: agent profile "Old Ada" is archived',
      expect.stringMatching(/^agent_profile_id: no agent profile .* in this workspace$/),
    ]);
  });

  it('says what the pipeline after the import would break: a repeated name, a second or misplaced final review', () => {
    const current = [stage('s1', 'Screen', 0), stage('f1', 'Final', 1, { stage_type: 'final_review' })];
    const text = JSON.stringify([
      { stage_name: 'screen', stage_type: 'manual_review' },
      { stage_name: 'Wrap-up', stage_type: 'final_review' },
    ]);
    const preview = previewImport(text, context({ pipeline: { template: { id: templateId }, stages: current } }));
    expect(preview.kind).toBe('invalid');
    if (preview.kind !== 'invalid') return;
    expect(preview.problems).toEqual(['"Final" is a final review but not the last stage: move it to the end']);
    expect(preview.rows[0]?.problems).toEqual([expect.stringMatching(/^"screen" is the name of an earlier stage/)]);
    expect(preview.rows[1]?.problems).toEqual([expect.stringMatching(/^"Wrap-up" is a second final review/)]);
    expect(preview.rows.map((r) => r.place)).toEqual([3, 4]);

    // Replacing the current stages leaves none of that.
    const replacing = previewImport(
      text,
      context({ mode: 'replace', pipeline: { template: { id: templateId }, stages: current } }),
    );
    expect(replacing.kind).toBe('ready');
    expect(replacing.kind === 'ready' && replacing.rows.map((r) => r.place)).toEqual([1, 2]);
  });

  it('waits for append or replace to be chosen, and knows replace is refused while people are in a stage', () => {
    const current = [stage('s1', 'Screen', 0)];
    const pipeline = { template: { id: templateId }, stages: current };
    expect(previewImport(reviews('Panel'), context({ mode: null, pipeline })).kind).toBe('choose-mode');
    const refused = previewImport(
      reviews('Panel'),
      context({ mode: 'replace', pipeline, activeParticipantsIn: () => 2 }),
    );
    expect(refused.kind === 'invalid' && refused.problems).toEqual([
      'The stage "Screen" has 2 active participants in it: move them on before archiving it',
    ]);
  });
});
