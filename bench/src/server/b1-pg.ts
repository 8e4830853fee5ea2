/**
 * B1 on PostgreSQL: raw `node:http` and node-postgres named (prepared) statements doing the data access the
 * endpoints of the PostgreSQL run need, as b1.ts does on SQLite: the API key lookup, the same rows read, the
 * same rows written in one transaction, answered as JSON. A pool of four connections, as the server's
 * (`createPgDb`); bigints read as numbers, as the server reads them. No framework, validation or rules, and
 * none of the engine's row locks beyond what the writes take: the floor the PostgreSQL endpoints are held to.
 *
 *   node b1-pg.mjs <postgres URL>
 *
 *   GET /stages?template=…   GET /participant?id=…   GET /timeline?id=…&limit=20
 *   GET /board?template=…&per=50   POST /complete {session_id, dimension_scores}
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { serveBench } from './ipc.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: b1-pg.mjs <postgres URL>');
const INT8 = 20;
const pool = new pg.Pool({
  connectionString: url,
  max: 4,
  types: {
    getTypeParser: ((oid: number, format?: 'text') =>
      oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  },
});

type Row = Record<string, unknown>;
type Exec = Pick<pg.PoolClient, 'query'>;

/** One named statement: parsed and planned once per connection, then executed with its values. */
const statement =
  (name: string, text: string) =>
  async (on: Exec, ...values: unknown[]): Promise<Row[]> =>
    (await on.query<Row>({ name, text, values })).rows;

const summary = (name: string, where: string, order = '') =>
  statement(
    name,
    `select p.*, sp.state as stage_state, sp.attempts_used, (sp.rules->>'pass_threshold')::float8 as pass_threshold,
       (select (s.scorecard->>'overall_score')::float8 from sessions s
         where s.workspace_id = p.workspace_id and s.participant_id = p.id and s.stage_id = p.current_stage_id
           and s.status = 'completed'
         order by s.completed_at desc limit 1) as last_score
     from participants p left join stage_progress sp on sp.participant_id = p.id and sp.stage_id = p.current_stage_id
     where ${where} ${order}`,
  );

const q = {
  apiKey: statement(
    'api_key',
    'select id, workspace_id, scopes, revoked_at, expires_at from api_keys where key_hash = $1',
  ),
  template: statement('template', 'select * from evaluation_templates where workspace_id = $1 and id = $2'),
  stages: statement(
    'stages',
    'select * from evaluation_stages where workspace_id = $1 and evaluation_template_id = $2 and stage_order is not null order by stage_order',
  ),
  interviewers: statement(
    'interviewers',
    `select id, evaluation_dimensions, scoring from agent_profiles where workspace_id = $1 and id in
       (select agent_profile_id from evaluation_stages where workspace_id = $1 and evaluation_template_id = $2)`,
  ),
  participant: statement('participant', 'select * from participants where workspace_id = $1 and id = $2'),
  lockParticipant: statement(
    'lock_participant',
    'select * from participants where workspace_id = $1 and id = $2 for update',
  ),
  progress: statement(
    'progress',
    'select * from stage_progress where workspace_id = $1 and participant_id = $2 order by entered_at',
  ),
  sessions: statement(
    'sessions',
    'select * from sessions where workspace_id = $1 and participant_id = $2 order by created_at',
  ),
  decisions: statement(
    'decisions',
    'select * from decisions where workspace_id = $1 and participant_id = $2 order by created_at',
  ),
  events: statement(
    'events',
    'select * from events where workspace_id = $1 and participant_id = $2 order by seq desc limit $3',
  ),
  portalLink: statement(
    'portal_link',
    'select * from portal_links where workspace_id = $1 and participant_id = $2 order by created_at desc limit 1',
  ),
  counts: statement(
    'counts',
    `select status, current_stage_id, count(*)::int as count from participants
      where workspace_id = $1 and evaluation_template_id = $2 group by status, current_stage_id`,
  ),
  sessionById: statement('session_by_id', 'select * from sessions where workspace_id = $1 and id = $2'),
  submission: statement('submission', 'select * from session_submissions where workspace_id = $1 and session_id = $2'),
  answers: statement(
    'answers',
    'select question_id, text, updated_at from session_answers where workspace_id = $1 and session_id = $2 order by question_id',
  ),
  updateParticipant: statement(
    'update_participant',
    `update participants set current_stage_id = $1, version = version + 1, updated_at = $2
      where workspace_id = $3 and id = $4 and version = $5`,
  ),
  upsertProgress: statement(
    'upsert_progress',
    `insert into stage_progress (workspace_id, participant_id, stage_id, state, attempts_used, retakes_granted,
       entered_at, left_at, rules, funnel_exit, stay_ms)
     values ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10)
     on conflict (participant_id, stage_id) do update set state = excluded.state,
       attempts_used = excluded.attempts_used, left_at = excluded.left_at, funnel_exit = excluded.funnel_exit,
       stay_ms = excluded.stay_ms`,
  ),
  completeSession: statement(
    'complete_session',
    `update sessions set status = 'completed', completed_at = $1, scorecard = $2, result_score = $3, result_passed = 1,
       result_scoring_method = 'weighted_average', result_below_min = 0, result_needs_review = 0, updated_at = $1
     where workspace_id = $4 and id = $5`,
  ),
  /** The three events of a completion in one statement, as the engine appends a unit's events. */
  insertEvents: statement(
    'insert_events',
    `insert into events (workspace_id, participant_id, evaluation_template_id, type, actor, occurred_at, data)
     select $1, $2, $3, t, 'api_key:bench', $4, d from unnest($5::text[], $6::json[]) as e(t, d)`,
  ),
  cardsAtStage: summary(
    'cards_at_stage',
    `p.workspace_id = $1 and p.evaluation_template_id = $2 and p.status = 'active' and p.current_stage_id = $3`,
    'order by p.updated_at desc, p.id desc limit $4',
  ),
  cardsWithStatus: summary(
    'cards_with_status',
    'p.workspace_id = $1 and p.evaluation_template_id = $2 and p.status = $3',
    'order by p.updated_at desc, p.id desc limit $4',
  ),
  summaryById: summary('summary_by_id', 'p.workspace_id = $1 and p.id = $2'),
};

