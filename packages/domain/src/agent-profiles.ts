import type { z } from 'zod';
import { applyPatch } from './patch.ts';
import type { AgentProfile, CreateAgentProfileInput, UpdateAgentProfileInput } from './schemas/agent-profile.ts';

type Created = z.output<typeof CreateAgentProfileInput>;
type Patch = Omit<z.output<typeof UpdateAgentProfileInput>, 'id'>;

export function newAgentProfile(input: Created, id: string, now: string): AgentProfile {
  return { ...input, id, status: 'active', created_at: now, updated_at: now };
}

export function updateAgentProfile(profile: AgentProfile, patch: Patch, now: string): AgentProfile {
  return { ...applyPatch(profile, patch), updated_at: now };
}
