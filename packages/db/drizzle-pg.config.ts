import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: the schema derived from src/schema/ (src/postgres/twin.ts),
// its migrations in drizzle-pg/ (docs/decisions/033-postgresql-second-engine.md).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/postgres/schema.ts',
  // The migrations check generates into a scratch copy to see whether the schema has drifted.
  out: process.env.DRIZZLE_OUT ?? './drizzle-pg',
});
