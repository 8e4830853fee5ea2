import { z } from 'zod';
import { optionalText, Uuid } from '../schemas/common.ts';
import { DecisionOutcome } from './entities.ts';

/** Required to go against a decision's suggestion, to grant a retake, or to advance someone who has not passed. */
const Note = optionalText(4000);

export const DecideInput = z.strictObject({
  decision_id: Uuid,
  outcome: DecisionOutcome,
  note: Note,
});
export type DecideInput = z.input<typeof DecideInput>;

const participantMove = z.strictObject({ participant_id: Uuid, note: Note });

export const AdvanceParticipantInput = participantMove;
export type AdvanceParticipantInput = z.input<typeof AdvanceParticipantInput>;

export const RejectParticipantInput = participantMove;
export type RejectParticipantInput = z.input<typeof RejectParticipantInput>;

export const WithdrawParticipantInput = participantMove;
export type WithdrawParticipantInput = z.input<typeof WithdrawParticipantInput>;
