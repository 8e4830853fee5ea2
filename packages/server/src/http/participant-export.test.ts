import { CSV_BOM } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { setupApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';
import { openApiDocument } from './openapi.ts';
import { restApp } from './rest-testing.ts';

const lines = (csv: string) => csv.replace(CSV_BOM, '').trimEnd().split('\r\n');

describe('participants as CSV (docs/rules.md#csv-export)', () => {
  test('the list as filtered, with each stage’s state and latest score, in the caller’s workspace only', async () => {
    const t = setupApi();
    const { template } = await buildPipeline(t.api);
    const priya = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Priya Raman') });
    await t.api.participants.create({ evaluation_template_id: template.id, ...person('=Omar') });
    const { session } = await t.api.sessions.schedule({ participant_id: priya.id });
    await t.api.sessions.start({ session_id: session.id });
    await t.api.sessions.complete({ session_id: session.id, ...scores(7, 6) });

    const all = await t.api.participants.export();
    expect(all).toMatchObject({ rows: 2, truncated: false });
    expect(all.filename).toMatch(/^participants-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = lines(all.csv);
    const omar = rows.find((r) => r.includes('Omar'));
    const priyaRow = rows.find((r) => r.includes('Priya'));
    expect(header).toBe(
      'name,email,external_id,phone,tags,template,status,recommendation,current_stage,added_at,Phone Screen: state,Phone Screen: score,Technical: state,Technical: score,Final: state,Final: score',
    );
    // A name a spreadsheet would run as a formula is kept as text.
    expect(omar).toMatch(/^'=Omar,/);
    expect(omar).toMatch(/,pending,,,,,$/);
    expect(priyaRow).toMatch(/^Priya Raman,.*,Senior Backend Engineer,active,,Technical,.*,passed,66,pending,,,$/);

    const searched = await t.api.participants.export({ evaluation_template_id: template.id, search: 'priya' });
    expect(searched.rows).toBe(1);
    expect(searched.filename).toMatch(/^participants-senior-backend-engineer-/);
    // Another workspace sees none of them.
    expect(await t.other.participants.export()).toMatchObject({ rows: 0 });
    expect(lines((await t.other.participants.export()).csv)).toHaveLength(1);
  });

  test('REST answers the file itself, as an attachment, and refuses bad filters with 400', async () => {
    const t = restApp();
    const res = await t.call('GET', '/participants/export.csv?status=active');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="participants-[\d-]+\.csv"$/);
    // (Reading the answer as text drops the byte-order mark the file starts with.)
    expect(res.text.startsWith('name,email,')).toBe(true);

    const bad = await t.call('GET', '/participants/export.csv?status=sleeping');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(['status']);
    // The document says it is a CSV.
    const op = (openApiDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
      '/participants/export.csv'
    ]!.get!;
    expect(op.responses['200']).toMatchObject({ content: { 'text/csv': { schema: { type: 'string' } } } });
  });
});
