/**
 * `pnpm bench`: seeds the databases, starts the servers on core 0 (Stageflow with B1 and B2 beside it,
 * then B0), loads them from core 1 (each endpoint right before its B1, so a slow minute on a shared
 * machine hits both), prints every figure with its baselines, ratios and targets, and writes
 * bench/results.json. `--smoke` runs the same path at toy sizes in seconds and asserts only that
 * every request succeeded (CI runs it so the bench never rots). See bench/README.md.
 *
 *   tsx src/run.ts [--smoke] [--profile <dir>] [--only <id prefix>[,<prefix>…]] [--scales 1000,10000] [--engine postgres]
 *
 * --engine postgres measures a few reads and a command on PostgreSQL instead (postgres-run.ts), against B1 on
 * PostgreSQL, in one server process and then two; it writes bench/tmp/results-postgres.json.
 * --profile writes a V8 CPU profile of each Stageflow server run; --only and --scales narrow a run
 * while investigating (no results file is written then).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeModelServer } from '@stageflow/testing';
import { type BundleReport, measureBundle } from './bundle.ts';
import { type Call, type LoadSpec, measure, type Probe } from './load.ts';
import { POSTGRES_PROBES, runOnPostgres } from './postgres-run.ts';
import { formatReport } from './report.ts';
import { passingScores, seedCommandDb, seedInterviewDb, seedReadDb } from './seed.ts';
import { bundleServers, canPin, pinRunner, type RunningServer, repoRoot, startServer } from './servers.ts';
import { evaluateTargets, type Row, type Server } from './targets.ts';

const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    profile: { type: 'string' },
    only: { type: 'string' },
    scales: { type: 'string' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const smoke = flags.smoke;
const engine = flags.engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine is sqlite (the default) or postgres');
const started = performance.now();

/** Sizes: the full run fits in five minutes on two cores; the smoke run in seconds. */
const config = smoke
  ? {
      scales: [20, 40],
      under: { connections: 5, warmup: 0, amount: 40 } satisfies LoadSpec,
      single: { connections: 1, warmup: 0, amount: 5 } satisfies LoadSpec,
      heavy: { connections: 1, warmup: 0, amount: 3 } satisfies LoadSpec,
      completes: { connections: 5, warmup: 5, amount: 40 },
      bulk: { size: 10, warmup: 1, amount: 2 },
      turns: { warmup: 2, amount: 10 },
      batch: { connections: 5, warmup: 0, amount: 20 } satisfies LoadSpec,
      requestPathRounds: 1,
    }
  : {
      scales: [1_000, 10_000, 100_000],
      under: { connections: 50, warmup: 3_000, measureSeconds: 3, min: 2_000, max: 60_000 } satisfies LoadSpec,
      single: { connections: 1, warmup: 10, measureSeconds: 2, min: 20, max: 1_000 } satisfies LoadSpec,
      /** The analytics at 100k take a second or more each: fewer of them. */
      heavy: { connections: 1, warmup: 2, measureSeconds: 3, min: 5, max: 1_000 } satisfies LoadSpec,
      completes: { connections: 50, warmup: 500, amount: 3_000 },
      /**
       * Thirty batches first: V8 is still compiling enrolment's code through the first thousands of people (after
       * the completions on the same process, again for the shapes both commands give the code they share), and
       * its compiler's thread counts in the process's CPU (README, "Load").
       */
      bulk: { size: 500, warmup: 30, amount: 20 },
      /** Interview turns, one at a time: a participant answers, the interviewer replies. */
      turns: { warmup: 100, amount: 1_000 },
      /** A batch carries ten calls: a tenth of the warm-up. */
      batch: { connections: 50, warmup: 300, measureSeconds: 3, min: 500, max: 6_000 } satisfies LoadSpec,
      /** T0 and B2 in alternation for the request path's target. */
      requestPathRounds: 5,
    };

