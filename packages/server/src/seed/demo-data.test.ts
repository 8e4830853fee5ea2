import { createRepositories, createTestDb } from '@stageflow/db';
import { NOW } from '@stageflow/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../auth/principal.ts';
import { type Caller, createCaller } from '../caller.ts';
import { contextDeps, createInnerContext } from '../context.ts';
import { createLogger } from '../logger.ts';
import { seedDemoData } from './demo-data.ts';
import { DEMO_PEOPLE } from './demo-participants.ts';

/** What a new database gets at the server's first start (seed/demo-workspace.ts), on a fresh in-memory one. */
let api: Caller;
let backendId: string;
let trainingId: string;

beforeAll(async () => {
  const db = createTestDb();
  const repos = createRepositories(db);
  const deps = contextDeps(db, repos, createLogger('silent'));
  const workspace = repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'demo', name: 'Demo workspace' });
  const owner: Principal = { kind: 'user', userId: 'demo-owner', workspaceId: workspace.id, role: 'owner' };
  await seedDemoData(db, repos, owner, NOW);
  api = createCaller(createInnerContext(deps, owner, { now: () => NOW }));
  const templates = await api.templates.list();
  backendId = templates.find((t) => t.template_name === 'Senior Backend Engineer')!.id;
  trainingId = templates.find((t) => t.template_name === 'Customer Support Onboarding')!.id;
});

const board = async (templateId: string) =>
  (await api.participants.board({ evaluation_template_id: templateId, per_column: 200 })).columns;

