import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './columns.ts';

export const workspaces = sqliteTable('workspaces', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  ...timestamps,
});
