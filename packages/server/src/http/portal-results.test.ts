// What a participant sees of their results (docs/rules.md#what-a-participant-sees-of-their-results), over HTTP:
// staff complete sessions through the REST API, the participant reads `GET /api/portal/v1/me` and `/p/`.
import { PortalView } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { storeTestKey } from '../testing-keys.ts';
import { setupPortal } from '../testing-portal.ts';

const ME = '/api/portal/v1/me';
const FEEDBACK = 'Say more about the trade-offs <b>before</b> you pick a design & explain "why".';

/** The portal fixture, with staff calling the REST API with a key and Jane reading her portal. */
async function setup() {
  const portal = await setupPortal();
  const { t, app, jane, janeLink, template, stages } = portal;
  const apiKey = storeTestKey(t.db, t.repos, t.workspaceId, { now: NOW }).key;
  /** A staff REST call; answers the parsed body, and fails the test on anything but 200. */
  const staff = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers by their documented shape
    const answer = (await res.json()) as any;
    expect(res.status, JSON.stringify(answer)).toBe(200);
    return answer;
  };
  /** Staff schedule, start and complete Jane's session at her current stage with this scorecard. */
  const completeSession = async (scorecard: Record<string, unknown>) => {
    const { session } = await staff('POST', '/sessions', { participant_id: jane.id });
    await staff('POST', `/sessions/${session.id}/start`);
    return staff('POST', `/sessions/${session.id}/complete`, scorecard);
  };
  const me = async () => {
    const res = await app.request(ME, { headers: { authorization: `Bearer ${janeLink.token}` } });
    expect(res.status).toBe(200);
    return PortalView.parse(await res.json());
  };
  const cookie = async () =>
    (await app.request(`/p/${janeLink.token}`, { method: 'POST' })).headers.get('set-cookie')?.split(';')[0] ?? '';
  const page = async () => (await app.request('/p/', { headers: { cookie: await cookie() } })).text();
  const interviewerId = stages[0]!.agent_profile_id!;
  return { ...portal, staff, completeSession, me, page, interviewerId, templateId: template.id };
}

/** Design 7.3 (60%) and Coding 8.45 (40%) on 0–10: 73 and 84.5 normalized, overall 77.6; the pass mark is 60. */
const phoneScreen = {
  dimension_scores: [
    { name: 'Design', score: 7.3, reasoning: 'Reasoning for the team only' },
    { name: 'Coding', score: 8.45 },
  ],
  summary: 'Summary for the team only',
  improvement_feedback: FEEDBACK,
  transcript: [{ speaker: 'interviewer', text: 'Transcript line for the team', at: NOW }],
};

describe('feedback in the portal', () => {
  test('after staff complete a session, the participant reads its feedback under the done stage, and nothing else of it', async () => {
    const { completeSession, me, stages } = await setup();
    const completed = await completeSession(phoneScreen);
    expect(completed.session.scorecard.overall_score).toBe(77.6);

    const view = await me();
    expect(view.stages.map((s) => [s.stage_name, s.state, s.feedback])).toEqual([
      [stages[0]!.stage_name, 'done', FEEDBACK],
      [stages[1]!.stage_name, 'current', null],
      [stages[2]!.stage_name, 'upcoming', null],
    ]);
    // Times are the wall clock's: "…14:43:47.073Z" holds a 73 that is no score.
    const text = JSON.stringify({ ...view, sessions: view.sessions.map(({ scheduled_at: _, ...session }) => session) });
    for (const secret of ['7.3', '8.45', '73', '84.5', '77.6', '60', 'for the team only', 'Transcript line', 'score']) {
      expect(text, text).not.toContain(secret);
    }
  });

  test('an interviewer with include_improvement_feedback off: no feedback, and turning it back on shows it', async () => {
    const { completeSession, me, staff, interviewerId } = await setup();
    await completeSession(phoneScreen);
    await staff('PATCH', `/agent-profiles/${interviewerId}`, {
      output: {
        include_transcript: true,
        include_score_breakdown: true,
        include_recommendation: true,
        include_improvement_feedback: false,
      },
    });
    expect((await me()).stages[0]!.feedback).toBeNull();
    expect(JSON.stringify(await me())).not.toContain('trade-offs');

    await staff('PATCH', `/agent-profiles/${interviewerId}`, {
      output: {
        include_transcript: true,
        include_score_breakdown: true,
        include_recommendation: true,
        include_improvement_feedback: true,
      },
    });
    expect((await me()).stages[0]!.feedback).toBe(FEEDBACK);
  });

  test('/p/ shows it under the stage with a Feedback heading, escaped', async () => {
    const { completeSession, page } = await setup();
    await completeSession(phoneScreen);
    const html = await page();
    expect(html).toContain(
      '<div class="feedback"><h3>Feedback</h3><p>Say more about the trade-offs &lt;b&gt;before&lt;/b&gt; you pick a design &amp; explain &quot;why&quot;.</p></div></li>',
    );
    expect(html).not.toContain('<b>before</b>');
    expect(html).not.toMatch(/for the team only|77\.6/);
    // The portal's stylesheet wraps long feedback within a phone's width.
    expect(html).toContain('/p/portal.css');
  });
});

describe('the final recommendation in the portal', () => {
  /** Jane through the example pipeline: Phone Screen, Technical (a reviewer approves), Final review. */
  const finish = async ({ staff, completeSession, jane }: Awaited<ReturnType<typeof setup>>, final: number) => {
    await completeSession(phoneScreen);
    await completeSession({ overall_score: 80 });
    const [decision] = await staff('GET', '/decisions');
    await staff('POST', `/decisions/${decision.id}/decide`, { outcome: 'advance' });
    await staff('POST', `/participants/${jane.id}/results`, { overall_score: final });
  };

  test('hidden by default: the closing words only', async () => {
    const fixture = await setup();
    expect(
      (await fixture.staff('GET', `/evaluation-templates/${fixture.templateId}`)).portal_shows_recommendation,
    ).toBe(false);
    await finish(fixture, 90);
    const view = await fixture.me();
    expect(view).toMatchObject({
      status: 'completed',
      closing: 'Your evaluation is complete; the team will be in touch.',
      recommendation: null,
    });
    const html = await fixture.page();
    expect(html).not.toContain('Final recommendation');
    expect(html).not.toMatch(/hire/i);
  });

  test('the template opts in: a completed participant reads it, in plain words, after the closing words', async () => {
    const fixture = await setup();
    await fixture.staff('PATCH', `/evaluation-templates/${fixture.templateId}`, { portal_shows_recommendation: true });
    expect((await fixture.me()).recommendation).toBeNull(); // still active: nothing to show yet
    await finish(fixture, 90);
    expect(await fixture.me()).toMatchObject({
      status: 'completed',
      closing: 'Your evaluation is complete; the team will be in touch.',
      recommendation: 'Hire',
    });
    const html = await fixture.page();
    expect(html).toContain('<h2 id="result-heading">Final recommendation</h2>\n<p><strong>Hire</strong></p>');
    expect(html.indexOf('the team will be in touch')).toBeLessThan(html.indexOf('Final recommendation'));
  });

  test('the template opts in: a rejected participant reads the negative one', async () => {
    const fixture = await setup();
    await fixture.staff('PATCH', `/evaluation-templates/${fixture.templateId}`, { portal_shows_recommendation: true });
    await finish(fixture, 40);
    expect(await fixture.me()).toMatchObject({ status: 'rejected', recommendation: 'Do not hire' });
  });
});
