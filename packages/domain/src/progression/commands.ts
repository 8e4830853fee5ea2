import type { z } from 'zod';
import type {
  AdvanceParticipantInput,
  DecideInput,
  RejectParticipantInput,
  WithdrawParticipantInput,
} from './decision-input.ts';
import type { CreateParticipantInput, UpdateParticipantInput } from './participant-input.ts';
import type { ReplaceScorecardInput, ScoringFailure } from './scorecard-input.ts';
import type { ModelScoring } from './scorer.ts';
import type {
  CancelSessionInput,
  CompleteSessionInput,
  FailSessionInput,
  RecordResultInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  StartSessionInput,
} from './session-input.ts';

/** A command is its input schema's parsed output, tagged with what to do: `{ type: 'schedule', ...ScheduleSessionInput.parse(body) }`. */
type Command<T extends string, S extends z.ZodType> = { readonly type: T } & Readonly<z.output<S>>;

export type EnrollCommand = Command<'enroll', typeof CreateParticipantInput>;
export type UpdateCommand = Command<'update', typeof UpdateParticipantInput>;
export type ScheduleCommand = Command<'schedule', typeof ScheduleSessionInput>;
export type RescheduleCommand = Command<'reschedule', typeof RescheduleSessionInput>;
export type StartCommand = Command<'start', typeof StartSessionInput>;
/** `model`: the interviewer's model scored it; its quotes are checked here (docs/rules.md#scoring-with-evidence). */
export type CompleteCommand = Command<'complete', typeof CompleteSessionInput> & { readonly model?: ModelScoring };
export type FailCommand = Command<'fail', typeof FailSessionInput>;
export type CancelCommand = Command<'cancel', typeof CancelSessionInput>;
export type RecordResultCommand = Command<'record_result', typeof RecordResultInput>;
export type DecideCommand = Command<'decide', typeof DecideInput>;
export type AdvanceCommand = Command<'advance', typeof AdvanceParticipantInput>;
export type RejectCommand = Command<'reject', typeof RejectParticipantInput>;
export type WithdrawCommand = Command<'withdraw', typeof WithdrawParticipantInput>;
export type ReplaceScorecardCommand = Command<'replace_scorecard', typeof ReplaceScorecardInput>;
/** The interviewer could not score a session: recorded so staff see why, nothing else changes. */
export type NoteScoringFailedCommand = { readonly type: 'note_scoring_failed' } & ScoringFailure;

export type ParticipantCommand =
  | EnrollCommand
  | UpdateCommand
  | ScheduleCommand
  | RescheduleCommand
  | StartCommand
  | CompleteCommand
  | FailCommand
  | CancelCommand
  | RecordResultCommand
  | DecideCommand
  | AdvanceCommand
  | RejectCommand
  | WithdrawCommand
  | ReplaceScorecardCommand
  | NoteScoringFailedCommand;

export interface DecideContext {
  /** The current time, ISO-8601 in UTC. */
  readonly now: string;
  /** A fresh UUID for each new participant, session or decision. */
  readonly newId: () => string;
  /** Who sends the command: `user:<id>` or `api_key:<id>`. What the rules do by themselves is `system`. */
  readonly actor: string;
  /** Set when the command is one person's part of a bulk action: every event it emits carries it (docs/rules.md#bulk-actions). */
  readonly bulk_action_id?: string | undefined;
}
