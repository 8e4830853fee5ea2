/** What other packages may import: the router type (for typed clients) and the server factory. */

/** Issuing a key outside a request: the CLI for operators, and tests that call a real server with one. */
export { issueApiKey } from './auth/api-keys.ts';
export type { AppRouter } from './routers/index.ts';
export { appRouter } from './routers/index.ts';
