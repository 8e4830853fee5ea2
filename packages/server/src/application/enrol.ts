import {
  CreateParticipantInput,
  DEFAULT_PORTAL_LINK_DAYS,
  extended,
  isDomainError,
  type MailQueued,
  notFound,
  unwrap,
} from '@stageflow/domain';
import { describeIssues, fieldIssues } from '../errors.ts';
import { enrolSendingLink, type MailAppContext } from './mail.ts';
import { assertRunnable, commandUnit } from './participant-commands.ts';

export interface EnrolmentReport {
  readonly created: { index: number; id: string; email: string; portal_link_mail?: MailQueued }[];
  readonly skipped: { index: number; email: string | null; reason: string }[];
}

/**
 * Enrols many people in one transaction: each row is validated on its own, then enrolled or skipped
 * with the reason (a bad field, an email already in the template, in the batch too).
 */
export async function enrollMany(
  ctx: MailAppContext,
  templateId: string,
  rows: readonly Record<string, unknown>[],
  options: { readonly sendPortalLink?: boolean } = {},
): Promise<EnrolmentReport> {
  await assertRunnable(ctx, templateId);
  const report: EnrolmentReport = { created: [], skipped: [] };
  const valid: { index: number; email: string; input: ReturnType<typeof CreateParticipantInput.parse> }[] = [];
  rows.forEach((row, index) => {
    const parsed = CreateParticipantInput.safeParse(extended(row, { evaluation_template_id: templateId }));
    if (parsed.success) valid.push({ index, email: parsed.data.email, input: parsed.data });
    else
      report.skipped.push({
        index,
        email: typeof row.email === 'string' ? row.email : null,
        reason: describeIssues(fieldIssues(parsed.error) ?? []),
      });
  });
  // With the portal link, each person's enrolment, link and message are one unit in the one transaction.
  const template = options.sendPortalLink
    ? unwrap(
        (await ctx.reads.templates.byId(ctx.workspaceId, templateId)) ?? notFound('Evaluation template', templateId),
      )
    : null;
  // One after another, so each unit's ids are made in the order they always were.
  const units = [];
  for (const { input } of valid) {
    const unit = commandUnit(ctx, { templateId }, { type: 'enroll', ...input }, ({ state }) => ({
      id: state.participant?.id ?? '',
    }));
    units.push(
      template
        ? await enrolSendingLink(ctx, unit, template, DEFAULT_PORTAL_LINK_DAYS, (enrolled, sent) => ({
            ...enrolled,
            portal_link_mail: sent.mail,
          }))
        : unit,
    );
  }
  const results = await ctx.storage.participants.run(ctx.workspaceId, units);
  if (template) ctx.mail.wake();
  results.forEach((result, i) => {
    const { index, email } = valid[i]!;
    if (isDomainError(result)) report.skipped.push({ index, email, reason: result.message });
    else report.created.push({ index, email, ...result });
  });
  report.skipped.sort((a, b) => a.index - b.index);
  return report;
}
