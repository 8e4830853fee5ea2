import type { NewMail, StoragePort } from '@stageflow/db';
import { DIGEST_MAX_ITEMS, digestDue, digestKey, reviewDigestMail } from '@stageflow/domain';

export interface DigestDeps {
  readonly storage: StoragePort;
  /** Where the app is served, without a trailing slash: the digest links to it. */
  readonly publicUrl: string;
  readonly newId: () => string;
}

/**
 * Writes today's review digest for every member who turned it on and has open decisions to read
 * (docs/mail.md#the-review-digest), once it is `hour` o'clock UTC. One per member, workspace and day,
 * however often it runs and however many processes run it: the outbox's key refuses a second. A member
 * with nothing open gets none that day until something opens. Answers how many were written.
 */
export async function writeDueDigests(deps: DigestDeps, now: string, hour: number): Promise<number> {
  if (!digestDue(now, hour)) return 0;
  let written = 0;
  const { reads } = deps.storage;
  for (const member of await reads.mail.digestRecipients()) {
    const key = digestKey(member.user_id, now);
    if (await reads.mail.hasKey(member.workspace_id, key)) continue;
    const open = await reads.mail.openDecisions(member.workspace_id, DIGEST_MAX_ITEMS);
    if (open.total === 0) continue;
    const content = reviewDigestMail({
      member_name: member.name,
      workspace_name: member.workspace_name,
      decisions: open.items,
      total: open.total,
      inbox_url: `${deps.publicUrl}/decisions`,
      settings_url: `${deps.publicUrl}/settings/notifications`,
      now,
    });
    const mail: NewMail = {
      id: deps.newId(),
      workspace_id: member.workspace_id,
      kind: 'review_digest',
      to_address: member.email,
      to_name: member.name,
      language: 'en',
      subject: content.subject,
      text_body: content.text,
      html_body: content.html,
      status: 'queued',
      created_at: now,
      created_by: 'system',
      dedupe_key: key,
    };
    written += await deps.storage.mail.enqueue([mail]);
  }
  return written;
}
