import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What the server records about this database itself, not about any workspace: one row per key,
 * written once when the thing it marks happens, by the server at start (no request and no API
 * writes here). `demo_seed` records that demo data was seeded and what it made
 * (docs/architecture.md#demo-data), so seeding never runs twice, whatever happens to the demo
 * workspace or account afterwards.
 */
export const instanceMarkers = sqliteTable('instance_markers', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  recorded_at: text('recorded_at').notNull(),
});
