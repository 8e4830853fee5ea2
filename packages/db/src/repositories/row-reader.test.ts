import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createTestDb } from '../client.ts';
import { evaluationTemplates, workspaces } from '../schema/index.ts';
import { rowReader } from './row-reader.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const WS = '00000000-0000-4000-8000-00000000000a';

test('reads a row from its values exactly as Drizzle maps it: JSON parsed, booleans, nulls, columns left out', () => {
  const db = createTestDb();
  db.insert(workspaces)
    .values({ id: WS, slug: 'a', name: 'A', createdAt: new Date(NOW) })
    .run();
  const row = {
    id: '00000000-0000-4000-8000-000000000001',
    workspace_id: WS,
    template_name: 'Backend',
    use_case: 'hiring' as const,
    description: null,
    objective: 'Hire well',
    success_outcome: 'custom' as const,
    custom_outcome_labels: { positive: 'Yes', negative: 'No' },
    status: 'active' as const,
    industry: null,
    level: null,
    requirements: null,
    skills: ['go', 'sql'],
    soft_skills: [],
    ai_context: null,
    default_duration_minutes: 30,
    default_difficulty: 'intermediate' as const,
    language: 'en',
    portal_shows_recommendation: true,
    version: 3,
    created_at: NOW,
    updated_at: NOW,
  };
  db.insert(evaluationTemplates).values(row).run();
  const query = db.select().from(evaluationTemplates).where(eq(evaluationTemplates.id, row.id));

  const { workspace_id: _, ...expected } = query.get()!;
  const read = rowReader(evaluationTemplates, ['workspace_id']).read(query.values()[0]!);
  expect(read).toEqual(expected);
  // The same keys in the same order: answers serialize the same.
  expect(JSON.stringify(read)).toBe(JSON.stringify(expected));
  expect(read).toMatchObject({ portal_shows_recommendation: true, skills: ['go', 'sql'], description: null });
});
