import { portalCopy } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { setupPortal } from '../testing-portal.ts';

/**
 * The portal speaks the template's language (docs/surfaces.md#portal-language): Jane at the example
 * pipeline's Phone Screen (an AI interview) on a template whose `language` the test sets, through the
 * pages and the portal API. English stays as it was.
 */
const es = portalCopy('es');
const en = portalCopy('en');

async function setup(language?: string) {
  const portal = await setupPortal();
  if (language) await portal.t.api.templates.update({ id: portal.template.id, language });
  const { app, janeLink } = portal;
  const continuePage = await app.request(`/p/${janeLink.token}`);
  const opened = await app.request(`/p/${janeLink.token}`, { method: 'POST' });
  const cookie = opened.headers.get('set-cookie')?.split(';')[0] ?? '';
  const get = async (path: string, headers: Record<string, string> = { cookie }) => {
    const res = await app.request(path, { headers });
    return { status: res.status, html: await res.text() };
  };
  const api = (method: string, path: string, body?: unknown) =>
    app.request(`/api/portal/v1${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { ...portal, cookie, continuePage: await continuePage.text(), get, api, stageId: portal.stages[0]!.id };
}

const langOf = (html: string) => /<html lang="([^"]+)">/.exec(html)?.[1];

describe('a template in Spanish', () => {
  test('the Continue page, the portal page and the notice are in Spanish, with <html lang="es">', async () => {
    const s = await setup('es');
    expect(langOf(s.continuePage)).toBe('es');
    expect(s.continuePage).toContain(`<title>${es.link.title} · Stageflow</title>`);
    expect(s.continuePage).toContain(`>${es.link.continue}</button>`);

    const home = await s.get('/p/');
    expect(home.status).toBe(200);
    expect(langOf(home.html)).toBe('es');
    expect(home.html).toContain('<h1>Hola, Jane Doe</h1>');
    expect(home.html).toContain(`>${es.home.next}</h2>`);
    expect(home.html).toContain(es.next.readNoticeFirst);
    expect(home.html).toContain(`>${es.home.readNotice}</a>`);
    expect(home.html).toContain(`>${es.stageTypes.ai_interview}`);
    expect(home.html).toContain(`>${es.stageStates.current}</span>`);
    expect(home.html).toContain(`>${es.home.withdraw}</a>`);
    for (const english of [en.home.next, en.next.readNoticeFirst, 'Hello', en.stageTypes.ai_interview]) {
      expect(home.html).not.toContain(english);
    }

    const notice = await s.get('/p/notice');
    expect(langOf(notice.html)).toBe('es');
    expect(notice.html).toContain('<h1>Sobre Phone Screen</h1>');
    expect(notice.html).toContain('Es un programa informático, no una persona.');
    expect(notice.html).toContain(`>${es.noticePage.decline}</button>`);
    expect(notice.html).not.toContain('computer program');
  });

  test('GET /me answers in Spanish: language, stage types and next.message', async () => {
    const s = await setup('es');
    const res = await s.api('GET', '/me');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      language: 'es',
      name: 'Jane Doe',
      stages: [
        { stage_name: 'Phone Screen', stage_type: 'Entrevista con IA', state: 'current' },
        { stage_type: 'Entrevista con IA', state: 'upcoming' },
        { stage_type: 'Revisión final del equipo', state: 'upcoming' },
      ],
      next: { message: es.next.readNoticeFirst, stage_name: 'Phone Screen' },
    });
  });

  test('the notice and refusals over the API are in Spanish, with no id', async () => {
    const s = await setup('es');
    const consent = await s.api('GET', '/consent');
    expect(consent.status).toBe(200);
    const view = (await consent.json()) as { notice: { stage_type: string; duration: string; about: string } };
    expect(view.notice.stage_type).toBe('Entrevista con IA');
    expect(view.notice.duration).toBe('Dura unos 30 minutos.');

    const start = await s.api('POST', '/sessions', {});
    expect(start.status).toBe(409);
    expect(await start.json()).toEqual({
      error:
        'No puedes empezar Phone Screen aquí: esta etapa la dirige un entrevistador de IA y primero necesita tu consentimiento',
    });

    const other = await s.api('POST', '/consent', { stage_id: s.stages[1]!.id, accepted: true });
    expect(other.status).toBe(409);
    expect(await other.json()).toEqual({ error: es.refusals.otherStage('Phone Screen') });

    const unknown = await s.api('GET', `/sessions/${s.stageId}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: es.refusals.sessionNotFound() });
  });

  test('a refused form and the withdraw pages are in Spanish', async () => {
    const s = await setup('es');
    const start = await s.app.request('/p/start', { method: 'POST', headers: { cookie: s.cookie } });
    expect(start.status).toBe(409);
    const html = await start.text();
    expect(langOf(html)).toBe('es');
    expect(html).toContain(`<h1>${es.start.refused}</h1>`);
    expect(html).toContain(`>${es.common.back}</a>`);

    const withdraw = await s.get('/p/withdraw');
    expect(withdraw.html).toContain(`<h1>${es.withdraw.title}</h1>`);
    expect(withdraw.html).toContain(`>${es.withdraw.yes}</button>`);
  });

  test('a regional tag gets its language (es-MX → Spanish); one the portal lacks gets English (pt-BR)', async () => {
    const mexico = await setup('es-MX');
    expect(langOf((await mexico.get('/p/')).html)).toBe('es');
    expect(((await (await mexico.api('GET', '/me')).json()) as { language: string }).language).toBe('es');
    const brazil = await setup('pt-BR');
    expect(langOf((await brazil.get('/p/')).html)).toBe('en');
    expect((await brazil.get('/p/')).html).toContain('<h1>Hello Jane Doe</h1>');
  });

  test("an expired link speaks its participant's language; a link nobody knows, the browser's", async () => {
    const s = await setup('es');
    s.at('2099-01-01T00:00:00.000Z');
    const expired = await s.get(`/p/${s.janeLink.token}`, {});
    expect(expired.status).toBe(410);
    expect(langOf(expired.html)).toBe('es');
    expect(expired.html).toContain(`<h1>${es.link.expired.title}</h1>`);

    const unknown = 'sfp_not-a-link';
    const spanishBrowser = await s.get(`/p/${unknown}`, { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' });
    expect(spanishBrowser.status).toBe(404);
    expect(spanishBrowser.html).toContain(`<h1>${es.link.unknown.title}</h1>`);
    const plain = await s.get(`/p/${unknown}`, {});
    expect(langOf(plain.html)).toBe('en');
    expect(plain.html).toContain(`<h1>${en.link.unknown.title}</h1>`);

    const signedOut = await s.get('/p/', { 'accept-language': 'es' });
    expect(signedOut.status).toBe(401);
    expect(signedOut.html).toContain(`<h1>${es.signedOut.title}</h1>`);
  });
});

