/** What other packages may import: the router type (for typed clients) and the server factory. */
export type { AppRouter } from './routers/index.ts';
export { appRouter } from './routers/index.ts';
