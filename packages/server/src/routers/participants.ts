import {
  AdvanceParticipantInput,
  AlreadyEnrolledInput,
  activeStagesInOrder,
  BulkCreateParticipantsInput,
  CreateParticipantInput,
  CreatePortalLinkInput,
  DEFAULT_PORTAL_LINK_DAYS,
  type DomainError,
  ExportParticipantsInput,
  ListParticipantsInput,
  MAX_EXPORT_ROWS,
  MAX_PARTICIPANTS_PER_REQUEST,
  notFound,
  ParticipantBoardInput,
  ParticipantTimelineInput,
  portalLinkState,
  RejectParticipantInput,
  RevokePortalLinkInput,
  SendPortalLinkInput,
  SendPortalLinkOption,
  text,
  UpdateParticipantInput,
  unwrap,
  WithdrawParticipantInput,
} from '@stageflow/domain';
import { z } from 'zod';
import { enrollMany } from '../application/enrol.ts';
import { enrolSendingLink, sendPortalLink } from '../application/mail.ts';
import { assertRunnable, commandUnit, runParticipantCommand } from '../application/participant-commands.ts';
import { exportParticipants } from '../application/participant-export.ts';
import { createPortalLink, revokePortalLink } from '../application/portal-links.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import {
  BulkCreateResult,
  EnrolledParticipant,
  ParticipantDetail,
  ParticipantExport,
  ParticipantPage,
  ParticipantView,
  PortalLinkCreated,
  PortalLinkSent,
  PortalLinkState,
  TimelinePage,
} from './outputs.ts';
import { participantPage, participantTimeline, participantView } from './participant-answers.ts';

const viewOf = ({ state }: { state: Parameters<typeof participantView>[0] }) => participantView(state);

/**
 * `idempotency_key`: a retried create returns the first answer instead of failing on the email.
 * `send_portal_link`: email them their portal link in the same transaction (docs/mail.md#the-portal-link).
 */
