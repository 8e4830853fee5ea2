import { readTx, withIdempotency, writeTx } from '@stageflow/db';
import {
  AdvanceParticipantInput,
  BulkCreateParticipantsInput,
  CreateParticipantInput,
  isDomainError,
  ListParticipantsInput,
  MAX_PARTICIPANTS_PER_REQUEST,
  notFound,
  ParticipantBoardInput,
  RejectParticipantInput,
  UpdateParticipantInput,
  unwrap,
  WithdrawParticipantInput,
} from '@stageflow/domain';
import { z } from 'zod';
import { describeIssues, fieldIssues } from '../errors.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { BulkCreateResult, ParticipantDetail, ParticipantPage, ParticipantView } from './outputs.ts';
import { assertRunnable, decideContext, participantPage, participantView, runCommand } from './participant-commands.ts';

/** `idempotency_key`: a retried create returns the first answer instead of failing on the email. */
const CreateInput = CreateParticipantInput.extend({ idempotency_key: z.string().trim().min(1).max(200).optional() });

export const participantsRouter = router({
  list: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants',
        tags: ['Participants'],
        summary: 'List participants, newest first',
        description: 'Filter by template, stage, status or a name/email search; page with `cursor`.',
      },
    })
    .input(ListParticipantsInput)
    .output(ParticipantPage)
    .query(({ ctx, input }) => ctx.repos.participants.list(ctx.workspaceId, input)),

  byId: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/{id}',
        tags: ['Participants'],
        summary: 'Get a participant with progress, sessions, decisions, events and allowed actions',
      },
    })
    .input(ByIdInput)
    .output(ParticipantDetail)
    .query(({ ctx, input }) => participantPage(ctx, input.id)),

  /** Enrols one person at the first active stage. */
  create: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants',
        tags: ['Participants'],
        summary: 'Enroll a participant at the first active stage',
        description: 'Send an `Idempotency-Key` header to retry safely: a retry returns the first answer.',
      },
    })
    .input(CreateInput)
    .output(ParticipantView)
    .mutation(({ ctx, input: { idempotency_key, ...input } }) => {
      assertRunnable(ctx, input.evaluation_template_id);
      return unwrap(
        writeTx(ctx.db, (tx) =>
          withIdempotency(tx, ctx.workspaceId, idempotency_key, 'participants.create', input, ctx.now(), () => {
            const result = ctx.repos.participants.apply(
              tx,
              ctx.workspaceId,
              { templateId: input.evaluation_template_id },
              { type: 'enroll', ...input },
              decideContext(ctx),
            );
            return isDomainError(result) ? result : participantView(result.state);
          }),
        ),
      );
    }),

  /** Up to MAX_PARTICIPANTS_PER_REQUEST in one transaction: each row is created or skipped with the reason. */
  bulkCreate: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/bulk',
        tags: ['Participants'],
        summary: `Enroll up to ${MAX_PARTICIPANTS_PER_REQUEST} participants`,
        description: 'One transaction; each row is created or skipped with the reason.',
      },
    })
    .input(BulkCreateParticipantsInput)
    .output(BulkCreateResult)
    .mutation(({ ctx, input }) => {
      assertRunnable(ctx, input.evaluation_template_id);
      const created: { index: number; id: string; email: string }[] = [];
      const skipped: { index: number; email: string | null; reason: string }[] = [];
      writeTx(ctx.db, (tx) => {
        input.participants.forEach((row, index) => {
          const email = typeof row.email === 'string' ? row.email : null;
          const parsed = CreateParticipantInput.safeParse({
            ...row,
            evaluation_template_id: input.evaluation_template_id,
          });
          if (!parsed.success) {
            skipped.push({ index, email, reason: describeIssues(fieldIssues(parsed.error) ?? []) });
            return;
          }
          const result = ctx.repos.participants.apply(
            tx,
            ctx.workspaceId,
            { templateId: input.evaluation_template_id },
            { type: 'enroll', ...parsed.data },
            decideContext(ctx),
          );
          if (isDomainError(result)) skipped.push({ index, email: parsed.data.email, reason: result.message });
          else created.push({ index, id: result.state.participant!.id, email: parsed.data.email });
        });
      });
      return { created, skipped };
    }),

  update: scoped('participants.write')
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/participants/{id}',
        tags: ['Participants'],
        summary: "Update a participant's details",
      },
    })
    .input(UpdateParticipantInput)
    .output(ParticipantView)
    .mutation(({ ctx, input }) => {
      return participantView(runCommand(ctx, { participantId: input.id }, { type: 'update', ...input }).state);
    }),

  advance: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/advance',
        tags: ['Participants'],
        summary: 'Advance a participant to the next stage by hand',
        description: 'A note is required when they have not passed the current stage.',
      },
    })
    .input(AdvanceParticipantInput)
    .output(ParticipantView)
    .mutation(({ ctx, input }) => {
      return participantView(
        runCommand(ctx, { participantId: input.participant_id }, { type: 'advance', ...input }).state,
      );
    }),

  reject: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/reject',
        tags: ['Participants'],
        summary: 'Reject a participant',
      },
    })
    .input(RejectParticipantInput)
    .output(ParticipantView)
    .mutation(({ ctx, input }) => {
      return participantView(
        runCommand(ctx, { participantId: input.participant_id }, { type: 'reject', ...input }).state,
      );
    }),

  withdraw: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/withdraw',
        tags: ['Participants'],
        summary: 'Withdraw a participant',
      },
    })
    .input(WithdrawParticipantInput)
    .output(ParticipantView)
    .mutation(({ ctx, input }) => {
      return participantView(
        runCommand(ctx, { participantId: input.participant_id }, { type: 'withdraw', ...input }).state,
      );
    }),

  /** One column per active stage plus Completed, Rejected and Withdrawn; counts are exact, cards capped. */
  board: scoped('participants.read')
    .input(ParticipantBoardInput)
    .query(({ ctx, input }) =>
      readTx(ctx.db, () => {
        const template = ctx.repos.participants.load.template(ctx.workspaceId, input.evaluation_template_id);
        if (!template) throw notFound('Evaluation template', input.evaluation_template_id);
        const board = ctx.repos.participants.board(ctx.workspaceId, template.id, input.per_column);
        const countOf = (match: (c: (typeof board.counts)[number]) => boolean) =>
          board.counts.filter(match).reduce((n, c) => n + c.count, 0);
        const stages = template.stages
          .filter((s) => s.status === 'active')
          .sort((a, b) => (a.stage_order ?? 0) - (b.stage_order ?? 0))
          .map((s) => ({
            key: s.id,
            title: s.stage_name,
            stage_id: s.id,
            pass_threshold: s.pass_threshold,
            count: countOf((c) => c.status === 'active' && c.stage_id === s.id),
            cards: board.cardsAtStage(s.id),
          }));
        const terminal = (['completed', 'rejected', 'withdrawn'] as const).map((status) => ({
          key: status,
          title: status[0]!.toUpperCase() + status.slice(1),
          stage_id: null,
          pass_threshold: null,
          count: countOf((c) => c.status === status),
          cards: board.cardsWithStatus(status),
        }));
        return { columns: [...stages, ...terminal] };
      }),
    ),
});
