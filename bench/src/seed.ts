/**
 * The bench databases, made fast and in the product's own shapes: the workspace, its API key, the
 * interviewer, templates and stages go in through the procedures (`createCaller`, as the demo seed
 * does); then one participant per "archetype" (at stage k, completed, rejected, withdrawn, or
 * waiting in a started session) is driven there by the real commands; and the thousands are copies
 * of those archetypes' rows — participants, progress, sessions, events — written with prepared
 * statements in one transaction, each with its own ids, email and times.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { closeDb, createDb, createRepositories, createSqliteStorage, type Db, migrateDb } from '@stageflow/db';
import { API_KEY_SCOPES } from '@stageflow/domain';
import {
  contextDeps,
  createCaller,
  createInnerContext,
  createLogger,
  issueApiKey,
  type Principal,
} from '@stageflow/server';

const EPOCH_MS = Date.parse('2026-01-05T09:00:00.000Z');

/** Design 40%, Coding 35%, Communication 25% on 0–10. */
export const passingScores = {
  dimension_scores: [
    { name: 'Design', score: 8 },
    { name: 'Coding', score: 8 },
    { name: 'Communication', score: 7 },
  ],
};

/** Six stages: five AI interviews that advance on a pass, then a final review. */
const SIX_STAGES = (interviewerId: string) => [
  ...['Phone Screen', 'Technical', 'System Design', 'Pairing', 'Culture'].map((stage_name, i) => ({
    stage_name,
    stage_type: 'ai_interview' as const,
    stage_order: i,
    pass_threshold: 60,
    automation_rule: 'auto_advance' as const,
    agent_profile_id: interviewerId,
  })),
  { stage_name: 'Final', stage_type: 'final_review' as const, stage_order: 5, pass_threshold: 60 },
];

type Api = ReturnType<typeof createCaller>;

interface Bench {
  readonly db: Db;
  readonly api: Api;
  readonly apiKey: string;
  readonly workspaceId: string;
  readonly interviewerId: string;
}

/** A fresh database with a workspace, an API key with every scope, and an interviewer. */
async function openBench(file: string): Promise<Bench> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = createDb(file);
  migrateDb(db);
  const repos = createRepositories(db);
  const workspaceId = randomUUID();
  repos.workspaces.insert({ id: workspaceId, slug: 'bench', name: 'Bench', createdAt: new Date(EPOCH_MS) });
  const keyId = randomUUID();
  const operator = {
    storage: createSqliteStorage(db, repos),
    workspaceId,
    actor: 'cli',
    now: () => new Date(EPOCH_MS).toISOString(),
    newId: () => keyId,
  };
  const { key } = await issueApiKey(operator, { name: 'bench', scopes: ['all'] });
  const principal: Principal = { kind: 'api_key', keyId, workspaceId, scopes: [...API_KEY_SCOPES] };
  let tick = 0;
  const now = () => new Date(EPOCH_MS + ++tick * 1000).toISOString();
  const api = createCaller(createInnerContext(contextDeps(db, repos, createLogger('silent')), principal, { now }));
  const interviewer = await api.agentProfiles.create({
    name: 'Ada',
    persona: 'A calm, precise interviewer.',
    use_case: 'hiring',
    evaluation_dimensions: [
      { name: 'Design', weight: 40 },
      { name: 'Coding', weight: 35 },
      { name: 'Communication', weight: 25 },
    ],
    scoring: { scale: '0-10', scoring_method: 'weighted_average' },
  });
  return { db, api, apiKey: key, workspaceId, interviewerId: interviewer.id };
}

async function sixStageTemplate(bench: Bench, name: string) {
  const template = await bench.api.templates.create({ template_name: name, use_case: 'hiring' });
  await bench.api.stages.import({ evaluation_template_id: template.id, stages: SIX_STAGES(bench.interviewerId) });
  const stages = await bench.api.stages.list({ evaluation_template_id: template.id });
  return { id: template.id, stageIds: stages.map((s) => s.id) };
}

/** Where a participant can stand, and how the real commands get one there. */
type Archetype = {
  readonly name: string;
  readonly weight: number;
  readonly make: (api: Api, id: string) => Promise<void>;
};

/** From enrolment, `n` passed stages; the final review (stage 5) has no interviewer and takes an overall score. */
const passStages = async (api: Api, participant_id: string, n: number) => {
  for (let stage = 0; stage < n; stage++) {
    await api.sessions.recordResult({ participant_id, ...(stage < 5 ? passingScores : { overall_score: 80 }) });
  }
};

/** A board of a live hiring pipeline: most people early, a few through, some out. */
const BOARD_ARCHETYPES: readonly Archetype[] = [
  ...[0.3, 0.2, 0.12, 0.08, 0.05, 0.03].map((weight, k) => ({
    name: `at stage ${k}`,
    weight,
    make: (api: Api, id: string) => passStages(api, id, k),
  })),
  { name: 'completed', weight: 0.02, make: (api, id) => passStages(api, id, 6) },
  {
    name: 'rejected',
    weight: 0.15,
    make: async (api, id) => {
      await passStages(api, id, 1);
      await api.participants.reject({ participant_id: id, note: 'Not a fit for the level' });
    },
  },
  { name: 'withdrawn', weight: 0.05, make: (api, id) => api.participants.withdraw({ participant_id: id }).then() },
];

