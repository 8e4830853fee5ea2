import type { MailKind, MailMessage, MailStatus, MailSummary } from '@stageflow/domain';
import { and, asc, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import {
  DECIDING_ROLES,
  type DigestRecipient,
  mailCursorOf,
  mailSummary,
  readMailCursor,
  type WorkspaceAdmin,
} from '../../repositories/mail.ts';
import type { PgExec } from '../client.ts';
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
} from '../schema.ts';

/**
 * The mail outbox and members' mail settings on PostgreSQL, answering as repositories/mail.ts does. No unit
 * changes a row it loads through these reads (a settling loads and locks its message itself, writes/mail.ts),
 * so `inWrite` takes no locks here.
 */
export function createPgMailReads(exec: PgExec, _options: { inWrite?: boolean } = {}) {
  return {
    async list(
      workspaceId: string,
      f: { status?: MailStatus | undefined; kind?: MailKind | undefined; limit: number; cursor?: string | undefined },
    ): Promise<{ items: MailSummary[]; next_cursor: string | null }> {
      const after = readMailCursor(f.cursor);
      const rows = await exec
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
        .limit(f.limit + 1);
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return { items: page.map(mailSummary), next_cursor: rows.length > f.limit && last ? mailCursorOf(last) : null };
    },

    async byId(workspaceId: string, id: string): Promise<MailMessage | undefined> {
      const [row] = await exec
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.workspace_id, workspaceId), eq(mailOutbox.id, id)));
      return row && { ...mailSummary(row), text: row.text_body, html: row.html_body };
    },

    async hasKey(workspaceId: string, key: string): Promise<boolean> {
      const [row] = await exec
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.workspace_id, workspaceId), eq(mailOutbox.dedupe_key, key)))
        .limit(1);
      return row !== undefined;
    },

    async reviewDigest(workspaceId: string, userId: string): Promise<boolean> {
      const [row] = await exec
        .select({ on: mailPreferences.review_digest })
        .from(mailPreferences)
        .where(and(eq(mailPreferences.workspace_id, workspaceId), eq(mailPreferences.user_id, userId)));
      return row?.on ?? false;
    },

    async workspaceAdmins(workspaceId: string): Promise<WorkspaceAdmin[]> {
      return exec
        .select({ workspace_name: workspaces.name, name: users.name, email: users.email })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
        .where(and(eq(members.organizationId, workspaceId), inArray(members.role, ['owner', 'admin'])))
        .orderBy(asc(users.email));
    },

    async digestRecipients(): Promise<DigestRecipient[]> {
      return exec
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
        .orderBy(mailPreferences.workspace_id, mailPreferences.user_id);
    },

    async openDecisions(workspaceId: string, limit: number) {
      const open = and(eq(decisions.workspace_id, workspaceId), eq(decisions.status, 'open'));
      const items = await exec
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
        .where(open)
        .orderBy(asc(decisions.created_at), asc(decisions.id))
        .limit(limit);
      const [total] = await exec.select({ n: count() }).from(decisions).where(open);
      return { items, total: total?.n ?? 0 };
    },
  } satisfies Reads['mail'];
}
