import type { MailSettlement } from '@stageflow/domain';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Lease } from '../../leases.ts';
import type { Writes } from '../../reads.ts';
import { type ClaimedMail, mailSettled, type NewMail, newMailRow } from '../../repositories/mail.ts';
import type { PgExec } from '../client.ts';
import { pgLeasedQueue } from '../leases.ts';
import { mailOutbox, mailPreferences } from '../schema.ts';
import { slices } from './slices.ts';

// A message is leased by the process sending it (postgres/leases.ts): docs/mail.md#several-processes.
const queue = pgLeasedQueue(mailOutbox, {
  id: mailOutbox.id,
  owner: mailOutbox.lease_owner,
  expiresAt: mailOutbox.lease_expires_at,
});

/** The mail writes on PostgreSQL, inside `tx`, leaving the rows repositories/mail.ts leaves. */
export function createPgMailWrites(tx: PgExec) {
  return {
    /** A message whose `dedupe_key` the workspace already has is not written; answers how many were. */
    async insert(mail: readonly NewMail[]): Promise<number> {
      let written = 0;
      for (const slice of slices(mail)) {
        const rows = await tx
          .insert(mailOutbox)
          .values(slice.map(newMailRow))
          .onConflictDoNothing()
          .returning({ id: mailOutbox.id });
        written += rows.length;
      }
      return written;
    },

    /** Leases up to `limit` queued messages that are due, over every workspace, oldest due first. */
    async claim(lease: Lease, limit: number): Promise<ClaimedMail[]> {
      const ids = await queue.claim(tx, lease, {
        due: and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.next_attempt_at, lease.now)),
        order: mailOutbox.next_attempt_at,
        limit,
      });
      if (ids.length === 0) return [];
      return tx
        .select({
          id: mailOutbox.id,
          workspace_id: mailOutbox.workspace_id,
          to_address: mailOutbox.to_address,
          to_name: mailOutbox.to_name,
          subject: mailOutbox.subject,
          text_body: mailOutbox.text_body,
          html_body: mailOutbox.html_body,
          attempts: mailOutbox.attempts,
        })
        .from(mailOutbox)
        .where(inArray(mailOutbox.id, ids))
        .orderBy(asc(mailOutbox.next_attempt_at));
    },

    /** Records where a message stands after a try, only while `owner` holds its lease (the row locked meanwhile). */
    async settle(id: string, owner: string, after: MailSettlement): Promise<boolean> {
      const held = and(eq(mailOutbox.id, id), queue.heldBy(owner), eq(mailOutbox.status, 'queued'));
      const [row] = await tx
        .select({ text_body: mailOutbox.text_body, html_body: mailOutbox.html_body })
        .from(mailOutbox)
        .where(held)
        .for('update');
      if (!row) return false;
      await tx
        .update(mailOutbox)
        .set({ ...mailSettled(row, after), ...queue.released })
        .where(held);
      return true;
    },

    async setReviewDigest(workspaceId: string, userId: string, on: boolean, now: string): Promise<void> {
      await tx
        .insert(mailPreferences)
        .values({ workspace_id: workspaceId, user_id: userId, review_digest: on, updated_at: now })
        .onConflictDoUpdate({
          target: [mailPreferences.workspace_id, mailPreferences.user_id],
          set: { review_digest: on, updated_at: now },
        });
    },
  } satisfies Writes['mail'];
}
