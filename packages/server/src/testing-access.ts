/**
 * The isolation fixture shared by the access tests over tRPC (access.test.ts) and REST
 * (http/rest-access.test.ts): a workspace A with one of everything, built through the API as its
 * owner, next to an empty workspace B; and a snapshot of A's rows to compare before and after.
 */
import type { Db } from '@stageflow/db';
import { type ApiKit, rowsOnEngine, setupEngineApi } from './testing.ts';
import { buildPipeline, person, scores } from './testing-pipeline.ts';
import { appendInterview, modelAnswer, scoreWithRecording } from './testing-scoring.ts';

/** Workspace A's own interviewer model: what B must never read. */
const MODEL_URL_OF_A = 'http://127.0.0.1:9/v1';
const MODEL_OF_A = 'model-of-workspace-a';
const MODEL_KEY_OF_A = 'sk-key-of-workspace-a';

export type AccessFixture<K extends ApiKit = ApiKit> = Awaited<ReturnType<typeof buildAccessFixture<K>>>;

/**
 * A workspace with one of everything, built through the API as its owner: over the engine this run tests
 * (`setupEngineApi`), or over the kit given (REST's access tests bring a SQLite one of their own).
 */
export async function buildAccessFixture<K extends ApiKit = ApiKit>(kit?: K) {
  const t = kit ?? ((await setupEngineApi()) as K);
  const { template, interviewer, stages } = await buildPipeline(t.api);
  const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
  const { session } = await t.api.sessions.schedule({ participant_id: jane.id });
  const janeLink = await t.api.participants.portalLink({ participant_id: jane.id });
  const bob = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Bob') });
  await t.api.sessions.recordResult({ participant_id: bob.id, ...scores(9, 9) });
  const recorded = await t.api.sessions.recordResult({ participant_id: bob.id, ...scores(9, 9) });
  const [decision] = await t.api.decisions.list();
  const bulk = await t.api.bulkActions.create({
    action: 'tag',
    dry_run: false,
    participant_ids: [bob.id],
    tags: { add: ['shortlist'] },
  });
  await t.deps.bulkRunner.idle();
  // Cai's phone screen, scored by the interviewer's model: a scorecard a reviewer may replace.
  const cai = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Cai') });
  const { session: caiSession } = await t.api.sessions.schedule({ participant_id: cai.id });
  await scoreWithRecording(t.contextFor(t.workspaceId), caiSession.id, modelAnswer(8, 8));
  // Dee's interview is over and nobody has scored it: it waits in the inbox beside its turns.
  const dee = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Dee') });
  const { session: deeSession } = await t.api.sessions.schedule({ participant_id: dee.id });
  await t.api.sessions.start({ session_id: deeSession.id });
  await appendInterview(t, dee.id, deeSession.id);
  const { api_key: apiKey } = await t.api.apiKeys.create({ name: 'CI', scopes: ['all'] });
  // fetch never connects to port 9 (a reserved port): testing this model fails at once, calling nothing.
  await t.api.interviewerModel.update({ base_url: MODEL_URL_OF_A, model: MODEL_OF_A, api_key: MODEL_KEY_OF_A });
  // A message in A's outbox (mail is not set up here: it is kept, not sent).
  const { mail } = await t.api.participants.sendPortalLink({ participant_id: bob.id });
  // Made last, so its only delivery is the test event (no worker runs here: nothing is sent).
  const { endpoint: webhook } = await t.api.webhooks.create({ url: 'https://hooks.example.com/workspace-a' });
  const webhookDelivery = await t.api.webhooks.sendTest({ id: webhook.id });
  return {
    t,
    template,
    interviewer,
    stages,
    jane,
    bob,
    session,
    bobSession: recorded.session,
    cai,
    caiSession,
    dee,
    deeSession,
    decision: decision!,
    apiKey,
    janeLink,
    webhook,
    webhookDelivery,
    bulkActionId: bulk.id!,
    mail,
  };
}

/** Ids of workspace A (and its model's name and key) that a foreign caller's answer must never contain. */
export const idsOfA = (f: AccessFixture) => [
  f.template.id,
  f.jane.id,
  f.bob.id,
  f.interviewer.id,
  f.session.id,
  f.bobSession.id,
  f.cai.id,
  f.caiSession.id,
  f.dee.id,
  f.deeSession.id,
  f.decision.id,
  f.apiKey.id,
  f.webhook.id,
  f.webhookDelivery.id,
  f.webhookDelivery.webhook_id,
  f.bulkActionId,
  f.mail.id,
  ...f.stages.map((s) => s.id),
  MODEL_OF_A,
  MODEL_KEY_OF_A,
];

/**
 * Every row of workspace A (each table with a `workspace_id`), to compare before and after a call: on SQLite, or
 * on the kit's PostgreSQL database when this run tests that engine (`setupEngineApi`).
 */
export async function snapshotOfA(f: AccessFixture): Promise<Record<string, unknown[]>> {
  if (process.env.TEST_ENGINE === 'postgres') return snapshotOnPostgres(f.t);
  const sqlite = (f.t as ApiKit & { db: Db }).db.$client;
  const tables = (
    sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]
  ).filter(({ name }) =>
    (sqlite.pragma(`table_info("${name}")`) as { name: string }[]).some((c) => c.name === 'workspace_id'),
  );
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      sqlite.prepare(`select * from "${name}" where workspace_id = ? order by 1`).all(f.t.workspaceId),
    ]),
  );
}

async function snapshotOnPostgres(t: ApiKit): Promise<Record<string, unknown[]>> {
  const tables = await rowsOnEngine<{ table_name: string }>(
    t,
    `select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id' order by table_name`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name: name } of tables) {
    snapshot[name] = await rowsOnEngine(t, `select * from "${name}" where workspace_id = ? order by 1`, t.workspaceId);
  }
  return snapshot;
}
