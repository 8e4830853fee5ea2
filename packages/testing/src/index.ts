/**
 * `@stageflow/testing`: what tests in every package share. The tests' clock and example data, and a
 * real server process with its own temporary database.
 */
export { HOUR_MS, hoursAfter, movingClock, NOW } from './clock.ts';
export { interviewerInput, SEED_EXAMPLE } from './examples.ts';
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
