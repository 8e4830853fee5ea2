import { CreateParticipantInput, isDomainError } from '@stageflow/domain';
import { describeIssues, fieldIssues } from '../errors.ts';
import type { AppContext } from './context.ts';
import { assertRunnable, commandUnit } from './participant-commands.ts';

export interface EnrolmentReport {
  readonly created: { index: number; id: string; email: string }[];
  readonly skipped: { index: number; email: string | null; reason: string }[];
}

/**
 * Enrols many people in one transaction: each row is validated on its own, then enrolled or skipped
 * with the reason (a bad field, an email already in the template, in the batch too).
 */
export async function enrollMany(
  ctx: AppContext,
  templateId: string,
  rows: readonly Record<string, unknown>[],
): Promise<EnrolmentReport> {
  assertRunnable(ctx, templateId);
  const report: EnrolmentReport = { created: [], skipped: [] };
  const valid: { index: number; email: string; input: ReturnType<typeof CreateParticipantInput.parse> }[] = [];
  rows.forEach((row, index) => {
    const parsed = CreateParticipantInput.safeParse({ ...row, evaluation_template_id: templateId });
    if (parsed.success) valid.push({ index, email: parsed.data.email, input: parsed.data });
    else
      report.skipped.push({
        index,
        email: typeof row.email === 'string' ? row.email : null,
        reason: describeIssues(fieldIssues(parsed.error) ?? []),
      });
  });
  const results = await ctx.storage.participants.run(
    ctx.workspaceId,
    valid.map(({ input }) =>
      commandUnit(ctx, { templateId }, { type: 'enroll', ...input }, ({ state }) => state.participant?.id ?? ''),
    ),
  );
  results.forEach((result, i) => {
    const { index, email } = valid[i]!;
    if (isDomainError(result)) report.skipped.push({ index, email, reason: result.message });
    else report.created.push({ index, id: result, email });
  });
  report.skipped.sort((a, b) => a.index - b.index);
  return report;
}
