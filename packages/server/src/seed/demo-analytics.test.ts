import { createRepositories, createTestDb } from '@stageflow/db';
import { NOW } from '@stageflow/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../auth/principal.ts';
import { type Caller, createCaller } from '../caller.ts';
import { contextDeps, createInnerContext } from '../context.ts';
import { createLogger } from '../logger.ts';
import { seedDemoData } from './demo-data.ts';

/** The rule simulation on the demo data a new database gets (docs/rules.md#rule-simulation). */
let api: Caller;
let templates: { id: string; template_name: string }[];

beforeAll(async () => {
  const db = createTestDb();
  const repos = createRepositories(db);
  const workspace = repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'demo', name: 'Demo workspace' });
  const owner: Principal = { kind: 'user', userId: 'demo-owner', workspaceId: workspace.id, role: 'owner' };
  await seedDemoData(db, repos, owner, NOW);
  api = createCaller(createInnerContext(contextDeps(db, repos, createLogger('silent')), owner, { now: () => NOW }));
  templates = await api.templates.list();
});

const stagesOf = async (name: string) => {
  const template = templates.find((t) => t.template_name === name)!;
  return { template, stages: await api.stages.list({ evaluation_template_id: template.id }) };
};

describe('replaying the demo data', () => {
  test.each(['Senior Backend Engineer', 'Customer Support Onboarding'])(
    '%s: with the rules unchanged, every stay replays to what happened',
    async (name) => {
      const { template, stages } = await stagesOf(name);
      const answer = await api.analytics.simulate({
        evaluation_template_id: template.id,
        changes: stages.map((s) => ({ stage_id: s.id })),
      });
      expect(answer.reproduced.replayed).toBeGreaterThan(5);
      expect(answer.reproduced.matching).toBe(answer.reproduced.replayed);
      expect(answer.changes_total).toBe(0);
    },
  );

  test('reports the stays a reviewer decided against, and does not re-decide them', async () => {
    const { template, stages } = await stagesOf('Senior Backend Engineer');
    const answer = await api.analytics.simulate({
      evaluation_template_id: template.id,
      changes: stages.map((s) => ({ stage_id: s.id, pass_threshold: 10 })),
    });
    const names = answer.overridden.map((o) => [o.participant_name, o.override]);
    expect(names).toContainEqual(['Ben Carter', 'decided_against_suggestion']);
    expect(names).toContainEqual(['Julia Weber', 'decided_against_suggestion']);
    expect(answer.changes.map((c) => c.participant_name)).not.toContain('Ben Carter');
  });

  test('a higher pass mark at the Phone Screen lists who would have waited for a decision instead', async () => {
    const { template, stages } = await stagesOf('Senior Backend Engineer');
    const screen = stages.find((s) => s.stage_name === 'Phone Screen')!;
    const answer = await api.analytics.simulate({
      evaluation_template_id: template.id,
      changes: [{ stage_id: screen.id, pass_threshold: 80 }],
    });
    const changed = answer.changes.map((c) => [c.participant_name, c.recorded, c.simulated]);
    // Sofia Rossi scored 70 and advanced; at 80 she would have waited for a reviewer.
    expect(changed).toContainEqual(['Sofia Rossi', 'advanced', 'awaiting_decision']);
    expect(changed).not.toContainEqual(expect.arrayContaining(['Chen Wei']));
  });
});

/** The adverse-impact monitor on the demo data (docs/rules.md#adverse-impact): figures to show on a new database. */
describe('adverse impact on the demo data', () => {
  test('most demo candidates self-identified; the Phone Screen compares women and men with N and a p-value', async () => {
    const { template, stages } = await stagesOf('Senior Backend Engineer');
    const answer = await api.analytics.adverseImpact({ evaluation_template_id: template.id });
    expect(answer.self_identified).toBeGreaterThan(answer.participants * 0.8);
    const screen = answer.by_stage.find((s) => s.stage_id === stages.find((x) => x.stage_name === 'Phone Screen')!.id)!;
    const [male, female] = screen.selection.by_sex.rows;
    expect(female).toMatchObject({ status: 'reference', n: 12, selected: 12 });
    expect(male).toMatchObject({ status: 'compared', n: 11, selected: 9, below_four_fifths: false });
    expect(male!.p_value).toBeGreaterThan(0.05);
    expect(screen.selection.by_sex.unknown).toBeGreaterThan(0);
    expect(screen.scoring?.figures.by_sex.rows.every((r) => r.status !== 'insufficient_data')).toBe(true);
  });

  test('the portal’s demo participant has not answered, so her portal offers the questions', async () => {
    const { template } = await stagesOf('Customer Support Onboarding');
    const rosa = (await api.participants.list({ evaluation_template_id: template.id, search: 'Rosa' })).items[0]!;
    const { items } = await api.events.list({ participant_id: rosa.id });
    expect(items.map((e) => e.type)).not.toContain('self_identification_recorded');
  });
});
