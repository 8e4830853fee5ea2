import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { instanceMarkers, users, workspaces } from '../schema/index.ts';
import { limitOf } from './limit.ts';

export interface InstanceMarker {
  readonly value: Record<string, unknown>;
  readonly recorded_at: string;
}

/** The database itself, rather than any workspace in it: whether it is new, and its markers. */
export function createInstanceRepository(db: Db) {
  return {
    /** A new database: migrated, but no account and no workspace in it yet. */
    isNew(): boolean {
      const none = (table: typeof users | typeof workspaces) =>
        db.select({ one: sql`1` }).from(table).limit(limitOf(1)).get() === undefined;
      return none(users) && none(workspaces);
    },
    marker(key: string): InstanceMarker | undefined {
      return db
        .select({ value: instanceMarkers.value, recorded_at: instanceMarkers.recorded_at })
        .from(instanceMarkers)
        .where(eq(instanceMarkers.key, key))
        .get();
    },
    /** Records a marker; a key is recorded once (a second `mark` of it fails on the primary key). */
    mark(key: string, value: Record<string, unknown>, at: string): void {
      db.insert(instanceMarkers).values({ key, value, recorded_at: at }).run();
    },
  };
}
