/**
 * `@stageflow/testing`: what tests in every package share. The tests' clock and example data, and a
 * real server process with its own temporary database, a throwaway PostgreSQL, a fake OpenAI-compatible model server, and a
 * webhook receiver that verifies signatures with the `standardwebhooks` package.
 */

export { HOUR_MS, hoursAfter, movingClock, NOW } from './clock.ts';
export { cookieHeaderFrom } from './cookies.ts';
export { interviewerInput, SEED_EXAMPLE } from './examples.ts';
export {
  type FakeModelServer,
  type FakeModelServerOptions,
  type FakeReply,
  type RecordedRequest,
  startFakeModelServer,
} from './fake-model-server.ts';
export { postgresUnavailable, startPostgres, type TestPostgres } from './postgres.ts';
export {
  builtServerEntry,
  freePort,
  type RunningServer,
  repoRoot,
  type SpawnServerOptions,
  type StartServerOptions,
  sourceServerEntry,
  spawnServer,
  startServer,
  terminate,
  waitForHealthy,
} from './server-process.ts';
export { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink.ts';
export {
  type ReceivedWebhook,
  type ReceiverReply,
  startWebhookReceiver,
  type WebhookReceiver,
} from './webhook-receiver.ts';