/** A UUID (version 4 layout) numbered by the seed: `tag` tells the batch apart, `n` the copy, `k` the session. */
const seededUuid = (tag: string, n: string, k = "'000'") => `printf('%08x-%04x-4%s-8000-%012x', ${tag}, 0, ${k}, ${n})`;

/**
 * Copies of an archetype participant, set-based in SQLite (one `insert … select` per table over a
 * counter, so no row passes through JavaScript): each copy gets numbered ids, its own email and
 * times, and the archetype's ids are renamed inside JSON too (event data, scorecards).
 */
function cloneParticipant(db: Db, participantId: string, count: number, tag: number, emailPrefix: string): void {
  if (count <= 0) return;
  const sqlite = db.$client;
  const columns = (table: string) =>
    (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => c !== 'seq');
  const sessionIds = sqlite
    .prepare('select id from sessions where participant_id = ? order by created_at, id')
    .pluck()
    .all(participantId) as string[];
  const pid = seededUuid(String(tag), 'seq.n');
  const sid = (k: number) => seededUuid(String(tag), 'seq.n', `'${(k + 1).toString(16).padStart(3, '0')}'`);
  /** Every archetype id in a text column replaced by the copy's. */
  const renamed = (column: string) =>
    sessionIds.reduce(
      (sql, id, k) => `replace(${sql}, '${id}', ${sid(k)})`,
      `replace(${column}, '${participantId}', ${pid})`,
    );
  const at = `strftime('%Y-%m-%dT%H:%M:%fZ', ${EPOCH_MS / 1000 + 86_400} + seq.n + ${tag} * 100000, 'unixepoch')`;
  const copy = (table: string, where: string, override: Record<string, string>) => {
    const cols = columns(table);
    const values = cols.map(
      (c) => override[c] ?? (c.endsWith('_id') || c === 'data' || c === 'scorecard' ? renamed(c) : c),
    );
    sqlite
      .prepare(
        `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${count})
         insert into ${table} (${cols.join(', ')}) select ${values.join(', ')} from ${table}, seq where ${where}`,
      )
      .run(participantId);
  };
  copy('participants', 'id = ?', {
    id: pid,
    name: `'Participant ' || seq.n`,
    email: `'${emailPrefix}' || seq.n || '@bench.example'`,
    created_at: at,
    updated_at: at,
  });
  copy('stage_progress', 'participant_id = ?', {});
  copy('sessions', 'participant_id = ?', {
    id: sessionIds.reduce((sql, id, k) => `case when id = '${id}' then ${sid(k)} else ${sql} end`, 'id'),
    idempotency_key: 'null',
  });
  // The archetypes open no decisions (their stages advance on a pass); copies would need new ids.
  const decisions = sqlite
    .prepare('select count(*) from decisions where participant_id = ?')
    .pluck()
    .get(participantId);
  if (decisions !== 0) throw new Error('bench: archetypes with decisions cannot be copied');
  copy('events', 'participant_id = ?', {});
}

/** The ids `cloneParticipant` gave to copy `n` (1-based) of a batch. */
const cloneId = (tag: number, n: number, k = 0) =>
  `${tag.toString(16).padStart(8, '0')}-0000-4${k.toString(16).padStart(3, '0')}-8000-${n.toString(16).padStart(12, '0')}`;

export interface ReadDb {
  readonly apiKey: string;
  /** Templates by participant count. */
  readonly templates: Readonly<Record<string, string>>;
  /** Each template's six stages in order, by participant count. */
  readonly stages: Readonly<Record<string, readonly string[]>>;
  /** E1: the first scale's template (six stages) and a participant at stage 3 (progress, sessions, events). */
  readonly e1: { readonly templateId: string; readonly participantId: string; readonly batchIds: readonly string[] };
  readonly rows: number;
}

/** One template per scale (1k, 10k, 100k by default), all in one workspace, six stages each. */
export async function seedReadDb(file: string, scales: readonly number[]): Promise<ReadDb> {
  const bench = await openBench(file);
  const templates: Record<string, string> = {};
  const stages: Record<string, readonly string[]> = {};
  let e1: ReadDb['e1'] | undefined;
  for (const [s, scale] of scales.entries()) {
    const template = await sixStageTemplate(bench, `Scale ${scale}`);
    templates[String(scale)] = template.id;
    stages[String(scale)] = template.stageIds;
    const archetypes: string[] = [];
    for (const [i, archetype] of BOARD_ARCHETYPES.entries()) {
      const created = await bench.api.participants.create({
        evaluation_template_id: template.id,
        name: `Archetype ${archetype.name}`,
        email: `archetype${i}@bench.example`,
      });
      await archetype.make(bench.api, created.id);
      archetypes.push(created.id);
    }
    const left = scale - archetypes.length;
    const counts = BOARD_ARCHETYPES.map((a) => Math.floor(a.weight * left));
    counts[0]! += left - counts.reduce((a, b) => a + b, 0);
    const tag = (i: number) => (s + 1) * 16 + i;
    fastWrites(bench.db, () => {
      for (const [i, id] of archetypes.entries())
        cloneParticipant(bench.db, id, counts[i]!, tag(i), `s${scale}-a${i}-`);
    });
    if (!e1) {
      // Ten people at stage 3 for the batch (at toy sizes there are fewer copies: ids repeat).
      const atStage3 = [
        archetypes[3]!,
        ...Array.from({ length: Math.min(9, counts[3]!) }, (_, n) => cloneId(tag(3), n + 1)),
      ];
      const batchIds = Array.from({ length: 10 }, (_, n) => atStage3[n % atStage3.length]!);
      e1 = { templateId: template.id, participantId: atStage3[0]!, batchIds };
    }
  }
  const rows = countRows(bench.db);
  closeDb(bench.db);
  return { apiKey: bench.apiKey, templates, stages, e1: e1!, rows };
}

