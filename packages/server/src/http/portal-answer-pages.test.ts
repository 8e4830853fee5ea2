import { portalCopy } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { essayStage, setupPortal } from '../testing-portal.ts';
import { PORTAL_SCRIPT } from './portal-answer-pages.ts';

/**
 * The written assessment's pages (docs/surfaces.md#portal-links) as a browser without JavaScript uses
 * them: Jane opens her link, starts the essay, saves, submits after confirming.
 */
async function setup() {
  const portal = await setupPortal({
    stages: [
      essayStage({
        question_set: [
          { id: 'why', prompt: 'Why <this> role?', max_length: 40 },
          { id: 'plan', prompt: 'Your first 90 days' },
        ],
      }),
      { type: 'panel', stage_type: 'manual_review' },
    ],
  });
  const { app, janeLink } = portal;
  const opened = await app.request(`/p/${janeLink.token}`, { method: 'POST' });
  const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
  const get = (path: string) => app.request(path, { headers: { cookie } });
  const post = (path: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  return { ...portal, cookie, get, post };
}

async function started() {
  const s = await setup();
  expect((await s.post('/p/start')).status).toBe(303);
  const home = await (await s.get('/p/')).text();
  const href = /href="(\/p\/sessions\/[^"]+)"/.exec(home)?.[1] ?? '';
  return { ...s, home, href };
}

describe('the answers page', () => {
  test('/p/ links to it only once the assessment is under way', async () => {
    const s = await setup();
    expect(await (await s.get('/p/')).text()).not.toContain('Answer your written assessment');
    const { home, href } = await started();
    expect(home).toContain('>Answer your written assessment</a>');
    expect(href).toMatch(/^\/p\/sessions\/[0-9a-f-]{36}$/);
  });

  test('one labelled box per question with its limit, Save and Submit answers, and our script file', async () => {
    const { get, href } = await started();
    const res = await get(href);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="q-why"><span class="q-number">Question 1</span>Why &lt;this&gt; role?</label>');
    expect(html).toMatch(/<textarea id="q-why" name="answer-why" data-question="why" maxlength="40"/);
    expect(html).toMatch(/<textarea id="q-plan" name="answer-plan" data-question="plan" maxlength="10000"/);
    expect(html).toContain('Up to 40 characters.');
    expect(html).toContain('<button type="submit" name="intent" value="save" class="secondary">Save</button>');
    expect(html).toContain('<button type="submit" name="intent" value="review">Submit answers</button>');
    expect(html).toContain('<script src="/p/portal.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>| style="| on[a-z]+="/);
    // Reviewers' words never reach the participant: no dimension, score or internal id but the session's.
    expect(html).not.toContain('dimension');
  });

  test('Save keeps the text (a reload shows it); line breaks count once', async () => {
    const { get, post, href } = await started();
    const saved = await post(`${href}/answers`, { 'answer-why': 'Line one\r\nLine two', intent: 'save' });
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `${href}?saved`]);
    const html = await (await get(`${href}?saved`)).text();
    expect(html).toContain('>Line one\nLine two</textarea>');
    expect(html).toContain('Your answers are saved.');
  });

  test('an answer over its limit shows the form again with what was typed and the problem beside it', async () => {
    const { get, post, href } = await started();
    const res = await post(`${href}/answers`, { 'answer-why': 'x'.repeat(41), 'answer-plan': 'Kept', intent: 'save' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(
      'The answer to question 1 (&quot;Why &lt;this&gt; role?&quot;) is 41 characters; at most 40',
    );
    expect(html).toContain(`>${'x'.repeat(41)}</textarea>`);
    expect(html).toContain('aria-invalid="true"');
    // Nothing of that save was stored.
    expect(await (await get(href)).text()).not.toContain('>Kept</textarea>');
  });

  test('a text the schema refuses (a NUL character) is shown again too; an unknown session is a 404 page', async () => {
    const { post, href } = await started();
    const res = await post(`${href}/answers`, { 'answer-plan': 'a\u0000b', intent: 'save' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Must not contain a NUL character');
    const unknown = await post('/p/sessions/00000000-0000-4000-8000-000000000000/answers', { 'answer-x': '\u0000' });
    expect(unknown.status).toBe(404);
  });

  test('Submit answers saves, asks to confirm, then submits once and shows them to read', async () => {
    const { t, jane, get, post, href } = await started();
    const review = await post(`${href}/answers`, { 'answer-why': 'Because', 'answer-plan': '', intent: 'review' });
    expect([review.status, review.headers.get('location')]).toEqual([303, `${href}/submit`]);
    const confirm = await (await get(`${href}/submit`)).text();
    expect(confirm).toContain('You answered 1 of 2 questions.');
    expect(confirm).toContain('Once you submit, you cannot change your answers.');
    expect(confirm).toContain(`<form method="post" action="${href}/submit">`);

    const done = await post(`${href}/submit`);
    expect([done.status, done.headers.get('location')]).toEqual([303, href]);
    const html = await (await get(href)).text();
    expect(html).toContain('Your answers are submitted');
    expect(html).toContain('<p class="answer">Because</p>');
    expect(html).toContain('No answer');
    expect(html).not.toContain('<textarea');
    expect(await (await get('/p/')).text()).toContain('>See your submitted answers</a>');
    // A second submit is refused with the rules' reason; the confirmation page now leads back.
    const again = await post(`${href}/submit`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You already submitted these answers');
    expect((await get(`${href}/submit`)).headers.get('location')).toBe(href);
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    expect(items.filter((e) => e.type === 'participant_submitted_answers')).toHaveLength(1);
  });

  test("another participant's session is a 404 page; another site's form post a 403; no cookie a 401", async () => {
    const { app, johnLink, post, href } = await started();
    const opened = await app.request(`/p/${johnLink.token}`, { method: 'POST' });
    const john = opened.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request(href, { headers: { cookie: john } })).status).toBe(404);
    expect((await post(`${href}/answers`, { 'answer-why': 'x' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await app.request(href)).status).toBe(401);
  });
});

describe('/p/portal.js', () => {
  test('is served as a script of our own, with no words of its own (the page hands it the copy)', async () => {
    const { get } = await setup();
    const res = await get('/p/portal.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await res.text();
    expect(text).toBe(PORTAL_SCRIPT);
    for (const words of Object.values(portalCopy('en').answers.script)) expect(text).not.toContain(words);
    expect(text).toContain("form.getAttribute('data-say-' + key)");
    // It is valid JavaScript.
    expect(() => new Function(text)).not.toThrow();
  });
});
