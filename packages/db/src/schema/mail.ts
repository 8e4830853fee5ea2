import type { MailKind, MailStatus } from '@stageflow/domain';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, workspaceId } from './columns.ts';
import { workspaces } from './workspaces.ts';

/**
 * The mail outbox (docs/mail.md): every message Stageflow sends is a row here first, written in the
 * same transaction as what caused it where that is ours (a portal link, an enrolment), and sent by
 * the server's worker, which leases rows (`lease_owner`, `lease_expires_at`: leases.ts) so that
 * several processes never send one twice. Rows stay as the workspace's record of what was sent.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<MailKind>().notNull(),
    to_address: text('to_address').notNull(),
    to_name: text('to_name'),
    /** The language the message is written in (the HTML's `lang`). */
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    text_body: text('text_body').notNull(),
    html_body: text('html_body').notNull(),
    status: text('status').$type<MailStatus>().notNull(),
    /** Tries made so far. */
    attempts: integer('attempts').notNull().default(0),
    /** When a queued message is due (its first try: when it was written); null once it has left. */
    next_attempt_at: text('next_attempt_at'),
    last_error: text('last_error'),
    /** The worker sending it now, and until when its claim holds (then another may take it). */
    lease_owner: text('lease_owner'),
    lease_expires_at: text('lease_expires_at'),
    created_at: text('created_at').notNull(),
    /** The actor who caused it, as in the audit trail (`user:<id>`, `api_key:<id>`, `system`). */
    created_by: text('created_by').notNull(),
    sent_at: text('sent_at'),
    /** The SMTP server's id for it (`Message-ID`), for tracing it in the server's logs. */
    smtp_message_id: text('smtp_message_id'),
    /** Whose portal link it carries; null for staff mail. */
    participant_id: text('participant_id'),
    /** One message per key and workspace (a member's digest of a day), whichever process writes it first. */
    dedupe_key: text('dedupe_key'),
  },
  (t) => [
    // The worker's question, over every workspace: what is queued and due?
    index('mail_outbox_due_idx').on(t.status, t.next_attempt_at),
    index('mail_outbox_workspace_created_idx').on(t.workspace_id, t.created_at),
    uniqueIndex('mail_outbox_dedupe_uq').on(t.workspace_id, t.dedupe_key),
  ],
);

/** A member's mail settings in one workspace (docs/mail.md#the-review-digest); no row: all off. */
export const mailPreferences = sqliteTable(
  'mail_preferences',
  {
    workspace_id: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The member's user id. No foreign key: the digest joins members and users, so a departed member gets none. */
    user_id: text('user_id').notNull(),
    review_digest: integer('review_digest', { mode: 'boolean' }).notNull().default(false),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace_id, t.user_id] })],
);
