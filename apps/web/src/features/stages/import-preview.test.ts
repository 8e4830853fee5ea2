import { describe, expect, it } from 'vitest';
import { previewImport } from './import-preview.ts';
import { SEED_EXAMPLE_JSON as SEED_EXAMPLE } from './seed-example.ts';

const templateId = '2f1b6c1e-8d7a-4b7e-9c55-0a3e8f1d2b44';

describe('previewImport', () => {
  it('accepts the seed example as-is and derives each type from its name', () => {
    const preview = previewImport(SEED_EXAMPLE, templateId, 'append');
    expect(preview.kind).toBe('ready');
    if (preview.kind !== 'ready') return;
    expect(preview.rows.map((r) => [r.stage_name, r.type, r.pass_threshold])).toEqual([
      ['Phone Screen', 'phone_screen', 60],
      ['Technical', 'technical', 75],
      ['Final', 'final', 80],
    ]);
    expect(preview.input).toMatchObject({ evaluation_template_id: templateId, mode: 'append' });
    expect(preview.input.stages).toHaveLength(3);
  });

  it('says nothing about an empty box', () => {
    expect(previewImport('  ', templateId, 'append')).toEqual({ kind: 'empty' });
  });

  it('reports broken JSON', () => {
    expect(previewImport('[{', templateId, 'append').kind).toBe('syntax');
  });

  it('puts a problem on the row and field it is about', () => {
    const preview = previewImport(
      '[{"stage_name":"A"},{"stage_name":"B","pass_threshold":150}]',
      templateId,
      'replace',
    );
    expect(preview.kind).toBe('invalid');
    if (preview.kind !== 'invalid') return;
    expect(preview.rows[0]?.problems).toEqual([]);
    expect(preview.rows[1]?.problems).toEqual([expect.stringMatching(/^pass_threshold: /)]);
    expect(preview.problems).toEqual([]);
  });

  it('rejects unknown keys, as the server does', () => {
    const preview = previewImport('[{"stage_name":"A","colour":"red"}]', templateId, 'append');
    expect(preview.kind === 'invalid' && preview.rows[0]?.problems.length).toBe(1);
  });

  it('asks for an array when given something else, and for stages when given none', () => {
    const notArray = previewImport('{"stage_name":"A"}', templateId, 'append');
    expect(notArray.kind === 'invalid' && notArray.problems[0]).toMatch(/JSON array/);
    const none = previewImport('[]', templateId, 'append');
    expect(none.kind === 'invalid' && none.problems).toEqual(['the array has no stages']);
  });
});