if (flags.scales) config.scales = flags.scales.split(',').map(Number);
const partial = Boolean(flags.only || flags.scales);
/** `--only E3,E4`: the probes whose ids start with one of the prefixes. */
const onlyPrefixes = flags.only?.split(',').filter(Boolean);
const selected = (id: string) => !onlyPrefixes || onlyPrefixes.some((prefix) => id.startsWith(prefix));

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  pinned: canPin,
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
const tmp = join(repoRoot, 'bench/tmp');
const shm = '/dev/shm';
mkdirSync(tmp, { recursive: true });
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`);

pinRunner();
log(canPin ? 'runner and load generator on core 1, servers on core 0' : 'cannot pin (need Linux, taskset, 2 cores)');
await bundleServers();

// --- data -----------------------------------------------------------------------------------------
const readDbFile = join(smoke ? tmp : shm, 'bench-read.db');
let t = performance.now();
const read = await seedReadDb(readDbFile, config.scales);
const seedReadSeconds = (performance.now() - t) / 1000;
log(
  `read database: ${read.rows.toLocaleString('en')} rows in ${seedReadSeconds.toFixed(1)}s (${config.scales.join(', ')} participants)`,
);
t = performance.now();
const commandSeed = join(tmp, 'bench-command.db');
/** Started sessions one run of completions takes; the PostgreSQL run makes three (one process, B1, two). */
const sessionsPerCommandRun = config.completes.warmup + config.completes.amount + 10;
const command = await seedCommandDb(commandSeed, sessionsPerCommandRun * (engine === 'postgres' ? 3 : 1));
log(
  `command database: ${command.sessionIds.length} started sessions in ${((performance.now() - t) / 1000).toFixed(1)}s`,
);

// --- the calls ------------------------------------------------------------------------------------
const key = { 'x-api-key': read.apiKey };
const trpcGet = (path: string, input?: unknown): Call => ({
  method: 'GET',
  path: `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
  headers: key,
});
const trpcBatch = (path: string, inputs: readonly unknown[]): Call => ({
  method: 'GET',
  path: `/trpc/${inputs.map(() => path).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify({ ...inputs }))}`,
  headers: key,
});
/** A tRPC mutation that writes nothing (the simulation), posted like the web app posts it. */
const trpcPost = (path: string, input: unknown): Call => ({
  method: 'POST',
  path: `/trpc/${path}`,
  headers: { ...key, 'content-type': 'application/json' },
  body: JSON.stringify(input),
});
const t0Call = trpcGet('bench.noop');
const rest = (path: string): Call => ({ method: 'GET', path: `/api/v1${path}`, headers: key });
const b1 = (path: string): Call => ({ method: 'GET', path, headers: key });

