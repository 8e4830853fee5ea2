import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  // The migrations check generates into a scratch copy to see whether the schema has drifted.
  out: process.env.DRIZZLE_OUT ?? './drizzle',
});
