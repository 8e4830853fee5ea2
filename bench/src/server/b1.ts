/**
 * B1: raw `node:http` and better-sqlite3 prepared statements doing the data access each endpoint
 * needs — the API key lookup, the same rows read, the same rows written in one transaction — and
 * answering JSON of them. No framework, no validation, no domain rules, no repeated reads: the
 * floor the Stageflow endpoints are compared with.
 *
 *   node b1.mjs <database file>
 *
 *   GET  /stages?template=…        GET /participant?id=…       GET /timeline?id=…&limit=20
 *   GET  /board?template=…&per=50 (per=1: the funnel)
 *   GET  /analytics-funnel?template=…  (the analytics funnel's own SQL, the same text the repository prepares)
 *   POST /complete {session_id}    POST /bulk {evaluation_template_id, participants}
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { COHORT_SIZE_SQL, KEPT_EXIT_COUNTS_SQL, KEPT_STAYS_AT_RANK_SQL } from '@stageflow/db/analytics-sql';
import Database from 'better-sqlite3';
import { serveBench } from './ipc.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: b1.mjs <database file>');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');

type Row = Record<string, unknown>;
const JSON_COLUMNS = new Set([
  'tags',
  'profile',
  'background',
  'metadata',
  'rules',
  'scorecard',
  'data',
  'skills',
  'soft_skills',
  'custom_outcome_labels',
  'evaluation_dimensions',
  'scoring',
]);
/** JSON columns parsed, as every endpoint answers them. */
function shaped(row: Row): Row {
  for (const key in row) if (JSON_COLUMNS.has(key) && typeof row[key] === 'string') row[key] = JSON.parse(row[key]);
  return row;
}