const { e1 } = read;
const readProbes: Probe[] = [
  {
    id: 'E1.stages.list',
    label: 'E1 stages.list (6 stages)',
    call: trpcGet('stages.list', { evaluation_template_id: e1.templateId }),
    b1: b1(`/stages?template=${e1.templateId}`),
    spec: config.under,
  },
  {
    id: 'E1.participants.byId',
    label: 'E1 participants.byId',
    call: trpcGet('participants.byId', { id: e1.participantId }),
    b1: b1(`/participant?id=${e1.participantId}`),
    spec: config.under,
  },
  {
    id: 'E1.participants.timeline',
    label: 'E1 participants.timeline (20)',
    call: trpcGet('participants.timeline', { id: e1.participantId }),
    b1: b1(`/timeline?id=${e1.participantId}&limit=20`),
    spec: config.under,
  },
  {
    id: 'E5.rest.stages',
    floor: 'E1.stages.list',
    label: 'E5 REST GET /evaluation-stages',
    call: rest(`/evaluation-stages?evaluation_template_id=${e1.templateId}`),
    spec: config.under,
  },
  {
    id: 'E5.rest.byId',
    floor: 'E1.participants.byId',
    label: 'E5 REST GET /participants/{id}',
    call: rest(`/participants/${e1.participantId}`),
    spec: config.under,
  },
  {
    id: 'E5.batch.stages',
    floor: 'E1.stages.list',
    label: 'E5 tRPC batch 10× stages.list',
    call: trpcBatch(
      'stages.list',
      Array.from({ length: 10 }, () => ({ evaluation_template_id: e1.templateId })),
    ),
    spec: config.batch,
    callsPerRequest: 10,
  },
  {
    id: 'E5.batch.byId',
    floor: 'E1.participants.byId',
    label: 'E5 tRPC batch 10× participants.byId',
    call: trpcBatch(
      'participants.byId',
      e1.batchIds.map((id) => ({ id })),
    ),
    spec: config.batch,
    callsPerRequest: 10,
  },
  ...config.scales.flatMap((scale): Probe[] => {
    const template = read.templates[String(scale)]!;
    const n = scale >= 1000 ? `${scale / 1000}k` : String(scale);
    return [
      {
        id: `E2.board.${scale}`,
        label: `E2 participants.board ${n}`,
        call: trpcGet('participants.board', { evaluation_template_id: template }),
        b1: b1(`/board?template=${template}&per=50`),
        spec: config.single,
      },
      {
        id: `E2.funnel.${scale}`,
        label: `E2 funnel (board, 1 card) ${n}`,
        call: trpcGet('participants.board', { evaluation_template_id: template, per_column: 1 }),
        b1: b1(`/board?template=${template}&per=1`),
        spec: config.single,
      },
      {
        id: `E7.analytics.funnel.${scale}`,
        label: `E7 analytics.funnel ${n}`,
        call: trpcGet('analytics.funnel', { evaluation_template_id: template }),
        b1: b1(`/analytics-funnel?template=${template}`),
        spec: scale >= 100_000 ? config.heavy : config.single,
      },
      {
        id: `E8.analytics.simulate.${scale}`,
        label: `E8 analytics.simulate, six stages ${n}`,
        call: trpcPost('analytics.simulate', {
          evaluation_template_id: template,
          // Every stage replayed; the final review's pass mark raised, so a few hundred change.
          changes: read.stages[String(scale)]!.map((stage_id, i, all) => ({
            stage_id,
            ...(i === all.length - 1 && { pass_threshold: 85 }),
          })),
        }),
        spec: scale >= 10_000 ? config.heavy : config.single,
      },
    ];
  }),
].filter((p) => selected(p.id));

const rows: Row[] = [];
/** What B0 answers: the Stageflow server's own response bodies, keyed by request. */
const bodies: Record<string, string> = {};

async function run(server: RunningServer | readonly RunningServer[], probe: Probe, as: Server, call = probe.call) {
  const m = await measure(server, call, probe.spec);
  rows.push({
    ...m,
    id: probe.id,
    label: probe.label,
    server: as,
    callsPerRequest: probe.callsPerRequest ?? 1,
    ...(probe.floor && as === 'stageflow' ? { floor: probe.floor } : {}),
  });
  const shown = as === 'stageflow' || as === 'T0' ? '' : ` [${as}]`;
  log(`${probe.label}${shown}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, ${m.cpuUs.toFixed(0)} µs CPU/request`);
}

/**
 * One request before the run: it must succeed, every call of a batch too (tRPC answers a batch with
 * a failed call 207, which load generators count as 2xx). Stageflow's body is what B0 will answer.
 */
async function record(server: RunningServer, call: Call, as: Server): Promise<void> {
  const res = await fetch(`${server.url}${call.path}`, { method: call.method, headers: call.headers, body: call.body });
  const text = await res.text();
  if (!res.ok || res.status === 207) {
    throw new Error(`${call.method} ${call.path} answered ${res.status}: ${text.slice(0, 500)}`);
  }
  if (as === 'stageflow') bodies[`${call.method} ${call.path}`] = text;
}

