import { describe, expect, test } from 'vitest';
import { portalPagesAs, setupPortal } from '../testing-portal.ts';

/**
 * The AI notice pages (docs/surfaces.md#portal-links): Jane at the example pipeline's Phone Screen, an
 * AI interview, with her portal cookie.
 */
async function setup(stages?: NonNullable<Parameters<typeof setupPortal>[0]>['stages']) {
  const portal = await setupPortal(stages ? { stages } : {});
  return { ...portal, ...(await portalPagesAs(portal.app, portal.janeLink.token)), stageId: portal.stages[0]!.id };
}

describe('the AI notice in the portal pages', () => {
  test('/p/ sends an AI-run stage without an answer to its notice, not to Start now', async () => {
    const { get } = await setup();
    const { html } = await get('/p/');
    expect(html).toContain('<a class="button-link" href="/p/notice">Read about this stage</a>');
    expect(html).toContain('An AI interviewer runs this stage. Read about it first');
    expect(html).not.toContain('action="/p/start"');
  });

  test('/p/notice: the notice in sections, and two forms that carry the stage read about', async () => {
    const { get, stageId } = await setup();
    const { status, html } = await get('/p/notice');
    expect(status).toBe(200);
    expect(html).toContain('<h1>About Phone Screen</h1>');
    for (const heading of ['What it looks at', 'How long it takes', 'Who decides', 'Your transcript']) {
      expect(html).toContain(`>${heading}</h2>`);
    }
    expect(html).toContain('<strong>Design</strong>');
    expect(html).toContain('It takes about 30 minutes.');
    expect(html).toContain('<form method="post" action="/p/consent/accept">');
    expect(html).toContain('<form method="post" action="/p/consent/decline">');
    expect(html.match(new RegExp(`<input type="hidden" name="stage_id" value="${stageId}">`, 'g'))).toHaveLength(2);
    expect(html).toContain('>Accept</button>');
    expect(html).toContain('>I&#39;d rather speak with a person</button>');
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  test('Accept: back to /p/, where Start now is offered; the notice page then says so', async () => {
    const { t, jane, get, post, stageId } = await setup();
    const res = await post('/p/consent/accept', { stage_id: stageId });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/');
    expect((await t.api.participants.timeline({ id: jane.id })).items[0]).toMatchObject({
      type: 'participant_consented_ai',
      actor: `participant:${jane.id}`,
    });
    const home = await get('/p/');
    expect(home.html).toContain('<form method="post" action="/p/start">');
    expect(home.html).not.toContain('Read about this stage');
    const notice = await get('/p/notice');
    expect(notice.html).toContain('You accepted: you can start Phone Screen');
    expect(notice.html).not.toContain('action="/p/consent/');
  });

  test('Decline: a confirmation that a person from the team will run the stage and be in touch', async () => {
    const { t, get, post, stageId } = await setup();
    await t.api.portalNotice.update({ organization: 'Acme <Hiring>', contact: 'Call <b>Sam</b> on 0123.' });
    const res = await post('/p/consent/decline', { stage_id: stageId });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/notice');
    const { html } = await get('/p/notice');
    expect(html).toContain('<h1>A person will run Phone Screen</h1>');
    expect(html).toContain(
      'A person from Acme &lt;Hiring&gt; will run Phone Screen with you instead of the AI interviewer, and will be in touch to arrange it.',
    );
    expect(html).toContain('Questions? Call &lt;b&gt;Sam&lt;/b&gt; on 0123.');
    expect(html).not.toContain('action="/p/consent/');
    const home = await get('/p/');
    expect(home.html).toContain('You asked for a person to run this stage.');
    expect(home.html).not.toContain('action="/p/start"');
    const [request] = await t.api.decisions.list({ status: 'open' });
    expect(request).toMatchObject({ reason: 'human_alternative' });
  });

  test('a form sent twice changes nothing; the other answer afterwards is a page that says why', async () => {
    const { t, jane, post, stageId } = await setup();
    expect((await post('/p/consent/decline', { stage_id: stageId })).status).toBe(303);
    expect((await post('/p/consent/decline', { stage_id: stageId })).status).toBe(303);
    expect(await t.api.decisions.list({ status: 'open' })).toHaveLength(1);
    const accept = await post('/p/consent/accept', { stage_id: stageId });
    expect(accept.status).toBe(409);
    expect(await accept.text()).toContain('You asked for a person to run Phone Screen');
    expect((await t.api.participants.byId({ id: jane.id })).progress[0]?.consent).toBe('declined');
  });

  test('refused from another site and without the cookie; an out-of-date form is a page, not a 500', async () => {
    const { t, jane, cookie, post, stages } = await setup();
    const cross = await post(
      '/p/consent/accept',
      { stage_id: stages[0]!.id },
      { cookie, 'sec-fetch-site': 'cross-site' },
    );
    expect(cross.status).toBe(403);
    expect((await post('/p/consent/accept', { stage_id: stages[0]!.id }, {})).status).toBe(401);
    const other = await post('/p/consent/accept', { stage_id: stages[1]!.id });
    expect(other.status).toBe(409);
    expect(await other.text()).toContain('the stage you are at now, Phone Screen');
    const missing = await post('/p/consent/accept', {});
    expect(missing.status).toBe(409);
    expect(await missing.text()).toContain('This form is out of date');
    expect((await t.api.participants.byId({ id: jane.id })).progress[0]?.consent).toBeNull();
  });

  test('a stage without a notice, and the page without a session', async () => {
    const { app, get } = await setup([
      { type: 'essay', stage_type: 'async_assessment', automation_rule: 'auto_advance' },
      { type: 'phone_screen', automation_rule: 'auto_advance' },
    ]);
    expect((await get('/p/')).html).not.toContain('Read about this stage');
    const notice = await get('/p/notice');
    expect(notice.status).toBe(409);
    expect(notice.html).toContain('Essay is not run by an AI interviewer');
    expect((await app.request('/p/notice')).status).toBe(401);
  });
});
