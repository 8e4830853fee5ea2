import { z } from 'zod';
import { WithdrawParticipantInput } from '../progression/decision-input.ts';

/** What a participant may send when they withdraw in their portal: an optional note for the team. */
export const PortalWithdrawInput = z.object({ note: WithdrawParticipantInput.shape.note });
export type PortalWithdrawInput = z.infer<typeof PortalWithdrawInput>;