export interface CommandDb {
  readonly apiKey: string;
  /** Sessions started at stage 0 of an auto-advance stage: one `sessions.complete` each. */
  readonly sessionIds: readonly string[];
  /** An empty six-stage template for `participants.bulkCreate`. */
  readonly bulkTemplateId: string;
}

/** `sessions` participants, each with a started session at the first (auto-advance) stage. */
export async function seedCommandDb(file: string, sessions: number): Promise<CommandDb> {
  const bench = await openBench(file);
  const template = await sixStageTemplate(bench, 'Completes');
  const bulk = await sixStageTemplate(bench, 'Bulk');
  const first = await bench.api.participants.create({
    evaluation_template_id: template.id,
    name: 'Archetype started',
    email: 'started@bench.example',
  });
  const scheduled = await bench.api.sessions.schedule({ participant_id: first.id });
  await bench.api.sessions.start({ session_id: scheduled.session.id });
  fastWrites(bench.db, () => cloneParticipant(bench.db, first.id, sessions - 1, 1, 'c-'));
  const sessionIds = [scheduled.session.id, ...Array.from({ length: sessions - 1 }, (_, n) => cloneId(1, n + 1, 1))];
  closeDb(bench.db);
  return { apiKey: bench.apiKey, sessionIds, bulkTemplateId: bulk.id };
}

export interface InterviewDb {
  readonly apiKey: string;
  /** The AI interview every participant is at. */
  readonly stageId: string;
  readonly participantIds: readonly string[];
}

/** The bench interviewer's dimensions: twelve, the most a profile may have. */
const TWELVE_DIMENSIONS = Array.from({ length: 12 }, (_, i) => ({
  name: `Dimension ${i + 1}`,
  description: `What the bench asks about, number ${i + 1}`,
  weight: i === 0 ? 12 : 8,
}));

/**
 * `people` participants at an AI interview (four hours long) whose interviewer takes the most answers a
 * session can: twelve dimensions, probing `high`, so 48 answers before it closes. Their portal links,
 * consent and started sessions are made over HTTP against the running server (run.ts), on its clock.
 */
export async function seedInterviewDb(file: string, people: number): Promise<InterviewDb> {
  const bench = await openBench(file);
  const interviewer = await bench.api.agentProfiles.create({
    name: 'Bench interviewer',
    persona: 'A calm, precise interviewer.',
    use_case: 'hiring',
    evaluation_dimensions: TWELVE_DIMENSIONS,
    interaction: { tone: 'professional', style: 'structured', difficulty: 'medium', probing_depth: 'high' },
    scoring: { scale: '0-10', scoring_method: 'weighted_average' },
  });
  const template = await bench.api.templates.create({ template_name: 'Interviews', use_case: 'hiring' });
  await bench.api.stages.import({
    evaluation_template_id: template.id,
    stages: [
      {
        stage_name: 'Interview',
        stage_type: 'ai_interview',
        stage_order: 0,
        duration_minutes: 240,
        pass_threshold: 60,
        automation_rule: 'auto_advance',
        agent_profile_id: interviewer.id,
      },
      { stage_name: 'Final', stage_type: 'final_review', stage_order: 1, pass_threshold: 60 },
    ],
  });
  const [stage] = await bench.api.stages.list({ evaluation_template_id: template.id });
  const participantIds: string[] = [];
  for (let n = 0; n < people; n++) {
    const created = await bench.api.participants.create({
      evaluation_template_id: template.id,
      name: `Interviewee ${n + 1}`,
      email: `interviewee${n + 1}@bench.example`,
    });
    participantIds.push(created.id);
  }
  closeDb(bench.db);
  return { apiKey: bench.apiKey, stageId: stage!.id, participantIds };
}

/** One transaction without a journal: a seed that fails is thrown away whole anyway. */
function fastWrites(db: Db, work: () => void): void {
  const sqlite = db.$client;
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  try {
    sqlite.transaction(work)();
  } finally {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
}

function countRows(db: Db): number {
  const tables = ['participants', 'stage_progress', 'sessions', 'decisions', 'events'];
  return tables.reduce((n, t) => n + (db.$client.prepare(`select count(*) from ${t}`).pluck().get() as number), 0);
}
