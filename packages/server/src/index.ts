/**
 * `@stageflow/server`: what apps and other packages may import. The router and its type (typed
 * clients), the server factory, and the pieces an operator's tool needs outside a request.
 */

export { type IssuedKey, issueApiKey, type KeyIssuer } from './application/api-keys.ts';
export { createApiKeyResolver } from './auth/api-keys.ts';
export { type Auth, createAuth } from './auth/better-auth.ts';
export type { Principal } from './auth/principal.ts';
export { loadAuthSecret } from './auth/secret.ts';
export { type Caller, createCaller } from './caller.ts';
export { type BaseContext, contextDeps, createInnerContext } from './context.ts';
export { describeIssues, fieldIssues } from './errors.ts';
export type { BodyLimitOptions } from './http/body-limit.ts';
export { type RateLimitOptions, rateLimitsFromEnv } from './http/rate-limit.ts';
export { interviewerModelFromEnv } from './interviewer/environment.ts';
export { InterviewerUnavailableError } from './interviewer/failures.ts';
export { createLogger, flushLogNow, LOG_FLUSH_EVERY_MS, type Logger } from './logger.ts';
export { type MailEnvironment, type MailSettings, mailSettingsFromEnv } from './mail/settings.ts';
export type { MailWorker } from './mail/worker.ts';
export { checkOutputsFromEnv } from './parse-output.ts';
export type { AppRouter } from './routers/index.ts';
export { appRouter } from './routers/index.ts';
export type { DemoPortal } from './seed/demo-portal.ts';
export { DEMO_ACCOUNT, demoFromEnv } from './seed/demo-workspace.ts';
export {
  createPostgresServer,
  createServer,
  type ServerConfig,
  type SqliteServer,
  type StageflowServer,
} from './server.ts';
export { makeOwnerCommand } from './start-checks.ts';
/** For extending the router outside this package (the benchmark's no-op procedure). */
export { router, scoped } from './trpc.ts';
export type { DisabledEndpoint, WebhookNotifier } from './webhooks/notifier.ts';
export { type WebhookSettings, webhookSettingsFromEnv } from './webhooks/settings.ts';
export type { WebhookWorker } from './webhooks/worker.ts';