/** The key's workspace, or undefined: a hash and one indexed lookup, as the API key resolver does. */
async function workspaceOf(req: IncomingMessage): Promise<string | undefined> {
  const key = req.headers['x-api-key'];
  if (typeof key !== 'string') return undefined;
  const [row] = await q.apiKey(pool, createHash('sha256').update(key).digest('hex'));
  return row && !row.revoked_at ? (row.workspace_id as string) : undefined;
}

/** Statements in one transaction on one connection; the read ones REPEATABLE READ, as the engine's snapshots. */
async function transaction<T>(begin: string, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
const snapshot = <T>(work: (c: pg.PoolClient) => Promise<T>) =>
  transaction('begin isolation level repeatable read read only', work);

const routes: Record<string, (ws: string, url: URL, body: Row) => Promise<unknown>> = {
  'GET /stages': async (ws, url) => {
    const templateId = url.searchParams.get('template')!;
    const stages = await q.stages(pool, ws, templateId);
    if (stages.length === 0 && (await q.template(pool, ws, templateId)).length === 0) return undefined;
    return stages;
  },
  'GET /participant': (ws, url) =>
    snapshot(async (c) => {
      const id = url.searchParams.get('id')!;
      const [row] = await q.summaryById(c, ws, id);
      if (!row) return undefined;
      const templateId = row.evaluation_template_id as string;
      return {
        ...row,
        progress: await q.progress(c, ws, id),
        sessions: await q.sessions(c, ws, id),
        decisions: await q.decisions(c, ws, id),
        template: (await q.template(c, ws, templateId))[0],
        stages: await q.stages(c, ws, templateId),
        interviewers: await q.interviewers(c, ws, templateId),
        portal_link: (await q.portalLink(c, ws, id))[0] ?? null,
      };
    }),
  'GET /timeline': async (ws, url) => {
    const id = url.searchParams.get('id')!;
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const rows = await q.events(pool, ws, id, limit + 1);
    const items = rows.slice(0, limit);
    return { items, next_cursor: rows.length > limit ? items.at(-1)?.seq : null };
  },
  'GET /board': (ws, url) =>
    snapshot(async (c) => {
      const templateId = url.searchParams.get('template')!;
      const per = Number(url.searchParams.get('per') ?? 50);
      if ((await q.template(c, ws, templateId)).length === 0) return undefined;
      const counts = await q.counts(c, ws, templateId);
      const columns = [];
      for (const s of await q.stages(c, ws, templateId)) {
        columns.push({
          key: s.id,
          count: counts.find((n) => n.status === 'active' && n.current_stage_id === s.id)?.count ?? 0,
          cards: await q.cardsAtStage(c, ws, templateId, s.id, per),
        });
      }
      for (const status of ['completed', 'rejected', 'withdrawn']) {
        columns.push({
          key: status,
          count: counts.filter((n) => n.status === status).reduce((n, r) => n + (r.count as number), 0),
          cards: await q.cardsWithStatus(c, ws, templateId, status, per),
        });
      }
      return { columns };
    }),
  /** Complete a started session and, the stage being auto-advance with a pass, move to the next stage. */
  'POST /complete': (ws, _url, body) =>
    transaction('begin', async (c) => {
      const [session] = await q.sessionById(c, ws, body.session_id);
      if (session?.status !== 'in_progress') return undefined;
      const pid = session.participant_id as string;
      // The participant's row is locked first, as the engine locks it for a participant command.
      const [participant] = await q.lockParticipant(c, ws, pid);
      await q.submission(c, ws, session.id);
      await q.answers(c, ws, session.id);
      const templateId = participant!.evaluation_template_id as string;
      await q.template(c, ws, templateId);
      const stages = await q.stages(c, ws, templateId);
      await q.interviewers(c, ws, templateId);
      const progress = await q.progress(c, ws, pid);
      const sessions = await q.sessions(c, ws, pid);
      const decisions = await q.decisions(c, ws, pid);
      const now = new Date().toISOString();
      const at = stages.findIndex((s) => s.id === participant!.current_stage_id);
      const next = stages[at + 1]!;
      const current = progress.find((p) => p.stage_id === participant!.current_stage_id)!;
      const { session_id: _, ...scores } = body;
      const scorecard = { ...scores, overall_score: 77.5, passed: true };
      // The result's and the stay's funnel facts are written with them, as Stageflow's store does.
      await q.completeSession(c, now, JSON.stringify(scorecard), scorecard.overall_score, ws, session.id);
      await q.updateParticipant(c, next.id, now, ws, pid, participant!.version);
      await q.upsertProgress(
        c,
        ws,
        pid,
        current.stage_id,
        'passed',
        1,
        current.entered_at,
        now,
        JSON.stringify(current.rules),
        'passed',
        Date.parse(now) - Date.parse(current.entered_at as string),
      );
      const rules = {
        pass_threshold: next.pass_threshold,
        automation_rule: next.automation_rule,
        allow_retake: next.allow_retake,
        max_attempts: next.max_attempts,
        retake_cooldown_hours: next.retake_cooldown_hours,
        auto_reject: next.auto_reject,
      };
      await q.upsertProgress(c, ws, pid, next.id, 'pending', 0, now, null, JSON.stringify(rules), 'still_there', null);
      const events = [
        ['session_completed', { session_id: session.id, stage_id: current.stage_id, scorecard, rules: current.rules }],
        ['stage_passed', { stage_id: current.stage_id, scorecard, rules: current.rules }],
        ['stage_entered', { stage_id: next.id, rules }],
      ] as const;
      await q.insertEvents(
        c,
        ws,
        pid,
        templateId,
        now,
        events.map(([type]) => type),
        events.map(([, data]) => JSON.stringify(data)),
      );
      const completed = { ...session, status: 'completed', completed_at: now, scorecard, updated_at: now };
      const left = { ...current, state: 'passed', attempts_used: 1, left_at: now };
      return {
        session: completed,
        participant: {
          ...participant,
          current_stage_id: next.id,
          updated_at: now,
          stage_state: 'pending',
          attempts_used: 0,
          pass_threshold: next.pass_threshold,
          last_score: null,
          progress: [
            ...progress.map((p) => (p.stage_id === current.stage_id ? left : p)),
            { participant_id: pid, stage_id: next.id, state: 'pending', attempts_used: 0, entered_at: now, rules },
          ],
          sessions: sessions.map((s) => (s.id === session.id ? completed : s)).reverse(),
          decisions,
        },
      };
    }),
};

function send(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://b1');
  const route = routes[`${req.method} ${url.pathname}`];
  if (!route) return send(res, 404, { error: 'no route' });
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const ws = await workspaceOf(req);
      if (!ws) return send(res, 401, { error: 'no key' });
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Row) : {};
      const data = await route(ws, url, body);
      if (data === undefined) return send(res, 404, { error: 'not found' });
      send(res, 200, { result: { data } });
    } catch (error) {
      send(res, 500, { error: String(error) });
    }
  });
});

serveBench(server);
