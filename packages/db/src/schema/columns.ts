import { text } from 'drizzle-orm/sqlite-core';

/** Ids are UUIDs made by the caller (the domain never invents them). */
export const id = () => text('id').primaryKey();

/** Every row but the global ones belongs to exactly one workspace. */
export const workspaceId = () => text('workspace_id').notNull();

/** ISO-8601 UTC strings, the same as on the wire, so rows need no conversion. */
export const timestamps = {
  created_at: text('created_at').notNull(),
  updated_at: text('updated_at').notNull(),
};