const q = {
  apiKey: db.prepare('select id, workspace_id, scopes, revoked_at, expires_at from api_keys where key_hash = ?'),
  template: db.prepare('select * from evaluation_templates where workspace_id = ? and id = ?'),
  stages: db.prepare(
    'select * from evaluation_stages where workspace_id = ? and evaluation_template_id = ? and stage_order is not null order by stage_order',
  ),
  interviewers: db.prepare(
    `select id, evaluation_dimensions, scoring from agent_profiles where workspace_id = ? and id in
       (select agent_profile_id from evaluation_stages where workspace_id = ? and evaluation_template_id = ?)`,
  ),
  participant: db.prepare('select * from participants where workspace_id = ? and id = ?'),
  progress: db.prepare(
    'select * from stage_progress where workspace_id = ? and participant_id = ? order by entered_at',
  ),
  sessions: db.prepare('select * from sessions where workspace_id = ? and participant_id = ? order by created_at'),
  decisions: db.prepare('select * from decisions where workspace_id = ? and participant_id = ? order by created_at'),
  // A bound LIMIT as `? + 0`, as the server writes it: a bare `limit ?` makes SQLite prepare the statement again on
  // every run (packages/db/src/repositories/limit.ts).
  events: db.prepare(
    'select * from events where workspace_id = ? and participant_id = ? order by seq desc limit ? + 0',
  ),
  portalLink: db.prepare(
    'select * from portal_links where workspace_id = ? and participant_id = ? order by created_at desc, rowid desc limit 1',
  ),
  counts: db.prepare(
    `select status, current_stage_id, count(*) as count from participants
      where workspace_id = ? and evaluation_template_id = ? group by status, current_stage_id`,
  ),
  sessionById: db.prepare('select * from sessions where workspace_id = ? and id = ?'),
  /** A written assessment's submission and answers, which a completion keeps as its transcript. */
  submission: db.prepare('select * from session_submissions where workspace_id = ? and session_id = ?'),
  answers: db.prepare(
    'select question_id, text, updated_at from session_answers where workspace_id = ? and session_id = ? order by question_id',
  ),
  emailTaken: db.prepare(
    'select 1 from participants where workspace_id = ? and evaluation_template_id = ? and email = ?',
  ),
  insertParticipant: db.prepare(
    `insert into participants (id, workspace_id, evaluation_template_id, name, email, external_id, phone, tags, profile,
       background, metadata, status, current_stage_id, recommendation, version, created_at, updated_at)
     values (@id, @workspace_id, @evaluation_template_id, @name, @email, null, null, @tags, @profile, @background, '{}',
       'active', @current_stage_id, null, 1, @now, @now)`,
  ),
  updateParticipant: db.prepare(
    `update participants set current_stage_id = ?, version = version + 1, updated_at = ?
      where workspace_id = ? and id = ? and version = ?`,
  ),
  upsertProgress: db.prepare(
    `insert into stage_progress (workspace_id, participant_id, stage_id, state, attempts_used, retakes_granted,
       entered_at, left_at, rules, funnel_exit, stay_ms)
     values (@workspace_id, @participant_id, @stage_id, @state, @attempts_used, 0, @entered_at, @left_at, @rules,
       @funnel_exit, @stay_ms)
     on conflict (participant_id, stage_id) do update set state = excluded.state,
       attempts_used = excluded.attempts_used, left_at = excluded.left_at, funnel_exit = excluded.funnel_exit,
       stay_ms = excluded.stay_ms`,
  ),
  completeSession: db.prepare(
    `update sessions set status = 'completed', completed_at = ?, scorecard = ?, result_score = ?, result_passed = ?,
       result_scoring_method = ?, result_below_min = ?, result_needs_review = ?, updated_at = ?
     where workspace_id = ? and id = ?`,
  ),
  insertEvent: db.prepare(
    `insert into events (workspace_id, participant_id, evaluation_template_id, type, actor, occurred_at, data)
     values (?, ?, ?, ?, ?, ?, ?)`,
  ),
};
const analytics = {
  size: db.prepare(COHORT_SIZE_SQL).pluck(),
  exits: db.prepare(KEPT_EXIT_COUNTS_SQL),
  staysAt: db.prepare(KEPT_STAYS_AT_RANK_SQL).pluck(),
};
/** A participant as cards and the detail page show them (as participants.ts' `summaries`). */
const summary = (where: string, order = '') =>
  db.prepare(
    `select p.*, sp.state as stage_state, sp.attempts_used, json_extract(sp.rules, '$.pass_threshold') as pass_threshold,
       (select json_extract(s.scorecard, '$.overall_score') from sessions s
         where s.workspace_id = p.workspace_id and s.participant_id = p.id and s.stage_id = p.current_stage_id
           and s.status = 'completed'
         order by s.completed_at desc limit 1) as last_score
     from participants p left join stage_progress sp on sp.participant_id = p.id and sp.stage_id = p.current_stage_id
     where ${where} ${order}`,
  );
const summaryById = summary('p.workspace_id = ? and p.id = ?');
const cardsAtStage = summary(
  `p.workspace_id = ? and p.evaluation_template_id = ? and p.status = 'active' and p.current_stage_id = ?`,
  'order by p.updated_at desc, p.id desc limit ? + 0',
);
const cardsWithStatus = summary(
  'p.workspace_id = ? and p.evaluation_template_id = ? and p.status = ?',
  'order by p.updated_at desc, p.id desc limit ? + 0',
);

/** The key's workspace and the actor its writes are recorded by: a hash and one indexed lookup, as the API key resolver does. */
function callerOf(req: IncomingMessage): { ws: string; actor: string } | undefined {
  const key = req.headers['x-api-key'];
  if (typeof key !== 'string') return undefined;
  const row = q.apiKey.get(createHash('sha256').update(key).digest('hex')) as Row | undefined;
  return row && !row.revoked_at ? { ws: row.workspace_id as string, actor: `api_key:${row.id as string}` } : undefined;
}

/*
 * What a command writes is written with the content Stageflow's store gives it (its JSON built here by hand, with
 * no rules run): the stage's six rules on a stay and its events, the stage a stay entered by name, type and order,
 * a scorecard with each dimension's weight and normalised score. The floor writes the same bytes as the endpoint.
 */
