import { randomUUID } from 'node:crypto';
import type { ParticipantUnit } from '@stageflow/db';
import {
  type BulkAction,
  type BulkActionInput,
  type BulkActionItem,
  type BulkActionRequest,
  badInput,
  bulkCounts,
  bulkRequestOf,
  type DecideContext,
  DomainError,
  decideBulkItem,
  evolveParticipant,
  isDomainError,
  MAX_BULK_PARTICIPANTS,
  notFound,
  refusedItem,
  unwrap,
} from '@stageflow/domain';
import type { z } from 'zod';
import type { BulkRunner } from './bulk-runner.ts';
import { previewSendLink, sendLinkToNext } from './bulk-send-link.ts';
import { type AppContext, decideContext } from './context.ts';
import type { MailAppContext } from './mail.ts';
import { touched } from './participant-commands.ts';

type BulkInput = z.output<typeof BulkActionInput>;

/**
 * A bulk action runs with the caller's context and this process's runner (bulk-runner.ts); with the mail
 * setup and the public URL, for sending the portal link.
 */
export interface BulkContext extends MailAppContext {
  readonly bulkRunner: BulkRunner;
}

/** The key's scope: a retry of an applied bulk action answers the action it started. */
const IDEMPOTENCY_SCOPE = 'participants.bulkActions.create';

/**
 * One person's part of a bulk action as a participant unit: their command, decided against their
 * state as loaded (`decideBulkItem`). The same unit previews (`dryRun`, nothing stored) and applies
 * (`applyItem`, stored with the item's line): docs/rules.md#bulk-actions.
 */
function personUnit(
  participantId: string,
  request: BulkActionRequest,
  decide: DecideContext,
): ParticipantUnit<BulkActionItem> {
  return {
    target: { participantId },
    step: ({ loaded }) => {
      const { events, item } = decideBulkItem(loaded.state, request, decide);
      const state =
        events.length === 0 ? loaded.state : touched(events.reduce(evolveParticipant, loaded.state), decide.now);
      return { state, emitted: events, answer: item };
    },
  };
}

/** A unit's answer as the person's line; someone gone since the action was stored is refused as not found. */
const lineOf =
  (participantId: string) =>
  (answer: BulkActionItem | DomainError): BulkActionItem =>
    isDomainError(answer) ? refusedItem(participantId, null, answer) : answer;

/**
 * Whom the bulk action is about, in order: the ids as named (each once), or everyone the list's filter
 * matches, newest first. An id that names nobody in the caller's workspace is NOT_FOUND, as for the
 * single command; more than MAX_BULK_PARTICIPANTS matching is refused on `filter`, by number.
 */
async function selectionOf(ctx: AppContext, input: BulkInput) {
  if (input.participant_ids) {
    const ids = [...new Set(input.participant_ids)];
    const names = await ctx.reads.participants.namesOf(ctx.workspaceId, ids);
    const unknown = input.participant_ids.findIndex((id) => !names.has(id));
    if (unknown >= 0) {
      const id = input.participant_ids[unknown]!;
      throw new DomainError('NOT_FOUND', `participant_ids.${unknown}: participant ${id} was not found`, [
        { path: ['participant_ids', unknown], message: `participant ${id} was not found` },
      ]);
    }
    return ids.map((participant_id) => ({ participant_id, name: names.get(participant_id) ?? null }));
  }
  const filter = input.filter ?? {};
  const people = await ctx.reads.participants.matchingPeople(ctx.workspaceId, filter, MAX_BULK_PARTICIPANTS);
  if (people.length > MAX_BULK_PARTICIPANTS) {
    const n = await ctx.reads.participants.count(ctx.workspaceId, filter);
    throw badInput(
      ['filter'],
      `${n.toLocaleString('en')} participants match; a bulk action takes at most ${MAX_BULK_PARTICIPANTS.toLocaleString('en')}: narrow the filter, or name them in participant_ids`,
    );
  }
  if (people.length === 0) throw badInput(['filter'], 'no participant matches the filter');
  return people;
}

const selectionFilter = (input: BulkInput) => (input.filter ? { ...input.filter } : null);

/**
 * The preview: each person's command decided as applying would decide it now, over one read snapshot,
 * with nothing stored. Refusals are lines in the answer, in the single command's words.
 */
