import type { SelfIdentificationAnswers, SelfIdentificationRecord } from './categories.ts';

/** What recording self-identification appends to the participant's audit log: never the answers themselves. */
export interface SelfIdentificationEvent {
  readonly type: 'self_identification_recorded';
  readonly participant_id: string;
  readonly actor: string;
  readonly occurred_at: string;
  /** `first`: they had no answers on record before. */
  readonly data: { readonly first: boolean };
}

/** What a recording stores: the row (null when the answers did not change) and the events. */
export interface SelfIdentificationChange {
  readonly record: SelfIdentificationRecord | null;
  readonly events: readonly SelfIdentificationEvent[];
}

/**
 * docs/rules.md#self-identification: the participant's answers, given in their portal or to staff, replace
 * what was on record. The same answers again change nothing and log nothing. The event says that answers
 * were recorded and by whom, never what they are: the timeline is read by everyone on the team.
 */
export function recordSelfIdentification(
  current: SelfIdentificationRecord | null,
  participantId: string,
  answers: SelfIdentificationAnswers,
  ctx: { readonly now: string; readonly actor: string },
): SelfIdentificationChange {
  if (current && current.sex === answers.sex && current.race_ethnicity === answers.race_ethnicity) {
    return { record: null, events: [] };
  }
  return {
    record: {
      participant_id: participantId,
      sex: answers.sex,
      race_ethnicity: answers.race_ethnicity,
      recorded_at: ctx.now,
      recorded_by: ctx.actor,
    },
    events: [
      {
        type: 'self_identification_recorded',
        participant_id: participantId,
        actor: ctx.actor,
        occurred_at: ctx.now,
        data: { first: current === null },
      },
    ],
  };
}
