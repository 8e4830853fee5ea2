import { eq, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import type { InstanceMarker } from '../../repositories/instance.ts';
import type { PgExec } from '../client.ts';
import { instanceMarkers, users, workspaces } from '../schema.ts';

/** The database itself on PostgreSQL: whether it is new, and its markers (`mark` is one statement). */
export function createPgInstanceReads(exec: PgExec, _options: { inWrite?: boolean } = {}) {
  return {
    async isNew(): Promise<boolean> {
      const { rows } = await exec.execute<{ none: boolean }>(
        sql`select not exists (select 1 from ${users}) and not exists (select 1 from ${workspaces}) as none`,
      );
      return rows[0]!.none;
    },
    async marker(key: string): Promise<InstanceMarker | undefined> {
      const [row] = await exec
        .select({ value: instanceMarkers.value, recorded_at: instanceMarkers.recorded_at })
        .from(instanceMarkers)
        .where(eq(instanceMarkers.key, key));
      return row;
    },
    /** Records a marker; a key is recorded once (a second `mark` of it fails on the primary key). */
    async mark(key: string, value: Record<string, unknown>, at: string): Promise<void> {
      await exec.insert(instanceMarkers).values({ key, value, recorded_at: at });
    },
  } satisfies Reads['instance'];
}