export async function previewBulkAction(ctx: MailAppContext, input: BulkInput): Promise<BulkAction> {
  const people = await selectionOf(ctx, input);
  const request = bulkRequestOf(input);
  const decide = decideContext(ctx);
  const items =
    request.action === 'send_portal_link'
      ? await previewSendLink(ctx, people, request)
      : (
          await ctx.storage.participants.dryRun(
            ctx.workspaceId,
            people.map((p) => personUnit(p.participant_id, request, decide)),
          )
        ).map((answer, i) => lineOf(people[i]!.participant_id)(answer));
  return {
    id: null,
    dry_run: true,
    action: request.action,
    status: 'preview',
    note: request.note ?? null,
    tags: request.tags ?? null,
    schedule: request.schedule ?? null,
    expires_in_days: request.expires_in_days ?? null,
    filter: selectionFilter(input),
    total: items.length,
    processed: items.length,
    counts: bulkCounts(items),
    created_by: ctx.actor,
    created_at: decide.now,
    finished_at: null,
    items,
  };
}

/**
 * Applies a bulk action: stores it with every person pending (under the caller's idempotency key) and
 * hands it to the runner, which sends each person's command in a transaction of its own. Answers at
 * once, as it stands: `GET` follows its progress. A retry with the same key answers the same action.
 */
export async function applyBulkAction(ctx: BulkContext, input: BulkInput): Promise<BulkAction> {
  const people = await selectionOf(ctx, input);
  const { idempotency_key, ...request } = input;
  const now = ctx.now();
  const id = unwrap(
    await ctx.storage.bulkActions.start(
      {
        id: ctx.newId(),
        workspace_id: ctx.workspaceId,
        request: bulkRequestOf(input),
        filter: selectionFilter(input),
        created_by: ctx.actor,
        created_at: now,
        people,
      },
      idempotency_key ? { key: idempotency_key, scope: IDEMPOTENCY_SCOPE, request, now } : undefined,
    ),
  );
  ctx.bulkRunner.run(runContext(ctx), id);
  return bulkActionById(ctx, id);
}

/** What the runner keeps of the caller's context: no request, only who, where, the clock and mail. */
export const runContext = (ctx: MailAppContext): MailAppContext => ({
  storage: ctx.storage,
  reads: ctx.reads,
  workspaceId: ctx.workspaceId,
  actor: ctx.actor,
  now: ctx.now,
  newId: ctx.newId,
  mail: ctx.mail,
  publicUrl: ctx.publicUrl,
});

export async function bulkActionById(ctx: AppContext, id: string): Promise<BulkAction> {
  return unwrap((await ctx.reads.bulkActions.byId(ctx.workspaceId, id)) ?? notFound('Bulk action', id));
}

/**
 * The next pending person of a running bulk action, sent and settled in one transaction: their
 * command at this moment, its events carrying the action's id (or their portal link, sent as the
 * single Send link sends it: bulk-send-link.ts). False when nobody is left.
 */
export async function applyNextPerson(ctx: MailAppContext, bulkActionId: string, request: BulkActionRequest) {
  const next = await ctx.reads.bulkActions.nextPending(ctx.workspaceId, bulkActionId);
  if (!next) return false;
  if (request.action === 'send_portal_link') {
    await sendLinkToNext(ctx, bulkActionId, request, next);
    return true;
  }
  const decide = { ...decideContext(ctx), bulk_action_id: bulkActionId };
  await ctx.storage.bulkActions.applyItem(
    ctx.workspaceId,
    bulkActionId,
    next,
    decide.now,
    personUnit(next.participant_id, request, decide),
    lineOf(next.participant_id),
  );
  return true;
}

/** The bulk actions a stop left running, taken up again as the people who started them (server.ts). */
export async function resumeBulkActions(
  deps: Pick<MailAppContext, 'storage' | 'reads' | 'mail' | 'publicUrl'> & { bulkRunner: BulkRunner },
): Promise<number> {
  const running = await deps.reads.bulkActions.running();
  for (const { workspace_id, id, created_by } of running) {
    deps.bulkRunner.run(
      {
        storage: deps.storage,
        reads: deps.reads,
        workspaceId: workspace_id,
        actor: created_by,
        now: () => new Date().toISOString(),
        newId: randomUUID,
        mail: deps.mail,
        publicUrl: deps.publicUrl,
      },
      id,
    );
  }
  return running.length;
}
