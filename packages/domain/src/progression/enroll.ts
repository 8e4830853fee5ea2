import type { z } from 'zod';
import { badInput, conflict, DomainError } from '../errors.ts';
import type { DecideContext, EnrollCommand, UpdateCommand } from './commands.ts';
import { emitter } from './emit.ts';
import type { Participant } from './entities.ts';
import type { ParticipantChanges, ParticipantEvent } from './events.ts';
import { activeParticipant } from './guards.ts';
import { enterNextStageEvent } from './moves.ts';
import type { ParticipantBackgroundInput, ParticipantProfileInput } from './participant-input.ts';
import type { ParticipantState } from './state.ts';
import { orNull } from './text.ts';

const profileOf = (p: z.output<typeof ParticipantProfileInput>): Participant['profile'] => ({
  title: orNull(p.title),
  organization: orNull(p.organization),
  experience_level: orNull(p.experience_level),
  location: orNull(p.location),
});

const backgroundOf = (b: z.output<typeof ParticipantBackgroundInput>): Participant['background'] => ({
  skills: [...b.skills],
  education: orNull(b.education),
  languages: [...b.languages],
});

/** Enrolment creates the participant and puts them in the template's first active stage. */
export function enroll(
  state: ParticipantState,
  cmd: EnrollCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  if (state.participant) {
    return conflict(`${state.participant.name} is already enrolled in this template`);
  }
  if (cmd.evaluation_template_id !== state.template.id) {
    return badInput(
      ['evaluation_template_id'],
      `template ${cmd.evaluation_template_id} is not the loaded template ${state.template.id}`,
    );
  }
  const participant: Participant = {
    id: ctx.newId(),
    evaluation_template_id: cmd.evaluation_template_id,
    name: cmd.name,
    email: cmd.email,
    external_id: orNull(cmd.external_id),
    phone: orNull(cmd.phone),
    tags: [...cmd.tags],
    profile: profileOf(cmd.profile),
    background: backgroundOf(cmd.background),
    metadata: { ...cmd.metadata },
    status: 'active',
    current_stage_id: null,
    recommendation: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  const emit = emitter(participant.id, ctx);
  const entered = enterNextStageEvent(state, null, ctx.actor, emit);
  if (!entered) {
    return new DomainError('PRECONDITION_FAILED', `the template has no active stage to enrol ${cmd.email} into`);
  }
  return [emit('participant_enrolled', { participant }), entered];
}

/** Edits the participant's details; fields equal to the stored ones are left out, and no change emits nothing. */
export function update(
  state: ParticipantState,
  cmd: UpdateCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const current = activeParticipant(state, cmd.id);
  if (current instanceof DomainError) return current;
  const proposed: ParticipantChanges = {
    ...(cmd.name !== undefined && { name: cmd.name }),
    ...(cmd.email !== undefined && { email: cmd.email }),
    ...(cmd.external_id !== undefined && { external_id: orNull(cmd.external_id) }),
    ...(cmd.phone !== undefined && { phone: orNull(cmd.phone) }),
    ...(cmd.tags !== undefined && { tags: [...cmd.tags] }),
    ...(cmd.profile !== undefined && { profile: profileOf(cmd.profile) }),
    ...(cmd.background !== undefined && { background: backgroundOf(cmd.background) }),
    ...(cmd.metadata !== undefined && { metadata: { ...cmd.metadata } }),
  };
  const changes = Object.fromEntries(
    Object.entries(proposed).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof ParticipantChanges]),
    ),
  ) as ParticipantChanges;
  if (Object.keys(changes).length === 0) return [];
  return [emitter(current.id, ctx)('participant_updated', { changes })];
}