const serverOptions = {
  profileDir: flags.profile && join(process.cwd(), flags.profile),
  env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', RATE_LIMIT_PER_MINUTE: '1000000000' },
};

// --- the commands' calls ------------------------------------------------------------------------------
const commandT0Call: Call = { ...t0Call, headers: { 'x-api-key': command.apiKey } };
const completeCall = (n: number): Call => ({
  method: 'POST',
  path: '/trpc/sessions.complete',
  headers: { 'x-api-key': command.apiKey, 'content-type': 'application/json' },
  body: JSON.stringify({ session_id: command.sessionIds[n], ...passingScores }),
});
let bulkBatch = 0;
const bulkInput = () => {
  const batch = ++bulkBatch;
  return {
    evaluation_template_id: command.bulkTemplateId,
    participants: Array.from({ length: config.bulk.size }, (_, i) => ({
      name: `Bulk ${batch}-${i}`,
      email: `bulk-${batch}-${i}@bench.example`,
      tags: ['imported'],
    })),
  };
};
const bulkCall = (): Call => ({
  method: 'POST',
  path: '/trpc/participants.bulkCreate',
  headers: { 'x-api-key': command.apiKey, 'content-type': 'application/json' },
  body: JSON.stringify(bulkInput()),
});
/** Completions from the `first`-th started session on (the PostgreSQL run takes three slices of them). */
const completeProbe = (first: number): Probe => ({
  id: 'E3.complete',
  label: 'E3 sessions.complete (auto_advance)',
  call: completeCall(first),
  spec: { ...config.completes, next: (n: number) => completeCall(first + 1 + n) },
});
const commandProbes: Probe[] = [
  completeProbe(0),
  {
    id: 'E4.bulk',
    label: `E4 participants.bulkCreate ${config.bulk.size}`,
    call: bulkCall(),
    spec: { connections: 1, warmup: config.bulk.warmup, amount: config.bulk.amount, next: () => bulkCall() },
    callsPerRequest: config.bulk.size,
  },
].filter((p) => selected(p.id));