describe('a written assessment in Spanish', () => {
  test('its page, the words its script shows, and a refused answer are in Spanish', async () => {
    const portal = await setupPortal({
      stages: [
        {
          type: 'essay',
          stage_type: 'async_assessment',
          pass_threshold: 60,
          question_set: [{ id: 'why', prompt: '¿Por qué este puesto?', max_length: 10 }],
        },
      ],
    });
    await portal.t.api.templates.update({ id: portal.template.id, language: 'es' });
    const opened = await portal.app.request(`/p/${portal.janeLink.token}`, { method: 'POST' });
    const cookie = opened.headers.get('set-cookie')?.split(';')[0] ?? '';
    const form = (path: string, fields: Record<string, string>) =>
      portal.app.request(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await form('/p/start', {})).status).toBe(303);
    const home = await (await portal.app.request('/p/', { headers: { cookie } })).text();
    expect(home).toContain(`>${es.home.answer}</a>`);
    const href = /href="(\/p\/sessions\/[^"]+)"/.exec(home)?.[1] ?? '';

    const page = await (await portal.app.request(href, { headers: { cookie } })).text();
    expect(langOf(page)).toBe('es');
    expect(page).toContain(`>${es.answers.question(1)}</span>`);
    expect(page).toContain(`>${es.answers.submit}</button>`);
    for (const [key, words] of Object.entries(es.answers.script)) expect(page).toContain(`data-say-${key}="${words}"`);

    const tooLong = await form(`${href}/answers`, { 'answer-why': 'demasiado largo', intent: 'save' });
    expect(tooLong.status).toBe(400);
    const refused = await tooLong.text();
    expect(refused).toContain(`<strong>${es.answers.fixTitle}</strong>`);
    expect(refused).toContain(
      'La respuesta a la pregunta 1 («¿Por qué este puesto?») tiene 15 caracteres; como máximo 10',
    );

    const saved = await portal.app.request(`/api/portal/v1${href.slice(2)}/answers`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ answers: [{ question_id: 'why', text: 'demasiado largo' }] }),
    });
    expect(saved.status).toBe(400);
    expect(await saved.json()).toEqual({
      error:
        'answers.0.text: la respuesta a la pregunta 1 («¿Por qué este puesto?») tiene 15 caracteres; como máximo 10',
    });
  });
});

describe('a template in English', () => {
  test('reads as before: <html lang="en"> and English words', async () => {
    const s = await setup();
    expect(langOf(s.continuePage)).toBe('en');
    const home = await s.get('/p/');
    expect(langOf(home.html)).toBe('en');
    expect(home.html).toContain('<h1>Hello Jane Doe</h1>');
    expect(home.html).toContain('>What happens next</h2>');
    const me = (await (await s.api('GET', '/me')).json()) as { language: string; next: { message: string } };
    expect(me.language).toBe('en');
    expect(me.next.message).toBe(en.next.readNoticeFirst);
  });
});
