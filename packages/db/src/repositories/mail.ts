import {
  type MailKind,
  type MailMessage,
  type MailSettlement,
  type MailStatus,
  type MailSummary,
  redactSentMail,
} from '@stageflow/domain';
import { and, asc, count, desc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { type Lease, leasedQueue } from '../leases.ts';
import {
  decisions,
  evaluationStages,
  evaluationTemplates,
  mailOutbox,
  mailPreferences,
  members,
  participants,
  users,
  workspaces,
} from '../schema/index.ts';
import { limitOf } from './limit.ts';

export type MailRow = typeof mailOutbox.$inferSelect;

/** A message to write to the outbox: what it says, to whom, and whether it waits to be sent or is kept. */
export interface NewMail {
  readonly id: string;
  readonly workspace_id: string;
  readonly kind: MailKind;
  readonly to_address: string;
  readonly to_name: string | null;
  readonly language: string;
  readonly subject: string;
  readonly text_body: string;
  readonly html_body: string;
  /** `queued` (sent by the worker from `created_at` on) or `not_sent` (mail is not set up: kept to read). */
  readonly status: Extract<MailStatus, 'queued' | 'not_sent'>;
  readonly created_at: string;
  readonly created_by: string;
  readonly participant_id?: string | null;
  readonly dedupe_key?: string | null;
}

/** A message the worker has leased, with what sending needs. */
export type ClaimedMail = Pick<
  MailRow,
  'id' | 'workspace_id' | 'to_address' | 'to_name' | 'subject' | 'text_body' | 'html_body' | 'attempts'
>;

/** A member who turned the review digest on, where they are a member who may decide. */
/** An admin or owner of a workspace, to be told about it by mail. */
export interface WorkspaceAdmin {
  readonly workspace_name: string;
  readonly name: string;
  readonly email: string;
}

export interface DigestRecipient {
  readonly workspace_id: string;
  readonly workspace_name: string;
  readonly user_id: string;
  readonly name: string;
  readonly email: string;
}

/** The roles that decide open decisions (docs/surfaces.md#roles-and-scopes: `decisions.write`). */
export const DECIDING_ROLES = ['owner', 'admin', 'reviewer'];

export const mailSummary = (row: MailRow): MailSummary => ({
  id: row.id,
  kind: row.kind,
  to: row.to_address,
  to_name: row.to_name,
  subject: row.subject,
  language: row.language,
  status: row.status,
  attempts: row.attempts,
  next_attempt_at: row.status === 'queued' ? row.next_attempt_at : null,
  last_error: row.last_error,
  created_at: row.created_at,
  created_by: row.created_by,
  sent_at: row.sent_at,
  participant_id: row.participant_id,
});

/** A page's cursor: the last row's time and id, so rows written in the same millisecond keep their order. */
export const mailCursorOf = (row: MailRow) => Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
export function readMailCursor(cursor: string | undefined): { created_at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [created_at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return created_at && id ? { created_at, id } : undefined;
}

/** A new message's row: queued ones are due at once, kept ones never. */
export const newMailRow = (m: NewMail) => ({
  ...m,
  participant_id: m.participant_id ?? null,
  dedupe_key: m.dedupe_key ?? null,
  attempts: 0,
  next_attempt_at: m.status === 'queued' ? m.created_at : null,
});

/** What settling a message writes: where it stands, the lease ended, and a message that left loses its link. */
export const mailSettled = (row: Pick<MailRow, 'text_body' | 'html_body'>, after: MailSettlement) =>
  after.status !== 'queued'
    ? { ...after, text_body: redactSentMail(row.text_body), html_body: redactSentMail(row.html_body) }
    : { ...after };

/** The mail outbox and members' mail settings (docs/mail.md). */
export function createMailRepository(db: Db) {
  const queue = leasedQueue(mailOutbox, {
    id: mailOutbox.id,
    owner: mailOutbox.lease_owner,
    expiresAt: mailOutbox.lease_expires_at,
  });
  return {
    /**
     * Writes messages to the outbox, inside the transaction of what caused them. A message whose
     * `dedupe_key` the workspace already has is not written (another process wrote it first); answers
     * how many were.
     */
    insert(tx: Tx, mail: readonly NewMail[]): number {
      let written = 0;
      for (const m of mail) {
        written += tx.insert(mailOutbox).values(newMailRow(m)).onConflictDoNothing().run().changes;
      }
      return written;
    },

    /** The workspace's outbox, newest first. */
    list(
      workspaceId: string,
      f: { status?: MailStatus | undefined; kind?: MailKind | undefined; limit: number; cursor?: string | undefined },
    ): { items: MailSummary[]; next_cursor: string | null } {
      const after = readMailCursor(f.cursor);
      const rows = db
        .select()
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.workspace_id, workspaceId),
            f.status ? eq(mailOutbox.status, f.status) : undefined,
            f.kind ? eq(mailOutbox.kind, f.kind) : undefined,
            after
              ? or(
                  lt(mailOutbox.created_at, after.created_at),
                  and(eq(mailOutbox.created_at, after.created_at), lt(mailOutbox.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(mailOutbox.created_at), desc(mailOutbox.id))
        .limit(limitOf(f.limit + 1))
        .all();
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return { items: page.map(mailSummary), next_cursor: rows.length > f.limit && last ? mailCursorOf(last) : null };
    },

    byId(workspaceId: string, id: string): MailMessage | undefined {
      const row = db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.workspace_id, workspaceId), eq(mailOutbox.id, id)))
        .get();
      return row && { ...mailSummary(row), text: row.text_body, html: row.html_body };
    },

    /**
     * Leases up to `limit` queued messages that are due, over every workspace (the worker serves them
     * all), oldest due first. Call inside an immediate transaction.
     */
    claim(tx: Tx, lease: Lease, limit: number): ClaimedMail[] {
      const ids = queue.claim(tx, lease, {
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
        .orderBy(asc(mailOutbox.next_attempt_at))
        .all();
    },

    /**
     * Records where a message stands after a try, only while `owner` still holds its lease; the lease
     * ends. A message that has left (sent, given up) keeps no working portal link. Answers whether it was
     * recorded (false: the lease ran out and another worker has the message).
     */
    settle(tx: Tx, id: string, owner: string, after: MailSettlement): boolean {
      const held = and(eq(mailOutbox.id, id), queue.heldBy(owner), eq(mailOutbox.status, 'queued'));
      const row = tx.select().from(mailOutbox).where(held).get();
      if (!row) return false;
      tx.update(mailOutbox)
        .set({ ...mailSettled(row, after), ...queue.released })
        .where(held)
        .run();
      return true;
    },

    /** Whether the workspace's outbox already has a message with this key (a member's digest of a day). */
    hasKey(workspaceId: string, key: string): boolean {
      return (
        db
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.workspace_id, workspaceId), eq(mailOutbox.dedupe_key, key)))
          .get() !== undefined
      );
    },

    /** Whether the member turned the review digest on in this workspace. */
    reviewDigest(workspaceId: string, userId: string): boolean {
      return (
        db
          .select({ on: mailPreferences.review_digest })
          .from(mailPreferences)
          .where(and(eq(mailPreferences.workspace_id, workspaceId), eq(mailPreferences.user_id, userId)))
          .get()?.on ?? false
      );
    },

    setReviewDigest(tx: Tx, workspaceId: string, userId: string, on: boolean, now: string): void {
      tx.insert(mailPreferences)
        .values({ workspace_id: workspaceId, user_id: userId, review_digest: on, updated_at: now })
        .onConflictDoUpdate({
          target: [mailPreferences.workspace_id, mailPreferences.user_id],
          set: { review_digest: on, updated_at: now },
        })
        .run();
    },

    /**
     * The workspace's admins and owners, with its name: who hears that a webhook endpoint was disabled
     * (docs/webhooks.md#delivery-and-retries). Inside the disabling's transaction.
     */
    workspaceAdmins(workspaceId: string): WorkspaceAdmin[] {
      return db
        .select({ workspace_name: workspaces.name, name: users.name, email: users.email })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
        .where(and(eq(members.organizationId, workspaceId), inArray(members.role, ['owner', 'admin'])))
        .orderBy(asc(users.email))
        .all();
    },

    /**
     * Everyone to send a review digest to, over every workspace: members who turned it on and whose role
     * there still decides (a reviewer made a viewer gets none). The worker's question, like `claim`.
     */
    digestRecipients(): DigestRecipient[] {
      return db
        .select({
          workspace_id: mailPreferences.workspace_id,
          workspace_name: workspaces.name,
          user_id: mailPreferences.user_id,
          name: users.name,
          email: users.email,
        })
        .from(mailPreferences)
        .innerJoin(
          members,
          and(eq(members.organizationId, mailPreferences.workspace_id), eq(members.userId, mailPreferences.user_id)),
        )
        .innerJoin(users, eq(users.id, mailPreferences.user_id))
        .innerJoin(workspaces, eq(workspaces.id, mailPreferences.workspace_id))
        .where(and(eq(mailPreferences.review_digest, true), inArray(members.role, DECIDING_ROLES)))
        .orderBy(mailPreferences.workspace_id, mailPreferences.user_id)
        .all();
    },

    /** The workspace's open decisions for a digest, the longest waiting first, and how many are open in all. */
    openDecisions(workspaceId: string, limit: number) {
      const items = db
        .select({
          participant_name: participants.name,
          template_name: evaluationTemplates.template_name,
          stage_name: evaluationStages.stage_name,
          opened_at: decisions.created_at,
        })
        .from(decisions)
        .innerJoin(
          participants,
          and(eq(participants.workspace_id, decisions.workspace_id), eq(participants.id, decisions.participant_id)),
        )
        .innerJoin(
          evaluationTemplates,
          and(
            eq(evaluationTemplates.workspace_id, decisions.workspace_id),
            eq(evaluationTemplates.id, participants.evaluation_template_id),
          ),
        )
        .innerJoin(
          evaluationStages,
          and(eq(evaluationStages.workspace_id, decisions.workspace_id), eq(evaluationStages.id, decisions.stage_id)),
        )
        .where(and(eq(decisions.workspace_id, workspaceId), eq(decisions.status, 'open')))
        .orderBy(asc(decisions.created_at), asc(decisions.id))
        .limit(limitOf(limit))
        .all();
      const total =
        db
          .select({ n: count() })
          .from(decisions)
          .where(and(eq(decisions.workspace_id, workspaceId), eq(decisions.status, 'open')))
          .get()?.n ?? 0;
      return { items, total };
    },
  };
}