const CreateInput = CreateParticipantInput.extend({ idempotency_key: text(200).optional(), ...SendPortalLinkOption });

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
    .query(({ ctx, input }) => ctx.reads.participants.list(ctx.workspaceId, input)),

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

  /** How many the list's filters match: what "select all N matching" offers before a bulk action. */
  count: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/count',
        tags: ['Participants'],
        summary: 'Count the participants the list’s filters match',
        description: 'The same filters as `GET /participants` (template, stage, status, search), without paging.',
      },
    })
    .input(ExportParticipantsInput)
    .output(z.object({ count: z.number() }))
    .query(async ({ ctx, input }) => ({ count: await ctx.reads.participants.count(ctx.workspaceId, input) })),

  byId: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/{id}',
        tags: ['Participants'],
        summary: 'Get a participant with progress, sessions, decisions, allowed actions and outlook',
        description:
          '`outlook` says what the rules say about them at their stage: attempts used and allowed, the next stage (null: advancing completes), whether a retake is allowed and when its cool-down ends, whether a session can be booked or moved, and whether advancing by hand needs a note. Null once they are in no stage. Their timeline is `GET /participants/{id}/timeline`.',
      },
    })
    .input(ByIdInput)
    .output(ParticipantDetail)
    .query(({ ctx, input }) => participantPage(ctx, input.id)),

  /** The participant's audit trail, newest first, a page at a time. */
  timeline: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/{id}/timeline',
        tags: ['Participants'],
        summary: "A participant's timeline, newest first",
        description:
          'Who did what and when, by which rule: `limit` events (20 by default, at most 100); pass `next_cursor` as `cursor` for older ones.',
      },
    })
    .input(ParticipantTimelineInput)
    .output(TimelinePage)
    .query(({ ctx, input }) => participantTimeline(ctx, input)),

  /** Enrols one person at the first active stage. */
  create: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants',
        tags: ['Participants'],
        summary: 'Enroll a participant at the first active stage',
        description:
          'Send an `Idempotency-Key` header to retry safely: a retry returns the first answer. With `send_portal_link: true` they are also emailed a new portal link in the same transaction; `portal_link_sent` says which message (`status` `not_sent` when mail is not set up: copy its `url` instead).',
      },
    })
    .input(CreateInput)
    .output(EnrolledParticipant)
    .mutation(async ({ ctx, input: { idempotency_key, send_portal_link, ...input } }) => {
      await assertRunnable(ctx, input.evaluation_template_id);
      const target = { templateId: input.evaluation_template_id };
      const command = { type: 'enroll', ...input } as const;
      const retry = { key: idempotency_key, scope: 'participants.create', request: input };
      if (!send_portal_link) return runParticipantCommand(ctx, target, command, viewOf, retry);
      // A retry must ask for the mail too to get the first answer; the same key without it is another request.
      const unit = commandUnit(ctx, target, command, viewOf, { ...retry, request: { ...input, send_portal_link } });
      const template = unwrap(
        (await ctx.reads.templates.byId(ctx.workspaceId, input.evaluation_template_id)) ??
          notFound('Evaluation template', input.evaluation_template_id),
      );
      const sending = await enrolSendingLink(ctx, unit, template, DEFAULT_PORTAL_LINK_DAYS, (view, sent) => ({
        ...view,
        portal_link_sent: { url: sent.url, expires_at: sent.expires_at, mail: sent.mail },
      }));
      const [result] = await ctx.storage.participants.run(ctx.workspaceId, [sending]);
      ctx.mail.wake();
      return unwrap(result as DomainError | z.infer<typeof EnrolledParticipant>);
    }),

  /** Up to MAX_PARTICIPANTS_PER_REQUEST in one transaction: each row is created or skipped with the reason. */
  bulkCreate: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/bulk',
        tags: ['Participants'],
        summary: `Enroll up to ${MAX_PARTICIPANTS_PER_REQUEST} participants`,
        description:
          'One transaction; each row is created or skipped with the reason. With `send_portal_link: true` each person created is also emailed a new portal link in the same transaction (`portal_link_mail` on their row).',
      },
    })
    .input(BulkCreateParticipantsInput)
    .output(BulkCreateResult)
    .mutation(({ ctx, input }) =>
      enrollMany(ctx, input.evaluation_template_id, input.participants, { sendPortalLink: input.send_portal_link }),
    ),

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
    .mutation(async ({ ctx, input }) => {
      const template = await ctx.reads.templates.byId(ctx.workspaceId, input.evaluation_template_id);
      if (!template) throw notFound('Evaluation template', input.evaluation_template_id);
      return { emails: await ctx.reads.participants.emailsInTemplate(ctx.workspaceId, template.id, input.emails) };
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

  /**
   * Emails the participant a new portal link (one still working is revoked): the link, the events and the
   * message in one transaction (docs/mail.md#the-portal-link).
   */
  sendPortalLink: scoped('portal_links.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/portal-link/send',
        tags: ['Participants'],
        summary: 'Email a participant a new portal link',
        description:
          'Makes a new link (a link still working is revoked) and writes its email, in the template’s language, to the mail outbox in the same transaction. Answers the link like `POST …/portal-link` and `mail`: `{ id, to, status }`, where `status` is `queued` (the server sends it) or `not_sent` (mail is not set up: the message is kept in the outbox and the link was not sent, so hand over `url` yourself).',
      },
    })
    .input(SendPortalLinkInput)
    .output(PortalLinkSent)
    .mutation(async ({ ctx, input }) => {
      const { link, ...sent } = await sendPortalLink(ctx, input);
      return { ...sent, portal_link: portalLinkState(link, ctx.now()) };
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
      ctx.storage.snapshot(function* (r) {
        const template = yield* r.participants.load.template(ctx.workspaceId, input.evaluation_template_id);
        if (!template) throw notFound('Evaluation template', input.evaluation_template_id);
        const board = yield* r.participants.board(ctx.workspaceId, template.id, input.per_column, input.search);
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
