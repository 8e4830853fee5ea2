import type { Db } from '@stageflow/db';
import { type CreateAgentProfileInput, portalCopy } from '@stageflow/domain';
import { type FakeModelServer, startFakeModelServer } from '@stageflow/testing';
import { expect } from 'vitest';
import type { InterviewStreamEvent, interviewerReply } from './application/interview.ts';
import { interviewRunContext } from './http/portal-api.ts';
import { interviewerDeps } from './interviewer/deps.ts';
import type { ModelClientOptions } from './interviewer/model.ts';
import { setupPortal } from './testing-portal.ts';

const BASE = '/api/portal/v1';

/** Fast retries and short waits, so the failure paths run in milliseconds. */
export const FAST_CLIENT: Partial<ModelClientOptions> = {
  idleTimeoutMs: 400,
  turnTimeoutMs: 3_000,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 200,
};

/**
 * The portal kit over a pipeline that opens with an AI interview (Phone Screen, 30 minutes; its
 * interviewer Ada has Design and Coding, probing `medium`), then the team's final review. With
 * `model`, the server's default interviewer model is a fake OpenAI-compatible server on this machine;
 * without, interviews run on the plan. `janeStarts()` accepts Jane's notice and starts her session.
 */
export async function setupInterview({
  model = true,
  client = {},
  db,
  stageType = 'ai_interview',
  interviewer: profile = {},
}: {
  model?: boolean;
  client?: Partial<ModelClientOptions>;
  db?: Db;
  stageType?: 'ai_interview' | 'roleplay_simulation' | 'practice_session';
  /** Changes to the interviewer Ada. */
  interviewer?: Partial<CreateAgentProfileInput>;
} = {}) {
  const fake: FakeModelServer = await startFakeModelServer({ models: ['fake-model'] });
  const interviewer = interviewerDeps({
    environment: model ? { base_url: fake.url, model: 'fake-model', api_key: null } : null,
    client: { ...FAST_CLIENT, ...client },
  });
  const portal = await setupPortal({
    interviewer,
    ...(db ? { db } : {}),
    stages: [
      { type: 'phone_screen', stage_type: stageType, pass_threshold: 60, automation_rule: 'auto_advance' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ],
  });
  if (Object.keys(profile).length > 0) {
    await portal.t.api.agentProfiles.update({ id: portal.stages[0]!.agent_profile_id!, ...profile });
  }
  const call = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    portal.app.request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Jane accepts the notice of her Phone Screen and starts it now, through her portal; answers the session id. */
  async function janeStarts(): Promise<string> {
    const token = portal.janeLink.token;
    const consent = await call(token, 'POST', '/consent', { stage_id: portal.stages[0]!.id, accepted: true });
    expect(consent.status).toBe(200);
    const started = await call(token, 'POST', '/sessions', {});
    expect(started.status).toBe(201);
    return ((await started.json()) as { id: string }).id;
  }

  /** Jane's portal context, as her requests run with it. */
  const janeContext = () =>
    interviewRunContext(
      { storage: portal.t.deps.storage, now: portal.clock, interviewer },
      {
        workspace_id: portal.t.workspaceId,
        participant_id: portal.jane.id,
        link_id: 'test',
        via: 'bearer',
        copy: portalCopy('en'),
      },
    );

  return { ...portal, fake, interviewer, call, janeStarts, janeContext };
}

/** Every event of a reply, and what it answered (or the error it threw). */
export async function collect(reply: ReturnType<typeof interviewerReply>) {
  const events: InterviewStreamEvent[] = [];
  try {
    let next = await reply.next();
    while (!next.done) {
      events.push(next.value);
      next = await reply.next();
    }
    return { events, result: next.value, error: undefined };
  } catch (error) {
    return { events, result: undefined, error };
  }
}

/** The interviewer's words as they streamed. */
export const streamed = (events: readonly InterviewStreamEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
