import { readTx } from '@stageflow/db';
import {
  AdvanceParticipantInput,
  AlreadyEnrolledInput,
  activeStagesInOrder,
  BulkCreateParticipantsInput,
  CreateParticipantInput,
  CreatePortalLinkInput,
  ExportParticipantsInput,
  ListParticipantsInput,
  MAX_EXPORT_ROWS,
  MAX_PARTICIPANTS_PER_REQUEST,
  notFound,
  ParticipantBoardInput,
  portalLinkState,
  RejectParticipantInput,
  RevokePortalLinkInput,
  text,
  UpdateParticipantInput,
  WithdrawParticipantInput,
} from '@stageflow/domain';
import { z } from 'zod';
import { enrollMany } from '../application/enrol.ts';
import { assertRunnable, runParticipantCommand } from '../application/participant-commands.ts';
import { exportParticipants } from '../application/participant-export.ts';
import { createPortalLink, revokePortalLink } from '../application/portal-links.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import {
  BulkCreateResult,
  ParticipantDetail,
  ParticipantExport,
  ParticipantPage,
  ParticipantView,
  PortalLinkCreated,
  PortalLinkState,
} from './outputs.ts';
import { participantPage, participantView } from './participant-answers.ts';

const viewOf = ({ state }: { state: Parameters<typeof participantView>[0] }) => participantView(state);

/** `idempotency_key`: a retried create returns the first answer instead of failing on the email. */
const CreateInput = CreateParticipantInput.extend({ idempotency_key: text(200).optional() });

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

  /** The list as filtered, as CSV: who, where they stand, and each stage's state and score. */
  export: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/export.csv',
        tags: ['Participants'],
        summary: 'Export participants as CSV, with each stage’s state and score',
        description: `The list's filters (template, stage, status, search), newest first, at most ${MAX_EXPORT_ROWS} rows. Columns: name, email, external_id, phone, tags (\`;\`-separated), template, status, recommendation, current_stage, added_at, then \`<stage>: state\` and \`<stage>: score\` for each stage (the latest completed score there). Cells that a spreadsheet would run as a formula start with \`'\`.`,
      },
      download: 'csv',
    })
    .input(ExportParticipantsInput)
    .output(ParticipantExport)
    .query(({ ctx, input }) => exportParticipants(ctx, input)),

  byId: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/{id}',
        tags: ['Participants'],
        summary: 'Get a participant with progress, sessions, decisions, events, allowed actions and outlook',
        description:
          '`outlook` says what the rules say about them at their stage: attempts used and allowed, the next stage (null: advancing completes), whether a retake is allowed and when its cool-down ends, whether a session can be booked or moved, and whether advancing by hand needs a note. Null once they are in no stage.',
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
      return runParticipantCommand(
        ctx,
        { templateId: input.evaluation_template_id },
        { type: 'enroll', ...input },
        viewOf,
        { key: idempotency_key, scope: 'participants.create', request: input },
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
    .mutation(({ ctx, input }) => enrollMany(ctx, input.evaluation_template_id, input.participants)),

  /**
   * Which emails are already in the template, for a bulk import's preview. A read, sent as a POST
   * (500 emails do not fit in a URL), for those who may import (so the scope of a write).
   */
  alreadyEnrolled: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/already-enrolled',
        tags: ['Participants'],
        summary: 'Which of these emails are already in a template',
        description: `Up to ${MAX_PARTICIPANTS_PER_REQUEST} emails (compared without case); answers those a participant of the template already has. Changes nothing: check a list before \`POST /participants/bulk\`.`,
      },
    })
    .input(AlreadyEnrolledInput)
    .output(z.object({ emails: z.array(z.string()) }))
    .mutation(({ ctx, input }) => {
      const template = ctx.repos.templates.byId(ctx.workspaceId, input.evaluation_template_id);
      if (!template) throw notFound('Evaluation template', input.evaluation_template_id);
      return { emails: ctx.repos.participants.emailsInTemplate(ctx.workspaceId, template.id, input.emails) };
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
    .mutation(({ ctx, input }) =>
      runParticipantCommand(ctx, { participantId: input.id }, { type: 'update', ...input }, viewOf),
    ),

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
    .mutation(({ ctx, input }) =>
      runParticipantCommand(ctx, { participantId: input.participant_id }, { type: 'advance', ...input }, viewOf),
    ),

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
    .mutation(({ ctx, input }) =>
      runParticipantCommand(ctx, { participantId: input.participant_id }, { type: 'reject', ...input }, viewOf),
    ),

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
    .mutation(({ ctx, input }) =>
      runParticipantCommand(ctx, { participantId: input.participant_id }, { type: 'withdraw', ...input }, viewOf),
    ),

  /**
   * A new private portal link; one still working is revoked (a rotation). The token is in this answer
   * only (docs/surfaces.md#portal-links).
   */
  portalLink: scoped('portal_links.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/portal-link',
        tags: ['Participants'],
        summary: "Create or rotate a participant's portal link",
        description:
          'Answers `{ url, token, expires_at }`: the token is shown this once and stored only as a hash. A link still working is revoked. `expires_in_days` defaults to 30 (at most 90).',
      },
    })
    .input(CreatePortalLinkInput)
    .output(PortalLinkCreated)
    .mutation(async ({ ctx, input }) => {
      const { token, link } = await createPortalLink(ctx, input);
      return {
        url: `${ctx.publicUrl}/p/${token}`,
        token,
        expires_at: link.expires_at,
        portal_link: portalLinkState(link, ctx.now()),
      };
    }),

  revokePortalLink: scoped('portal_links.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/portal-link/revoke',
        tags: ['Participants'],
        summary: "Revoke a participant's portal link",
        description: 'It stops working at once. A participant with no working link is a 409.',
      },
    })
    .input(RevokePortalLinkInput)
    .output(PortalLinkState)
    .mutation(async ({ ctx, input }) => portalLinkState(await revokePortalLink(ctx, input.participant_id), ctx.now())),

  /** One column per active stage plus Completed, Rejected and Withdrawn; counts are exact, cards capped. */
  board: scoped('participants.read')
    .input(ParticipantBoardInput)
    .query(({ ctx, input }) =>
      readTx(ctx.db, () => {
        const template = ctx.repos.participants.load.template(ctx.workspaceId, input.evaluation_template_id);
        if (!template) throw notFound('Evaluation template', input.evaluation_template_id);
        const board = ctx.repos.participants.board(ctx.workspaceId, template.id, input.per_column, input.search);
        const countOf = (match: (c: (typeof board.counts)[number]) => boolean) =>
          board.counts.filter(match).reduce((n, c) => n + c.count, 0);
        const stages = activeStagesInOrder(template).map((s) => ({
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