const stageRules = (stage: Row) => ({
  pass_threshold: stage.pass_threshold,
  automation_rule: stage.automation_rule,
  allow_retake: Boolean(stage.allow_retake),
  max_attempts: stage.max_attempts,
  retake_cooldown_hours: stage.retake_cooldown_hours,
  auto_reject: Boolean(stage.auto_reject),
});
const stageEntered = (stage: Row, fromStageId: unknown) => ({
  stage_id: stage.id,
  stage_name: stage.stage_name,
  stage_type: stage.stage_type,
  stage_order: stage.stage_order,
  rules: stageRules(stage),
  from_stage_id: fromStageId ?? null,
  skipped_draft_stage_ids: [],
});

function detail(ws: string, id: string) {
  const row = summaryById.get(ws, id) as Row | undefined;
  if (!row) return undefined;
  return {
    ...shaped(row),
    progress: q.progress.all(ws, id).map((r) => shaped(r as Row)),
    sessions: q.sessions.all(ws, id).map((r) => shaped(r as Row)),
    decisions: q.decisions.all(ws, id).map((r) => shaped(r as Row)),
  };
}

function stagesOf(ws: string, templateId: string) {
  return q.stages.all(ws, templateId).map((r) => shaped(r as Row));
}

const routes: Record<string, (ws: string, url: URL, body: Row, actor: string) => unknown> = {
  'GET /stages': (ws, url) => {
    const templateId = url.searchParams.get('template')!;
    const stages = stagesOf(ws, templateId);
    // As stages.list: the template is looked up only to tell an empty template from a missing one.
    if (stages.length === 0 && !q.template.get(ws, templateId)) return undefined;
    return stages;
  },
  'GET /participant': (ws, url) => {
    const id = url.searchParams.get('id')!;
    const view = detail(ws, id);
    if (!view) return undefined;
    const templateId = (view as Row).evaluation_template_id as string;
    return {
      ...view,
      template: shaped(q.template.get(ws, templateId) as Row),
      stages: stagesOf(ws, templateId),
      interviewers: q.interviewers.all(ws, ws, templateId).map((r) => shaped(r as Row)),
      portal_link: q.portalLink.get(ws, id) ?? null,
    };
  },
  /** A page of the participant's timeline (one more row read, to know whether there is a next page). */
  'GET /timeline': (ws, url) => {
    const id = url.searchParams.get('id')!;
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const rows = q.events.all(ws, id, limit + 1).map((r) => shaped(r as Row));
    const items = rows.slice(0, limit);
    return { items, next_cursor: rows.length > limit ? items.at(-1)?.seq : null };
  },
  /**
   * The whole template's analytics funnel: its queries, raw, inside one read transaction (the cohort's size, the
   * stays counted by their kept facts, and per stage the two pairs of stay lengths its median and 90th percentile
   * read); the rows answered as they come.
   */
  'GET /analytics-funnel': (ws, url) => {
    const templateId = url.searchParams.get('template')!;
    if (!q.template.get(ws, templateId)) return undefined;
    const params = { ws, template: templateId, start: null, end: null, tag: null };
    return db.transaction(() => {
      const stages = stagesOf(ws, templateId).map((s) => s.id as string);
      const groups = analytics.exits.all({ ws, stages: JSON.stringify(stages) }) as Row[];
      const left = new Map<string, number>();
      for (const g of groups) {
        if (g.funnel_exit !== 'still_there')
          left.set(g.stage_id as string, (left.get(g.stage_id as string) ?? 0) + (g.count as number));
      }
      const stays = [...left].map(([stage, n]) => ({
        stage,
        at: [0.5, 0.9].map((p) => analytics.staysAt.all({ ws, stage, rank: Math.floor((n - 1) * p) })),
      }));
      return { participants: analytics.size.get(params), stages, groups, stays };
    })();
  },
  'GET /board': (ws, url) => {
    const templateId = url.searchParams.get('template')!;
    const per = Number(url.searchParams.get('per') ?? 50);
    if (!q.template.get(ws, templateId)) return undefined;
    const counts = q.counts.all(ws, templateId) as Row[];
    const columns = stagesOf(ws, templateId).map((s) => ({
      key: s.id,
      count: counts.find((c) => c.status === 'active' && c.current_stage_id === s.id)?.count ?? 0,
      cards: cardsAtStage.all(ws, templateId, s.id, per).map((r) => shaped(r as Row)),
    }));
    for (const status of ['completed', 'rejected', 'withdrawn']) {
      columns.push({
        key: status,
        count: counts.filter((c) => c.status === status).reduce((n, c) => n + (c.count as number), 0),
        cards: cardsWithStatus.all(ws, templateId, status, per).map((r) => shaped(r as Row)),
      });
    }
    return { columns };
  },
  /** Complete a started session and, the stage being auto-advance with a pass, move to the next stage. */
  'POST /complete': (ws, _url, body, actor) =>
    db
      .transaction(() => {
        const session = q.sessionById.get(ws, body.session_id) as Row | undefined;
        if (session?.status !== 'in_progress') return undefined;
        const submission = q.submission.get(ws, session.id);
        const answers = q.answers.all(ws, session.id);
        const pid = session.participant_id as string;
        const participant = q.participant.get(ws, pid) as Row;
        const templateId = participant.evaluation_template_id as string;
        q.template.get(ws, templateId);
        const stages = stagesOf(ws, templateId);
        const interviewers = q.interviewers.all(ws, ws, templateId).map((r) => shaped(r as Row));
        const progress = q.progress.all(ws, pid) as Row[];
        const sessions = q.sessions.all(ws, pid) as Row[];
        const decisions = q.decisions.all(ws, pid).map((r) => shaped(r as Row));
        const now = new Date().toISOString();
        const at = stages.findIndex((s) => s.id === participant.current_stage_id);
        const stage = stages[at]!;
        const next = stages[at + 1]!;
        const current = progress.find((p) => p.stage_id === participant.current_stage_id)!;
        const interviewer = interviewers.find((i) => i.id === stage.agent_profile_id)!;
        const dimensions = interviewer.evaluation_dimensions as Row[];
        const scoring = interviewer.scoring as Row;
        const rulesBefore = JSON.parse(current.rules as string);
        const scorecard = {
          threshold_applied: rulesBefore.pass_threshold,
          summary: null,
          improvement_feedback: null,
          transcript: submission ? answers : [],
          scored_by: { kind: 'reviewer', user: actor },
          dimension_scores: (body.dimension_scores as Row[]).map((d) => ({
            name: d.name,
            score: d.score,
            normalized: (d.score as number) * 10,
            weight: dimensions.find((x) => x.name === d.name)?.weight ?? null,
            min_score: null,
            reasoning: null,
            evidence: [],
            evidence_dropped: 0,
          })),
          overall_score: 77.5,
          passed: true,
          scale: scoring.scale,
          scoring_method: scoring.scoring_method,
          below_min_score: [],
          needs_review: false,
        };
        // The result's score facts are written with it, as Stageflow's store does.
        q.completeSession.run(
          now,
          JSON.stringify(scorecard),
          scorecard.overall_score,
          1,
          scorecard.scoring_method,
          0,
          0,
          now,
          ws,
          session.id,
        );
        q.updateParticipant.run(next.id, now, ws, pid, participant.version);
        // The stay's funnel facts are written with it, as Stageflow's store does.
        const stayMs = Date.parse(now) - Date.parse(current.entered_at as string);
        q.upsertProgress.run({
          ...current,
          state: 'passed',
          attempts_used: 1,
          left_at: now,
          funnel_exit: 'passed',
          stay_ms: stayMs,
        });
        const rules = stageRules(next);
        const entered = { stage_id: next.id, state: 'pending', attempts_used: 0, entered_at: now, left_at: null };
        q.upsertProgress.run({
          workspace_id: ws,
          participant_id: pid,
          ...entered,
          rules: JSON.stringify(rules),
          funnel_exit: 'still_there',
          stay_ms: null,
        });
        const event = (type: string, by: string, data: Row) =>
          q.insertEvent.run(ws, pid, templateId, type, by, now, JSON.stringify(data));
        const attempts = { attempts_used: 1, attempts_allowed: rulesBefore.max_attempts };
        event('session_completed', actor, {
          session_id: session.id,
          stage_id: current.stage_id,
          attempt: session.attempt,
          scorecard,
          ...attempts,
          rules: rulesBefore,
        });
        event('stage_passed', 'system', {
          stage_id: current.stage_id,
          session_id: session.id,
          overall_score: scorecard.overall_score,
          threshold_applied: scorecard.threshold_applied,
          rules: rulesBefore,
          ...attempts,
          trigger: 'automation',
          note: null,
          decision_id: null,
        });
        event('stage_entered', 'system', stageEntered(next, current.stage_id));
        // The answer from what was just written, as Stageflow's commands answer (no read-back).
        const {
          result_score: _score,
          result_passed: _passed,
          result_scoring_method: _method,
          result_below_min: _belowMin,
          result_needs_review: _needsReview,
          ...started
        } = session;
        const completed = shaped({ ...started, status: 'completed', completed_at: now, scorecard, updated_at: now });
        const { funnel_exit: _exit, stay_ms: _ms, ...stay } = current;
        const left = { ...stay, state: 'passed', attempts_used: 1, left_at: now };
        return {
          session: completed,
          participant: {
            ...shaped(participant),
            current_stage_id: next.id,
            updated_at: now,
            stage_state: 'pending',
            attempts_used: 0,
            pass_threshold: next.pass_threshold,
            last_score: null,
            progress: [
              ...progress.map((p) => shaped(p.stage_id === current.stage_id ? left : p)),
              { participant_id: pid, ...entered, rules },
            ],
            sessions: sessions.map((s) => (s.id === session.id ? completed : shaped(s))).reverse(),
            decisions,
          },
        };
      })
      .immediate(),
  /** Up to 500 enrolments in one transaction, each at the first stage. */
  'POST /bulk': (ws, _url, body, actor) =>
    db
      .transaction(() => {
        const templateId = body.evaluation_template_id as string;
        if (!q.template.get(ws, templateId)) return undefined;
        const first = stagesOf(ws, templateId)[0]!;
        q.interviewers.all(ws, ws, templateId);
        const created: Row[] = [];
        const skipped: Row[] = [];
        const now = new Date().toISOString();
        const rules = JSON.stringify(stageRules(first));
        const entered = JSON.stringify(stageEntered(first, null));
        for (const [index, row] of (body.participants as Row[]).entries()) {
          const email = String(row.email).toLowerCase();
          if (q.emailTaken.get(ws, templateId, email)) {
            skipped.push({ index, email, reason: 'taken' });
            continue;
          }
          const participant = {
            id: randomUUID(),
            evaluation_template_id: templateId,
            name: String(row.name),
            email,
            external_id: null,
            phone: null,
            tags: row.tags ?? [],
            profile: { title: null, organization: null, experience_level: null, location: null },
            background: { skills: [], education: null, languages: [] },
            metadata: {},
            status: 'active',
            current_stage_id: null,
            recommendation: null,
            created_at: now,
            updated_at: now,
          };
          q.insertParticipant.run({
            id: participant.id,
            workspace_id: ws,
            evaluation_template_id: templateId,
            name: participant.name,
            email,
            tags: JSON.stringify(participant.tags),
            profile: JSON.stringify(participant.profile),
            background: JSON.stringify(participant.background),
            current_stage_id: first.id,
            now,
          });
          q.upsertProgress.run({
            workspace_id: ws,
            participant_id: participant.id,
            stage_id: first.id,
            state: 'pending',
            attempts_used: 0,
            entered_at: now,
            left_at: null,
            rules,
            funnel_exit: 'still_there',
            stay_ms: null,
          });
          q.insertEvent.run(
            ws,
            participant.id,
            templateId,
            'participant_enrolled',
            actor,
            now,
            JSON.stringify({ participant }),
          );
          q.insertEvent.run(ws, participant.id, templateId, 'stage_entered', actor, now, entered);
          created.push({ index, id: participant.id, email });
        }
        return { created, skipped };
      })
      .immediate(),
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
  req.on('end', () => {
    const caller = callerOf(req);
    if (!caller) return send(res, 401, { error: 'no key' });
    const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Row) : {};
    const data = route(caller.ws, url, body, caller.actor);
    if (data === undefined) return send(res, 404, { error: 'not found' });
    send(res, 200, { result: { data } });
  });
});

serveBench(server);
