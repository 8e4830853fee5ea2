import {
  DemographicsAccessList,
  DemographicsGrantInput,
  RecordSelfIdentificationInput,
  SelfIdentificationRecorded,
} from '@stageflow/domain';
import {
  demographicsAccess,
  recordStaffSelfIdentification,
  setDemographicsAccess,
} from '../application/self-identification.ts';
import { router, scoped } from '../trpc.ts';

/**
 * Voluntary self-identification (docs/rules.md#self-identification). Staff may record a participant's
 * answers (`demographics.write`: admins, and API keys given it); nobody reads one participant's answers back:
 * the figures are counts (`analytics.adverseImpact`, `demographics.read`).
 */
export const selfIdentificationRouter = router({
  record: scoped('demographics.write')
    .meta({
      openapi: {
        method: 'PUT',
        path: '/participants/{participant_id}/self-identification',
        tags: ['Participants'],
        summary: "Record a participant's voluntary self-identification",
        description:
          'Both answers, each an EEO-1 category or `decline_to_answer`; they replace any on record (the same answers again change nothing). Kept apart from the participant: never in participant pages, lists, boards, decisions or exports, and read back only as counts by those with `demographics.read`. The answer is what was stored. The participant can answer in their portal too.',
      },
    })
    .input(RecordSelfIdentificationInput)
    .output(SelfIdentificationRecorded)
    .mutation(({ ctx, input }) => recordStaffSelfIdentification(ctx, input)),
});

/**
 * Who may read the self-identification figures (docs/rules.md#who-reads-self-identification): owners
 * always; an owner grants or takes back the admins, one by one. Signed-in owners only.
 */
export const demographicsAccessRouter = router({
  list: scoped('demographics.grant')
    .output(DemographicsAccessList)
    .query(({ ctx }) => demographicsAccess(ctx)),
  grant: scoped('demographics.grant')
    .input(DemographicsGrantInput)
    .output(DemographicsAccessList)
    .mutation(({ ctx, input }) => setDemographicsAccess(ctx, input, true)),
  revoke: scoped('demographics.grant')
    .input(DemographicsGrantInput)
    .output(DemographicsAccessList)
    .mutation(({ ctx, input }) => setDemographicsAccess(ctx, input, false)),
});
