import type { Db, Repositories } from '@stageflow/db';
import { createApiKeyResolver } from '../auth/api-keys.ts';
import { createAuth } from '../auth/better-auth.ts';
import { createIdentify } from '../auth/identify.ts';
import { contextDeps, createRequestContext } from '../context.ts';
import type { Logger } from '../logger.ts';
import { type AppOptions, createApp } from './app.ts';
import { databaseLimiters } from './limiter-store.ts';

export interface TestAppOptions extends Partial<AppOptions> {
  /** Where the app is opened; better-auth trusts its origin (default `http://localhost`). */
  readonly baseURL?: string;
  /** better-auth's own per-IP limits on sign-in and sign-up (off by default). */
  readonly authRateLimit?: boolean;
}

/**
 * The app as the server wires it (better-auth, the API key resolver, the request context, counters in the
 * database) over a test database, for tests of what a request goes through; `options` replace any of its parts.
 */
export function createTestApp(db: Db, repos: Repositories, log: Logger, options: TestAppOptions = {}) {
  const { baseURL = 'http://localhost', authRateLimit = false, ...app } = options;
  const auth = createAuth({ db, baseURL, secret: 'x'.repeat(32), rateLimit: authRateLimit });
  return createApp({
    createContext: createRequestContext(
      contextDeps(db, repos, log),
      createIdentify(auth, repos, createApiKeyResolver(repos)),
    ),
    authHandler: auth.handler,
    log,
    isReady: () => true,
    limiterStore: databaseLimiters(db),
    ...app,
  });
}
