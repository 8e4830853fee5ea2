import { InterviewReply, InterviewView, portalCopy, SessionTranscript } from '@stageflow/domain';
import { afterEach, describe, expect, test } from 'vitest';
import { setupInterview } from '../testing-interview.ts';

type Kit = Awaited<ReturnType<typeof setupInterview>>;
const opened: Kit[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((kit) => kit.fake.close()));
});

/** Jane's session started; `jane(method, path, …)` calls her session's interview routes with her token. */
async function started(options: Parameters<typeof setupInterview>[0] = {}) {
  const kit = await setupInterview(options);
  opened.push(kit);
  const sessionId = await kit.janeStarts();
  const mine = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    kit.call(kit.janeLink.token, method, `/sessions/${sessionId}${path}`, body, headers);
  return { ...kit, sessionId, mine };
}

/** A server-sent events body as `[event, data]` pairs, data parsed as JSON. */
async function events(response: Response): Promise<[string, unknown][]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return [event, JSON.parse(data) as unknown];
    });
}

const STREAM = { accept: 'text/event-stream' };

describe('the interview over the portal API (docs/surfaces.md#portal-api)', () => {
  test('GET turns, the greeting by resume, an answer and the reply as JSON', async () => {
    const s = await started();
    const before = InterviewView.parse(await (await s.mine('GET', '/turns')).json());
    expect(before).toMatchObject({ status: 'not_started', ended_by: null, seconds_left: 1800, turns: [] });

    s.fake.enqueue({ type: 'text', text: 'Hello Jane. Tell me about a design of yours.' });
    const greeting = await s.mine('POST', '/turns/resume');
    expect(greeting.status).toBe(200);
    expect(InterviewReply.parse(await greeting.json())).toMatchObject({
      answer: null,
      turn: { index: 0, speaker: 'interviewer', text: 'Hello Jane. Tell me about a design of yours.' },
      interview: { status: 'awaiting_participant' },
    });
    // Asking again when the interviewer already spoke calls nothing and answers its turn.
    expect(((await (await s.mine('POST', '/turns/resume')).json()) as InterviewReply).turn.index).toBe(0);
    expect(s.fake.chatRequests()).toHaveLength(1);

    s.fake.enqueue({ type: 'text', text: 'What did you learn?' });
    const reply = await s.mine('POST', '/turns', { text: 'A ledger.' });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({
      answer: { index: 1, speaker: 'participant', text: 'A ledger.' },
      turn: { index: 2, text: 'What did you learn?' },
    });
    const view = InterviewView.parse(await (await s.mine('GET', '/turns')).json());
    expect(view.turns.map((t) => t.speaker)).toEqual(['interviewer', 'participant', 'interviewer']);
    // No store-only fields reach the participant.
    expect(Object.keys(view.turns[1]!).sort()).toEqual(['at', 'index', 'speaker', 'text']);
  });

  test('with Accept: text/event-stream the reply streams: the stored answer, the words as they come, the stored turn, the end', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await s.mine('POST', '/turns/resume');
    s.fake.enqueue({ type: 'text', text: 'Tell me more about the trade-offs you made.', chunkDelayMs: 2 });
    const response = await s.mine('POST', '/turns', { text: 'We sharded by merchant.' }, STREAM);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = await events(response);
    const names = stream.map(([name]) => name);
    expect(names[0]).toBe('turn');
    expect(names.at(-2)).toBe('turn');
    expect(names.at(-1)).toBe('end');
    expect(names.slice(1, -2).every((n) => n === 'delta')).toBe(true);
    expect(names.filter((n) => n === 'delta').length).toBeGreaterThan(3);
    expect(stream[0]![1]).toMatchObject({ speaker: 'participant', text: 'We sharded by merchant.' });
    const words = stream.flatMap(([name, data]) => (name === 'delta' ? [(data as { text: string }).text] : []));
    expect(words.join('')).toBe('Tell me more about the trade-offs you made.');
    expect(stream.at(-2)![1]).toMatchObject({
      speaker: 'interviewer',
      text: 'Tell me more about the trade-offs you made.',
    });
    expect(stream.at(-1)![1]).toMatchObject({ status: 'awaiting_participant', seconds_left: 1800 });
  });

  test('the interviewer unavailable: a 503 or an error event in plain words, the answer saved, resume asks again', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await s.mine('POST', '/turns/resume');
    s.fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    const json = await s.mine('POST', '/turns', { text: 'Saved anyway.' });
    expect(json.status).toBe(503);
    expect(await json.json()).toEqual({ error: 'The interviewer is unavailable; your answers are saved' });

    s.fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    const streamed = await events(await s.mine('POST', '/turns/resume', undefined, STREAM));
    expect(streamed).toEqual([['error', { error: 'The interviewer is unavailable; your answers are saved' }]]);
    // A new answer waits: the interviewer owes its turn.
    const early = await s.mine('POST', '/turns', { text: 'Another.' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toMatch(
      /^The interviewer has not asked its next question yet/,
    );

    s.fake.enqueue({ type: 'text', text: 'Sorry for the wait. Go on.' });
    const resumed = (await (await s.mine('POST', '/turns/resume')).json()) as InterviewReply;
    expect(resumed.turn).toMatchObject({ index: 2, text: 'Sorry for the wait. Go on.' });
    const view = InterviewView.parse(await (await s.mine('GET', '/turns')).json());
    expect(view.turns.filter((t) => t.text === 'Saved anyway.')).toHaveLength(1);
  });

  test('a retried answer with the same Idempotency-Key is stored once; the same key with other words is a 409', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await s.mine('POST', '/turns/resume');
    // The first try stores the answer, then the interviewer is unavailable; the retry stores nothing more.
    s.fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    const key = { 'idempotency-key': 'answer-1' };
    expect((await s.mine('POST', '/turns', { text: 'Only once.' }, key)).status).toBe(503);
    s.fake.enqueue({ type: 'text', text: 'Thank you. Next?' });
    const retry = await s.mine('POST', '/turns', { text: 'Only once.' }, key);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ answer: { index: 1 }, turn: { index: 2, text: 'Thank you. Next?' } });
    // Once more, after the reply: the same answer and reply, nothing asked.
    const again = (await (await s.mine('POST', '/turns', { text: 'Only once.' }, key)).json()) as InterviewReply;
    expect(again).toMatchObject({ answer: { index: 1 }, turn: { index: 2 } });
    expect(s.fake.chatRequests()).toHaveLength(5);
    // Later in the conversation, the same retry still answers the reply that followed it.
    s.fake.enqueue({ type: 'text', text: 'And then?' });
    await s.mine('POST', '/turns', { text: 'Second answer.' });
    const late = (await (await s.mine('POST', '/turns', { text: 'Only once.' }, key)).json()) as InterviewReply;
    expect(late).toMatchObject({ answer: { index: 1 }, turn: { index: 2, text: 'Thank you. Next?' } });
    expect(s.fake.chatRequests()).toHaveLength(6);
    const other = await s.mine('POST', '/turns', { text: 'Other words.' }, key);
    expect(other.status).toBe(409);
    const view = InterviewView.parse(await (await s.mine('GET', '/turns')).json());
    expect(view.turns.map((t) => t.text)).toEqual([
      'Hello.',
      'Only once.',
      'Thank you. Next?',
      'Second answer.',
      'And then?',
    ]);
  });

  test('another participant’s session is a 404; a bad body or key a 400 naming it', async () => {
    const s = await started();
    const john = (method: string, path: string, body?: unknown) =>
      s.call(s.johnLink.token, method, `/sessions/${s.sessionId}${path}`, body);
    for (const [method, path, body] of [
      ['GET', '/turns', undefined],
      ['POST', '/turns', { text: 'Hi' }],
      ['POST', '/turns/resume', undefined],
    ] as const) {
      const res = await john(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual({ error: 'We could not find this session among yours.' });
    }
    expect(s.fake.requests).toEqual([]);
    const empty = await s.mine('POST', '/turns', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: 'text: write an answer first' });
    const long = await s.mine('POST', '/turns', { text: 'x'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toMatch(/^text: /);
    const key = await s.mine('POST', '/turns', { text: 'Hi' }, { 'idempotency-key': 'has spaces' });
    expect(key.status).toBe(400);
    expect(((await key.json()) as { error: string }).error).toMatch(/^Idempotency-Key: /);
  });

  test('finishing ends the interview with the closing words and records it; nothing more is taken', async () => {
    const s = await started({ model: false });
    await s.mine('POST', '/turns/resume');
    await s.mine('POST', '/turns', { text: 'One answer.' });
    const finish = await s.mine('POST', '/finish');
    expect(finish.status).toBe(200);
    expect(await finish.json()).toMatchObject({ status: 'in_progress' });
    const view = InterviewView.parse(await (await s.mine('GET', '/turns')).json());
    expect(view).toMatchObject({ status: 'ended', ended_by: 'participant' });
    expect(view.turns.at(-1)?.text).toMatch(/^Thank you for your time and your answers/);
    const late = await s.mine('POST', '/turns', { text: 'Too late.' });
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({ error: 'This interview has ended; your answers are saved.' });
    const { items } = await s.t.api.participants.timeline({ id: s.jane.id, limit: 100 });
    expect(items.filter((e) => e.type === 'participant_finished_session')).toMatchObject([
      { actor: `participant:${s.jane.id}`, data: { session_id: s.sessionId, ended_by: 'participant' } },
    ]);
    // Staff read the running transcript, in the workspace only.
    const transcript = SessionTranscript.parse(await s.t.api.sessions.transcript({ id: s.sessionId }));
    expect(transcript).toMatchObject({ status: 'ended', ended_by: 'participant', source: 'plan' });
    // The greeting, the answer, the plan's next question, and the closing the participant's finish brought.
    expect(transcript.turns.map((t) => t.speaker)).toEqual([
      'interviewer',
      'participant',
      'interviewer',
      'interviewer',
    ]);
    await expect(s.t.other.sessions.transcript({ id: s.sessionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a session that has stopped: the turns are refused, and finishing is refused as before', async () => {
    const s = await started();
    await s.t.api.sessions.fail({ session_id: s.sessionId, reason: 'audio dropped' });
    const closed = await s.mine('GET', '/turns');
    expect(closed.status).toBe(409);
    expect(await closed.json()).toEqual({ error: 'This session is stopped, so its interview is closed.' });
    const finish = await s.mine('POST', '/finish');
    expect(finish.status).toBe(409);
    expect(await finish.json()).toEqual({ error: 'This session is failed; only a session under way can be finished.' });
  });
});

describe('the interview page /p/sessions/{id}/interview (no script)', () => {
  const page = (s: Pick<Kit, 'app' | 'janeLink'> & { sessionId: string }, path = '', init: RequestInit = {}) =>
    s.app.request(`/p/sessions/${s.sessionId}/interview${path}`, {
      ...init,
      headers: { authorization: `Bearer ${s.janeLink.token}`, ...init.headers },
    });
  const form = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams(fields).toString(),
  });

  test('Begin, answer by form, see the reply after the redirect; the time left; a script file, nothing inline', async () => {
    const s = await started({ model: false });
    const empty = await (await page(s)).text();
    expect(empty).toContain('<h1>Phone Screen</h1>');
    expect(empty).toContain('About 30 minutes left.');
    expect(empty).toMatch(/<form method="post" action="\/p\/sessions\/[^"]+\/interview\/resume" id="resume-form">/);
    expect(empty).toContain('Begin the interview');
    expect(empty).toContain('<script src="/p/interview.js" defer></script>');
    expect(empty).not.toMatch(/<script>|<style|\sstyle="|\son\w+="/);

    const begun = await page(s, '/resume', form({}));
    expect(begun.status).toBe(303);
    expect(begun.headers.get('location')).toBe(`/p/sessions/${s.sessionId}/interview`);
    const asked = await (await page(s)).text();
    expect(asked).toContain('<label for="answer">Your answer</label>');
    expect(asked).toContain('talk about Design');
    const key = /name="key" value="([^"]+)"/.exec(asked)![1]!;

    const sent = await page(s, '', form({ text: 'My <b>design</b> answer.', key }));
    expect(sent.status).toBe(303);
    // The same form sent twice (a double click) stores the answer once.
    await page(s, '', form({ text: 'My <b>design</b> answer.', key }));
    const after = await (await page(s)).text();
    expect(after).toContain('My &lt;b&gt;design&lt;/b&gt; answer.');
    expect(after.match(/My &lt;b&gt;design/g)).toHaveLength(1);
    expect(after).toContain('talk about Coding');

    const empty2 = await page(s, '', form({ text: ' ', key: 'k2' }));
    expect(empty2.status).toBe(409);
    expect(await empty2.text()).toContain('Write your answer in the box first, then press Send.');

    const finished = await page(s, '/finish', form({}));
    expect(finished.status).toBe(303);
    const ended = await (await page(s)).text();
    expect(ended).toContain('You finished the interview. Thank you: your answers are saved');
    expect(ended).toMatch(/id="answer-form" hidden/);

    const script = await s.app.request('/p/interview.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("'Idempotency-Key'");
  });

  test('when the interviewer is unavailable the page says so and offers Try again', async () => {
    const s = await started();
    s.fake.enqueue({ type: 'text', text: 'Hello.' });
    await page(s, '/resume', form({}));
    s.fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    expect((await page(s, '', form({ text: 'Kept.', key: 'k' }))).status).toBe(303);
    const html = await (await page(s)).text();
    expect(html).toContain('Kept.');
    expect(html).toMatch(/id="unavailable" role="alert">The interviewer is unavailable; your answers are saved</);
    expect(html).toContain('Try again');
  });

  test('Start now on an AI stage leads to the interview, and /p/ links to it while it is under way', async () => {
    const kit = await setupInterview({ model: false });
    opened.push(kit);
    const bearer = { authorization: `Bearer ${kit.janeLink.token}` };
    await kit.call(kit.janeLink.token, 'POST', '/consent', { stage_id: kit.stages[0]!.id, accepted: true });
    const start = await kit.app.request('/p/start', {
      method: 'POST',
      headers: { ...bearer, 'sec-fetch-site': 'same-origin' },
    });
    expect(start.status).toBe(303);
    const target = start.headers.get('location')!;
    expect(target).toMatch(/^\/p\/sessions\/[0-9a-f-]+\/interview$/);
    const home = await (await kit.app.request('/p/', { headers: bearer })).text();
    expect(home).toContain(`<a class="button-link" href="${target}">Continue your interview</a>`);
    // John's browser cannot open it.
    const john = await kit.app.request(target, { headers: { authorization: `Bearer ${kit.johnLink.token}` } });
    expect(john.status).toBe(404);
  });
  test("in the template's language: the page, the words handed to the script, and a refusal (docs/surfaces.md#portal-language)", async () => {
    const kit = await setupInterview({ model: false });
    opened.push(kit);
    await kit.t.api.templates.update({ id: kit.template.id, language: 'es' });
    const es = portalCopy('es').interview;
    const sessionId = await kit.janeStarts();
    const s = { ...kit, sessionId };
    const html = await (await page(s)).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain(`>${es.begin}</button>`);
    expect(html).toContain(`>${es.finish}</button>`);
    expect(html).toContain('Quedan alrededor de 30 minutos.');
    expect(html).toContain(`data-say-lost="${es.script.lost}"`);
    expect(html).toContain(`data-say-ended-time="${es.ended.time}"`);
    expect(html).not.toMatch(/Begin the interview|Finish interview|Your answer/);
    // Answering before the interviewer has spoken is refused in Spanish, over the API and by the form.
    const refused = await kit.call(kit.janeLink.token, 'POST', `/sessions/${sessionId}/turns`, { text: 'Hola' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: portalCopy('es').refusals.interviewerNotAsked() });
    const byForm = await page(s, '', form({ text: 'Hola', key: 'k' }));
    expect(byForm.status).toBe(409);
    const refusedPage = await byForm.text();
    expect(refusedPage).toContain(`<h1>${es.answerRefused}</h1>`);
  });
});
