import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A workspace is better-auth's "organization": the plugin creates them, adds members and tracks
 * the active one per session. Every other table carries `workspace_id` pointing here.
 */
export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  logo: text('logo'),
  metadata: text('metadata'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
