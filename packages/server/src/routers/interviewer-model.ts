import { InterviewerModelSettings, InterviewerModelTestResult, UpdateInterviewerModelInput } from '@stageflow/domain';
import {
  readInterviewerModel,
  resetInterviewerModel,
  testInterviewerModel,
  updateInterviewerModel,
} from '../application/interviewer-model.ts';
import { router, scoped } from '../trpc.ts';

const tags = ['Interviewer model'];

/**
 * The model a workspace's AI interviews run on (docs/rules.md#interviewer-model). Admins and owners
 * only, reads too: the address and model say where participants' answers go. The API key is
 * write-only: no answer carries it, only `has_api_key`.
 */
export const interviewerModelRouter = router({
  get: scoped('interviewer_model.write')
    .meta({
      openapi: {
        method: 'GET',
        path: '/interviewer-model',
        tags,
        summary: 'The interviewer model in use',
        description:
          "The workspace's own model if it has one, else the server's default (`source`); never the API key, only `has_api_key`.",
      },
    })
    .output(InterviewerModelSettings)
    .query(({ ctx }) => readInterviewerModel(ctx)),

  update: scoped('interviewer_model.write')
    .meta({
      openapi: {
        method: 'PUT',
        path: '/interviewer-model',
        tags,
        summary: "Set the workspace's interviewer model",
        description:
          'Any OpenAI-compatible chat endpoint. `api_key`: a new key replaces the saved one, `null` removes it, leaving it out keeps it (unless `base_url` moves to another server: then give it again). The key is stored encrypted and never shown again.',
      },
    })
    .input(UpdateInterviewerModelInput)
    .output(InterviewerModelSettings)
    .mutation(({ ctx, input }) => updateInterviewerModel(ctx, input)),

  reset: scoped('interviewer_model.write')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/interviewer-model',
        tags,
        summary: "Remove the workspace's interviewer model",
        description: "Its key is deleted; interviews use the server's default again, if there is one.",
      },
    })
    .output(InterviewerModelSettings)
    .mutation(({ ctx }) => resetInterviewerModel(ctx)),

  test: scoped('interviewer_model.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/interviewer-model/test',
        tags,
        summary: 'Test the interviewer model in use',
        description:
          'Sends it a tiny prompt. `ok` with `latency_ms`, or `error` in plain words (wrong address, refused key, unknown model, too slow) and its `reason`. A failed test is still a 200.',
      },
    })
    .output(InterviewerModelTestResult)
    .mutation(({ ctx }) => testInterviewerModel(ctx)),
});
