import { DecideInput, ListAwaitingScoreInput, ListDecisionsInput, notFound, text, unwrap } from '@stageflow/domain';
import { z } from 'zod';
import { decisionTarget, runParticipantCommand } from '../application/participant-commands.ts';
import { router, scoped } from '../trpc.ts';
import { AwaitingScoreItem, DecisionListItem, DecisionResult } from './outputs.ts';
import { participantView } from './participant-answers.ts';

/** `idempotency_key`: a retried decide returns the first answer instead of failing on a decided decision. */
const DecideWithKey = DecideInput.extend({ idempotency_key: text(200).optional() });

export const decisionsRouter = router({
  /** Open decisions oldest first (the reviewers' inbox), or decided ones newest first. */
  list: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/decisions',
        tags: ['Decisions'],
        summary: 'List decisions: open ones oldest first, decided ones newest first',
      },
    })
    .input(ListDecisionsInput)
    .output(z.array(DecisionListItem))
    .query(({ ctx, input }) => ctx.reads.participants.decisions(ctx.workspaceId, input)),

  /**
   * Sessions the participant is done with that nobody has scored: the interviewer could not (no model, a
   * failure), so a reviewer scores them beside the transcript (docs/rules.md#when-the-interviewer-cannot-score).
   */
  awaitingScore: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/decisions/awaiting-score',
        tags: ['Decisions'],
        summary: 'List sessions waiting for a reviewer to score them, oldest first',
        description:
          "A session is here once the participant is done with it (their interview ended, or they submitted their written answers) while it is still in progress: the stage's interviewer could not score it (no model is set up, the model failed, or there was nothing it could score). Read the record with `GET /sessions/{id}/transcript` or `GET /sessions/{id}/answers`, then record the result with `POST /sessions/{session_id}/complete`, or ask the interviewer again with `POST /sessions/{session_id}/score`.",
      },
    })
    .input(ListAwaitingScoreInput)
    .output(z.array(AwaitingScoreItem))
    .query(({ ctx, input }) => ctx.reads.participants.awaitingScore(ctx.workspaceId, input)),

  /** For the sidebar badge. */
  openCount: scoped('participants.read').query(({ ctx }) => ctx.reads.participants.openDecisionCount(ctx.workspaceId)),

  /** advance / reject / retake; going against the suggestion or granting a retake needs a note. */
  decide: scoped('decisions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/decisions/{decision_id}/decide',
        tags: ['Decisions'],
        summary: 'Decide an open decision: advance, reject or retake',
        description:
          "Going against the suggestion or granting a retake needs a `note`. A `human_alternative` request (a participant asked for a person instead of the AI interviewer) has no suggestion: `advance` or `reject` it with a `note`, or record the stage's result, which closes it; `retake` is refused. Send an `Idempotency-Key` header to retry safely: a retry returns the first answer.",
      },
    })
    .input(DecideWithKey)
    .output(DecisionResult)
    .mutation(async ({ ctx, input: { idempotency_key, ...input } }) =>
      runParticipantCommand(
        ctx,
        await decisionTarget(ctx, input.decision_id),
        { type: 'decide', ...input },
        ({ state }) => {
          const participant = participantView(state);
          const decision = participant.decisions.find((d) => d.id === input.decision_id);
          return { decision: unwrap(decision ?? notFound('Decision', input.decision_id)), participant };
        },
        { key: idempotency_key, scope: 'decisions.decide', request: input },
      ),
    ),
});