describe('demo data on a new database', () => {
  test('enrols about thirty people in the backend pipeline, and a few trainees', async () => {
    const backend = await api.participants.list({ evaluation_template_id: backendId, limit: 200 });
    const training = await api.participants.list({ evaluation_template_id: trainingId, limit: 200 });
    expect(backend.items.length).toBeGreaterThanOrEqual(28);
    expect(backend.items.length + training.items.length).toBe(DEMO_PEOPLE.length);
    expect(backend.items.every((p) => p.email.endsWith('@example.com'))).toBe(true);
    expect(new Set(backend.items.map((p) => p.email)).size).toBe(backend.items.length);
  });

  test('the backend board has someone in every state, in every column', async () => {
    const columns = await board(backendId);
    expect(columns.map((c) => c.title)).toEqual([
      'Phone Screen',
      'Technical',
      'Final',
      'Completed',
      'Rejected',
      'Withdrawn',
    ]);
    const states = (title: string) => new Set(columns.find((c) => c.title === title)!.cards.map((c) => c.stage_state));
    expect(states('Phone Screen')).toEqual(new Set(['pending', 'scheduled', 'in_progress', 'awaiting_decision']));
    expect(states('Technical')).toEqual(new Set(['pending', 'scheduled', 'retake_available', 'awaiting_decision']));
    expect(states('Final')).toEqual(new Set(['pending', 'scheduled']));
    for (const column of columns) {
      expect(column.count, column.title).toBeGreaterThan(0);
      expect(column.cards.length, column.title).toBe(column.count);
    }
    const completed = columns.find((c) => c.key === 'completed')!.cards;
    expect(completed.every((c) => c.recommendation === 'hire')).toBe(true);
    const rejected = columns.find((c) => c.key === 'rejected')!.cards;
    expect(rejected.every((c) => c.recommendation === 'no_hire')).toBe(true);
  });

  test('the training board shows people passed and failed at the stage that waits', async () => {
    const columns = await board(trainingId);
    const shadowing = columns.find((c) => c.title === 'Live Ticket Shadowing')!;
    expect(new Set(shadowing.cards.map((c) => c.stage_state))).toEqual(new Set(['passed', 'failed']));
    expect(columns.find((c) => c.key === 'completed')!.cards.map((c) => c.recommendation)).toEqual(['ready']);
    const basics = columns.find((c) => c.title === 'Product Basics')!;
    expect(new Set(basics.cards.map((c) => c.stage_state))).toEqual(new Set(['pending', 'retake_available']));
  });

  test('participants.list finds every state and every status', async () => {
    const { items } = await api.participants.list({ limit: 200 });
    expect(new Set(items.map((p) => p.status))).toEqual(new Set(['active', 'completed', 'rejected', 'withdrawn']));
    expect(new Set(items.filter((p) => p.status === 'active').map((p) => p.stage_state))).toEqual(
      new Set(['pending', 'scheduled', 'in_progress', 'retake_available', 'awaiting_decision', 'passed', 'failed']),
    );
    for (const status of ['completed', 'rejected', 'withdrawn'] as const) {
      const found = await api.participants.list({ evaluation_template_id: backendId, status });
      expect(found.items.length, status).toBeGreaterThan(0);
    }
  });

  test('open decisions of every kind a score opens wait in the inbox, oldest first', async () => {
    const open = await api.decisions.list();
    expect(new Set(open.map((d) => `${d.reason}/${d.suggested}`))).toEqual(
      new Set(['approval_required/advance', 'failed_no_retakes/reject', 'scorecard_needs_review/advance']),
    );
    expect(open.find((d) => d.reason === 'scorecard_needs_review')).toMatchObject({
      participant_name: 'Kwame Mensah',
      unverified_dimensions: ['Communication'],
    });
    expect(open.map((d) => d.created_at)).toEqual(open.map((d) => d.created_at).sort());
    const decided = await api.decisions.list({ status: 'decided' });
    expect(new Set(decided.map((d) => d.outcome))).toEqual(new Set(['advance', 'reject', 'retake']));
    // An override carries its note; so does the granted retake.
    expect(decided.filter((d) => d.outcome !== d.suggested).every((d) => d.note)).toBe(true);
  });

  test('a hired participant has the whole story: sessions, scorecards on the interviewers’ dimensions, events', async () => {
    const [ingrid] = (await api.participants.list({ search: 'Ingrid Nilsson' })).items;
    const page = await api.participants.byId({ id: ingrid!.id });
    expect(page).toMatchObject({ status: 'completed', recommendation: 'hire', current_stage_id: null });
    const technical = page.sessions.filter((s) => s.scorecard?.scale === '0-10');
    expect(technical.map((s) => [s.attempt, s.scorecard?.passed])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(technical[0]!.scorecard!.dimension_scores.map((d) => d.name)).toEqual([
      'System design',
      'Coding',
      'Communication',
    ]);
    expect(technical[0]!.scorecard!.transcript.length).toBeGreaterThan(0);
    const { items: events } = await api.participants.timeline({ id: ingrid!.id, limit: 100 });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['retake_available', 'decision_decided', 'participant_completed']),
    );
    // The story happened over weeks, in order: sequence numbers and times agree.
    const times = [...events].reverse().map((e) => e.occurred_at);
    expect(times).toEqual([...times].sort());
    expect(Date.parse(times.at(-1)!) - Date.parse(times[0]!)).toBeGreaterThan(7 * 24 * 3_600_000);
    expect(times.every((t) => t <= NOW)).toBe(true);
  });

  test('an AI interview scored with evidence: quotes the participant said, who scored it, and where it led', async () => {
    const [chen] = (await api.participants.list({ search: 'Chen Wei' })).items;
    const page = await api.participants.byId({ id: chen!.id });
    const { items: events } = await api.participants.timeline({ id: chen!.id, limit: 100 });
    const screen = page.sessions.find((s) => s.scorecard?.scale === '0-5')!;
    expect(screen.scorecard).toMatchObject({
      passed: true,
      needs_review: false,
      scored_by: { kind: 'model', model: 'llama3.1:8b', provider_host: 'localhost:11434' },
    });
    for (const d of screen.scorecard!.dimension_scores) {
      expect(d.evidence.length, d.name).toBeGreaterThan(0);
      expect(d.evidence_dropped).toBe(0);
      const said = screen.scorecard!.transcript.filter((t) => t.speaker === 'participant').map((t) => t.text);
      for (const quote of d.evidence) expect(said.some((text) => text.includes(quote))).toBe(true);
    }
    // The conversation as the portal stored it, turn by turn: the scorecard keeps the same words.
    const transcript = await api.sessions.transcript({ id: screen.id });
    expect(transcript).toMatchObject({ status: 'ended', ended_by: 'interviewer', source: 'model' });
    expect(transcript.turns.map(({ speaker, text, at }) => ({ speaker, text, at }))).toEqual(
      screen.scorecard!.transcript,
    );
    expect(page.stage_state).toBe('pending');
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['participant_consented_ai', 'participant_finished_session']));
    expect(events.find((e) => e.type === 'stage_passed')).toMatchObject({ actor: 'system' });
  });

  test('a finished AI interview without a model waits in the inbox for a reviewer beside its transcript', async () => {
    const [yusuf] = (await api.participants.list({ search: 'Yusuf Demir' })).items;
    const page = await api.participants.byId({ id: yusuf!.id });
    const { items: events } = await api.participants.timeline({ id: yusuf!.id, limit: 100 });
    expect(page.sessions[0]).toMatchObject({ status: 'in_progress', scorecard: null });
    expect(page.awaiting_score).toEqual([page.sessions[0]!.id]);
    expect(await api.decisions.awaitingScore()).toEqual([
      expect.objectContaining({ participant_name: 'Yusuf Demir', stage_name: 'Phone Screen', record: 'interview' }),
    ]);
    const transcript = await api.sessions.transcript({ id: page.sessions[0]!.id });
    expect(transcript).toMatchObject({ status: 'ended', ended_by: 'interviewer' });
    expect(transcript.turns.map((t) => t.speaker)).toContain('participant');
    expect(page.actions?.sessions[0]).toMatchObject({ score: true, complete: true });
    expect(events.map((e) => e.type)).not.toContain('scoring_failed');
  });

  test('the retake cool-down is live: one candidate waits for it, another may book now', async () => {
    const technical = (await board(backendId)).find((c) => c.title === 'Technical')!;
    const retakes = technical.cards.filter((c) => c.stage_state === 'retake_available');
    const canBook = await Promise.all(
      retakes.map(async (c) => (await api.participants.byId({ id: c.id })).actions?.schedule),
    );
    expect(canBook).toContain(true);
    expect(canBook).toContain(false);
  });

  test('the whole audit trail reads in time order', async () => {
    const { items } = await api.events.list({ limit: 500 });
    const times = [...items].reverse().map((e) => e.occurred_at);
    expect(times).toEqual([...times].sort());
  });
});
