import type { PortalSelfIdentificationView } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { portalApiCaller, portalPagesAs, setupPortal } from '../testing-portal.ts';

/**
 * The voluntary self-identification questions in the portal (docs/rules.md#self-identification): the
 * pages `/p/about-you` and the API `/api/portal/v1/self-identification`. Jane is at the example pipeline's
 * Phone Screen, an AI interview, so its notice comes first.
 */
async function setup(stages?: NonNullable<Parameters<typeof setupPortal>[0]>['stages']) {
  const portal = await setupPortal(stages ? { stages } : {});
  return { ...portal, ...(await portalPagesAs(portal.app, portal.janeLink.token)), api: portalApiCaller(portal.app) };
}

describe('the questions on the portal’s pages', () => {
  test('/p/ offers them only once the AI notice is answered', async () => {
    const { get, post, stages } = await setup();
    expect((await get('/p/')).html).not.toContain('/p/about-you');
    await post('/p/consent/accept', { stage_id: stages[0]!.id });
    const { html } = await get('/p/');
    expect(html).toContain('<h2 id="about-you-heading">Voluntary questions about you</h2>');
    expect(html).toContain('<a href="/p/about-you">Answer the voluntary questions</a>');
  });

  test('/p/about-you says why, asks both questions as radio groups, and works without script', async () => {
    const { get } = await setup();
    const { status, html } = await get('/p/about-you');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Voluntary questions about you</h1>');
    expect(html).toContain('to check that our evaluation treats everyone fairly');
    expect(html).toContain('Answering is voluntary.');
    expect(html).toContain('The people who review your evaluation never see them');
    expect(html).toContain('<legend>Sex</legend>');
    expect(html).toContain('<legend>Race and ethnicity</legend>');
    expect(html.match(/type="radio" name="sex"/g)).toHaveLength(3);
    expect(html.match(/type="radio" name="race_ethnicity"/g)).toHaveLength(8);
    expect(html).toContain('<span>I prefer not to answer</span>');
    expect(html).toContain('<a href="/p/">Skip these questions</a>');
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  test('saving records the answers as the participant, ticks them, and /p/ thanks them', async () => {
    const { t, jane, get, post, stages } = await setup();
    const res = await post('/p/about-you', { sex: 'female', race_ethnicity: 'black_or_african_american' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/about-you?saved');
    expect(t.repos.selfIdentification.byParticipant(t.workspaceId, jane.id)).toMatchObject({
      sex: 'female',
      race_ethnicity: 'black_or_african_american',
      recorded_by: `participant:${jane.id}`,
    });
    const { html } = await get('/p/about-you?saved');
    expect(html).toContain('Thank you. Your answers are saved');
    expect(html).toContain('value="female" checked');
    expect(html).toContain('value="black_or_african_american" checked');

    // The staff timeline says they answered, and nothing of what.
    const { items: events } = await t.api.participants.timeline({ id: jane.id });
    expect(events[0]).toMatchObject({
      type: 'self_identification_recorded',
      actor: `participant:${jane.id}`,
      data: { first: true },
    });
    await post('/p/consent/accept', { stage_id: stages[0]!.id });
    expect((await get('/p/')).html).toContain(
      'Thank you for answering the voluntary questions about you. <a href="/p/about-you">Change your answers</a>',
    );
  });

  test('a question left unanswered shows the form again with what was chosen, the problem beside it (400)', async () => {
    const { t, jane, post } = await setup();
    const res = await post('/p/about-you', { sex: 'male' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please answer both questions');
    expect(html).toContain(
      '<p class="field-error" id="race_ethnicity-error">Choose an answer, or “I prefer not to answer”.</p>',
    );
    expect(html).toContain('value="male" checked');
    expect(html).not.toContain('id="sex-error"');
    expect(t.repos.selfIdentification.byParticipant(t.workspaceId, jane.id)).toBeUndefined();
    expect((await post('/p/about-you', { sex: 'robot', race_ethnicity: 'asian' })).status).toBe(400);
  });

  test('another site’s form is refused (403); without the portal cookie it asks to open the link (401)', async () => {
    const { t, jane, post, app } = await setup();
    const answers = { sex: 'female', race_ethnicity: 'asian' };
    expect((await post('/p/about-you', answers, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/p/about-you', answers, {})).status).toBe(401);
    expect((await app.request('/p/about-you')).status).toBe(401);
    expect(t.repos.selfIdentification.byParticipant(t.workspaceId, jane.id)).toBeUndefined();
  });

  test('a Spanish template asks in Spanish', async () => {
    const { t, template, get } = await setup();
    await t.api.templates.update({ id: template.id, language: 'es' });
    const { html } = await get('/p/about-you');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>Preguntas voluntarias sobre ti</h1>');
    expect(html).toContain('<span>Prefiero no responder</span>');
  });
});

describe('the questions over the portal API', () => {
  test('GET answers the questions in the participant’s words and their answers (none yet)', async () => {
    const { api, janeLink } = await setup();
    const res = await api(janeLink.token, 'GET', '/self-identification');
    expect(res.status).toBe(200);
    const view = (await res.json()) as PortalSelfIdentificationView;
    expect(view).toMatchObject({ title: 'Voluntary questions about you', answers: null });
    expect(view.why).toHaveLength(3);
    expect(view.questions.sex.options).toEqual([
      { value: 'male', label: 'Male' },
      { value: 'female', label: 'Female' },
      { value: 'decline_to_answer', label: 'I prefer not to answer' },
    ]);
    expect(view.questions.race_ethnicity.options).toHaveLength(8);
  });

  test('PUT records them for that participant only; a bad value is a 400 naming the field', async () => {
    const { t, api, janeLink, johnLink, jane, john } = await setup();
    const bad = await api(janeLink.token, 'PUT', '/self-identification', { sex: 'female', race_ethnicity: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^race_ethnicity: /);
    const missing = await api(janeLink.token, 'PUT', '/self-identification', {});
    expect(((await missing.json()) as { error: string }).error).toMatch(/sex: .*race_ethnicity: /);

    const res = await api(janeLink.token, 'PUT', '/self-identification', {
      sex: 'decline_to_answer',
      race_ethnicity: 'hispanic_or_latino',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PortalSelfIdentificationView).answers).toEqual({
      sex: 'decline_to_answer',
      race_ethnicity: 'hispanic_or_latino',
    });
    expect(t.repos.selfIdentification.byParticipant(t.workspaceId, john.id)).toBeUndefined();
    const johns = (await (
      await api(johnLink.token, 'GET', '/self-identification')
    ).json()) as PortalSelfIdentificationView;
    expect(johns.answers).toBeNull();
    expect(t.repos.selfIdentification.byParticipant(t.workspaceId, jane.id)?.recorded_by).toBe(
      `participant:${jane.id}`,
    );
  });

  test('staff credentials do not reach it', async () => {
    const { app } = await setup();
    const res = await app.request('/api/portal/v1/self-identification', { headers: { 'x-api-key': 'sf_live_x' } });
    expect(res.status).toBe(401);
  });
});