/** B1 answers the same commands on its own paths. */
const toB1 = (probe: Probe, c: Call): Call => ({ ...c, path: probe.id === 'E3.complete' ? '/complete' : '/bulk' });
const commandFile = (as: string) => {
  const file = join(tmp, `bench-command-${as}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  copyFileSync(commandSeed, file);
  return file;
};
// --- on PostgreSQL (--engine postgres): a run of its own, reported apart --------------------------------
if (engine === 'postgres') {
  await runOnPostgres({
    readDbFile,
    commandDbFile: commandSeed,
    reads: readProbes.filter((p) => p.b1 && POSTGRES_PROBES.test(p.id)),
    complete: completeProbe,
    sessionsPerRun: sessionsPerCommandRun,
    warmUp: { t0: t0Call, commandT0: commandT0Call, spec: config.under },
    toB1,
    run,
    record,
    serverOptions,
    log,
  });
  rmSync(readDbFile, { force: true });
  const seconds = (performance.now() - started) / 1000;
  console.log(formatReport({ rows: [], postgres: rows, targets: [], bundle: undefined, machine, smoke, seconds }));
  const results = { generatedAt: new Date().toISOString(), commit: git('rev-parse', '--short', 'HEAD'), machine };
  writeFileSync(join(tmp, 'results-postgres.json'), `${JSON.stringify({ ...results, measurements: rows }, null, 2)}\n`);
  exitOnFailures(rows);
}

// --- the request path: T0 against B2, both up on core 0 ----------------------------------------------
// Both servers stay up (idle between runs) until the alternating rounds at the end.
const t0Probe: Probe = { id: 'T0', label: 'T0 bench.noop', call: t0Call, spec: config.under };
const readServer = await startServer('stageflow', { ...serverOptions, args: [readDbFile] });
const b2Server = await startServer('b2');
await record(readServer, t0Call, 'stageflow');
await record(b2Server, t0Call, 'B2');
await run(readServer, t0Probe, 'T0');
await run(b2Server, t0Probe, 'B2');

// --- reads: each endpoint, then the same data access on B1 ---------------------------------------------
const b1Read = await startServer('b1', { args: [readDbFile] });
for (const probe of readProbes) {
  await record(readServer, probe.call, 'stageflow');
  if (probe.b1) await record(b1Read, probe.b1, 'B1');
}
for (const probe of readProbes) {
  await run(readServer, probe, 'stageflow');
  if (probe.b1) await run(b1Read, probe, 'B1', probe.b1);
}
await b1Read.stop();

// --- commands: a fresh copy of the command database for each server --------------------------------
if (commandProbes.length > 0) {
  const ours = await startServer('stageflow', { ...serverOptions, args: [commandFile('stageflow')] });
  const floor = await startServer('b1', { args: [commandFile('B1')] });
  for (const probe of commandProbes) {
    await record(ours, probe.call, 'stageflow');
    await record(floor, toB1(probe, probe.call), 'B1');
  }
  // A fresh process runs cold, and its first POSTs make V8 re-optimise the shared request path: warm
  // it the way the read server was warmed before its endpoints were measured.
  await measure(ours, commandT0Call, config.under);
  for (const probe of commandProbes) {
    // The probe's own call was batch 1 of its bulk (recorded just now): each server's warm-up goes on from batch 2.
    bulkBatch = 1;
    await run(ours, probe, 'stageflow');
    bulkBatch = 1;
    const next = probe.spec.next;
    const spec = { ...probe.spec, next: next && ((n: number) => toB1(probe, next(n))) };
    await run(floor, { ...probe, spec }, 'B1', toB1(probe, probe.call));
  }
  await ours.stop();
  await floor.stop();
}

// --- the request path again: T0 and B2 alternate, so a slow minute hits both --------------------------
const requestPath = { t0CpuUs: [] as number[], b2CpuUs: [] as number[] };
for (let round = 0; round < config.requestPathRounds; round++) {
  for (const [target, on] of [
    [requestPath.t0CpuUs, readServer],
    [requestPath.b2CpuUs, b2Server],
  ] as const) {
    const m = await measure(on, t0Call, config.under);
    if (m.non2xx + m.errors > 0) throw new Error(`request path round ${round + 1} had failed requests on ${on.kind}`);
    target.push(m.cpuUs);
  }
}
log(
  `request path rounds (CPU µs/request): T0 ${requestPath.t0CpuUs.map((r) => r.toFixed(0)).join(', ')}; B2 ${requestPath.b2CpuUs.map((r) => r.toFixed(0)).join(', ')}`,
);
await b2Server.stop();
await readServer.stop();

// --- the interview: the runner's own cost per turn, on a zero-latency model ----------------------
// A participant's answer (`POST /api/portal/v1/sessions/{id}/turns`, JSON) is stored, then the
// interviewer's reply is asked of a fake OpenAI-compatible model in this process (core 1), which
// streams it back at once, and stored: what the server spends beyond the model itself, against T0.
// The bench interviewer takes 48 answers (seed.ts); each session gets 47, so every measured request is
// an ordinary turn, never a closing.
const ANSWERS_PER_SESSION = 47;
if (selected('E9.turn')) {
  const turnTotal = config.turns.warmup + config.turns.amount;
  const file = join(tmp, 'bench-interview.db');
  const interview = await seedInterviewDb(file, Math.ceil(turnTotal / ANSWERS_PER_SESSION));
  const model = await startFakeModelServer({
    defaultReply: { type: 'text', text: 'Thank you. Walk me through how you would approach that, step by step?' },
  });
  const server = await startServer('stageflow', {
    ...serverOptions,
    args: [file],
    env: { ...serverOptions.env, INTERVIEWER_BASE_URL: model.url, INTERVIEWER_MODEL: 'bench-model' },
  });
  const post = async (path: string, headers: Record<string, string>, body: unknown = {}) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  // Each participant's link, consent and started session, and the interviewer's greeting, on the server's clock.
  const sessions: { id: string; bearer: Record<string, string> }[] = [];
  for (const participant_id of interview.participantIds) {
    const link = await post(
      '/trpc/participants.portalLink',
      { 'x-api-key': interview.apiKey, 'content-type': 'application/json' },
      { participant_id },
    );
    const token = (link.result as { data: { token: string } }).data.token;
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await post('/api/portal/v1/consent', bearer, { stage_id: interview.stageId, accepted: true });
    const session = await post('/api/portal/v1/sessions', bearer);
    await post(`/api/portal/v1/sessions/${session.id}/turns/resume`, bearer);
    sessions.push({ id: String(session.id), bearer });
  }
  const turnCall = (n: number): Call => {
    const session = sessions[Math.floor(n / ANSWERS_PER_SESSION)]!;
    return {
      method: 'POST',
      path: `/api/portal/v1/sessions/${session.id}/turns`,
      headers: session.bearer,
      body: JSON.stringify({ text: `Answer ${n}: I would start from the data, then the failure modes.` }),
    };
  };
  const t0 = { ...t0Call, headers: { 'x-api-key': interview.apiKey } };
  // Warm the fresh process's request path first, as for the commands.
  await measure(server, t0, config.under);
  await run(
    server,
    {
      id: 'E9.turn',
      label: 'E9 interview turn (answer + reply, zero-latency model)',
      call: turnCall(0),
      spec: { connections: 1, warmup: config.turns.warmup, amount: config.turns.amount, next: turnCall },
    },
    'stageflow',
  );
  await server.stop();
  await model.close();
}

// --- B0: the same bodies from raw node:http --------------------------------------------------------
const bodiesFile = join(tmp, 'b0-bodies.json');
writeFileSync(bodiesFile, JSON.stringify(bodies));
const b0 = await startServer('b0', { args: [bodiesFile] });
for (const probe of [t0Probe, ...readProbes, ...commandProbes]) {
  await run(b0, { ...probe, spec: { ...probe.spec, next: undefined } }, 'B0');
}
await b0.stop();
rmSync(readDbFile, { force: true });

// --- the web app ----------------------------------------------------------------------------------
const bundle: BundleReport | undefined = measureBundle(join(repoRoot, 'apps/web/dist'));
if (!bundle) log('apps/web/dist not found: build the web app (pnpm build) to measure E6');

// --- report ---------------------------------------------------------------------------------------
const targets = smoke ? [] : evaluateTargets({ rows, scales: config.scales, bundle, requestPath });
const seconds = (performance.now() - started) / 1000;
console.log(formatReport({ rows, targets, bundle, machine, smoke, seconds }));

const results = {
  generatedAt: new Date().toISOString(),
  /** The code measured; `dirty` when the work tree had changes outside bench/results.json. */
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results.json') !== '',
  mode: smoke ? 'smoke' : 'full',
  seconds: Math.round(seconds),
  machine,
  config: { ...config, logLevel: serverOptions.env.LOG_LEVEL },
  seed: { rows: read.rows, seconds: Math.round(seedReadSeconds * 10) / 10 },
  measurements: rows,
  requestPath,
  bundle,
  targets,
};
const out = smoke ? join(tmp, 'results-smoke.json') : join(repoRoot, 'bench/results.json');
if (!partial) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

exitOnFailures(rows);

// Any failed request, baselines' included, makes the figures meaningless: the run fails.
function exitOnFailures(measured: readonly Row[]): never {
  const failed = measured.filter((r) => r.non2xx > 0 || r.errors > 0);
  if (failed.length > 0) {
    console.error(`${failed.map((r) => `${r.label} [${r.server}]`).join(', ')} had failed requests`);
    process.exit(1);
  }
  process.exit(0);
}
