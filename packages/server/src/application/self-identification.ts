import {
  DEMOGRAPHICS_GRANTEE_ROLE,
  type DemographicsAccessList,
  type DemographicsGrantInput,
  decideDemographicsAccess,
  type PortalSelfIdentificationInput,
  type PortalSelfIdentificationView,
  portalSelfIdentificationView,
  type RecordSelfIdentificationInput,
  recordSelfIdentification,
  type SelfIdentificationAnswers,
  type SelfIdentificationRecorded,
  unwrap,
} from '@stageflow/domain';
import type { AppContext, PortalAppContext } from './context.ts';

/**
 * Voluntary self-identification (docs/rules.md#self-identification): recorded by the participant in their
 * portal or by staff, one row per participant kept apart from the participant record, and who may read
 * the figures made from it (docs/rules.md#who-reads-self-identification).
 */

/** The grantable scope that reads the figures. */
export const DEMOGRAPHICS_READ = 'demographics.read';

async function record(ctx: AppContext, participantId: string, answers: SelfIdentificationAnswers) {
  const now = ctx.now();
  return unwrap(
    await ctx.storage.selfIdentification.change(ctx.workspaceId, participantId, ({ current }) =>
      recordSelfIdentification(current, participantId, answers, { now, actor: ctx.actor }),
    ),
  );
}

/** Staff record answers a participant gave them; the answer is what is stored (the caller's own input). */
export async function recordStaffSelfIdentification(
  ctx: AppContext,
  input: RecordSelfIdentificationInput,
): Promise<SelfIdentificationRecorded> {
  const { participant_id, ...answers } = input;
  return record(ctx, participant_id, answers);
}

/** The questions as the participant reads them, with their own answers on record. */
export async function readPortalSelfIdentification(
  ctx: PortalAppContext,
  participantId: string,
): Promise<PortalSelfIdentificationView> {
  const current = (await ctx.reads.selfIdentification.byParticipant(ctx.workspaceId, participantId)) ?? null;
  return portalSelfIdentificationView(current, ctx.copy);
}

/** The participant answers (or changes their answers) in their portal, as themselves. */
export async function answerPortalSelfIdentification(
  ctx: PortalAppContext,
  participantId: string,
  input: PortalSelfIdentificationInput,
): Promise<PortalSelfIdentificationView> {
  return portalSelfIdentificationView(await record(ctx, participantId, input), ctx.copy);
}

/** The workspace's admins and whether each may read the figures (owners always may). */
export async function demographicsAccess(ctx: AppContext): Promise<DemographicsAccessList> {
  return {
    admins: (
      await ctx.reads.memberGrants.membersWithGrant(ctx.workspaceId, DEMOGRAPHICS_GRANTEE_ROLE, DEMOGRAPHICS_READ)
    ).map((m) => ({
      user_id: m.user_id,
      name: m.name,
      email: m.email,
      granted: m.granted_at !== null,
      granted_at: m.granted_at,
      granted_by: m.granted_by,
    })),
  };
}

/** An owner lets an admin read the figures, or stops letting them; answers the list afterwards. */
export async function setDemographicsAccess(
  ctx: AppContext,
  input: DemographicsGrantInput,
  grant: boolean,
): Promise<DemographicsAccessList> {
  const now = ctx.now();
  unwrap(
    await ctx.storage.memberGrants.change(ctx.workspaceId, input.user_id, DEMOGRAPHICS_READ, ({ member, current }) =>
      decideDemographicsAccess(member, current, { ...input, grant }, { now, actor: ctx.actor }),
    ),
  );
  return demographicsAccess(ctx);
}
