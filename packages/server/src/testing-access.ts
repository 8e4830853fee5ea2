/**
 * The isolation fixture shared by the access tests over tRPC (access.test.ts) and REST
 * (http/rest-access.test.ts): a workspace A with one of everything, built through the API as its
 * owner, next to an empty workspace B; and a snapshot of A's rows to compare before and after.
 */
import { setupApi } from './testing.ts';
import { buildPipeline, person, scores } from './testing-pipeline.ts';

/** Workspace A's own interviewer model: what B must never read. */
const MODEL_URL_OF_A = 'http://127.0.0.1:9/v1';
const MODEL_OF_A = 'model-of-workspace-a';
const MODEL_KEY_OF_A = 'sk-key-of-workspace-a';

export type AccessFixture = Awaited<ReturnType<typeof buildAccessFixture>>;

/** A workspace with one of everything, built through the API as its owner. */
export async function buildAccessFixture() {
  const t = setupApi();
  const { template, interviewer, stages } = await buildPipeline(t.api);
  const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
  const { session } = await t.api.sessions.schedule({ participant_id: jane.id });
  const janeLink = await t.api.participants.portalLink({ participant_id: jane.id });
  const bob = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Bob') });
  await t.api.sessions.recordResult({ participant_id: bob.id, ...scores(9, 9) });
  const recorded = await t.api.sessions.recordResult({ participant_id: bob.id, ...scores(9, 9) });
  const [decision] = await t.api.decisions.list();
  const { api_key: apiKey } = await t.api.apiKeys.create({ name: 'CI', scopes: ['all'] });
  // fetch never connects to port 9 (a reserved port): testing this model fails at once, calling nothing.
  await t.api.interviewerModel.update({ base_url: MODEL_URL_OF_A, model: MODEL_OF_A, api_key: MODEL_KEY_OF_A });
  // A message in A's outbox (mail is not set up here: it is kept, not sent).
  const { mail } = await t.api.participants.sendPortalLink({ participant_id: bob.id });
  return {
    t,
    template,
    interviewer,
    stages,
    jane,
    bob,
    session,
    bobSession: recorded.session,
    decision: decision!,
    apiKey,
    janeLink,
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
  f.decision.id,
  f.apiKey.id,
  f.mail.id,
  ...f.stages.map((s) => s.id),
  MODEL_OF_A,
  MODEL_KEY_OF_A,
];

/** Every row of workspace A (each table with a `workspace_id`), to compare before and after a call. */
export function snapshotOfA(f: AccessFixture) {
  const sqlite = f.t.db.$client;
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
