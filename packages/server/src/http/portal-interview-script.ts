/**
 * The interview page's own stylesheet and script (portal-interview-pages.ts), served from `/p/` as
 * same-origin files: the CSP allows no inline style or script (docs/decisions/013-security-headers-and-csp.md).
 *
 * The script only enhances the page, which works without it: Send posts the answer to the portal API
 * with `Accept: text/event-stream` and an `Idempotency-Key` (the form's own key, so a retried post
 * stores the answer once), shows the interviewer's words as they stream in, announces the finished turn
 * through the page's polite live region, counts the time left down, and begins an interview that has
 * no turn yet. Ctrl+Enter (⌘+Enter) in the answer box sends. Its words are the participant's copy,
 * handed over by the page in `data-say-*` attributes: it holds none of its own. Written for every
 * current browser without a build step: no template literals, so this file can hold it as text.
 */

export const INTERVIEW_CSS = `.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
[hidden]{display:none!important}
.time-left{font-weight:600;color:#3730a3}
.conversation{display:flex;flex-direction:column;gap:.5rem;margin:0 0 1rem}
.conversation .turn{display:block;max-width:92%;padding:.625rem .875rem;margin:0;border-radius:.75rem}
.turn.interviewer{align-self:flex-start;background:#fff;border:1px solid #e5e7eb}
.turn.participant{align-self:flex-end;background:#eef2ff;border:1px solid #c7d2fe}
.turn .speaker{display:block;font-size:.75rem;font-weight:600;color:#4b5563;margin:0 0 .125rem}
.turn p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.turn.pending{opacity:.75}
.turn[aria-busy="true"] p::after{content:" …"}
.interview label{display:block;font-weight:600;margin:0 0 .25rem}
.interview textarea{display:block;width:100%;min-height:7rem;font:inherit;padding:.625rem .75rem;border:1px solid #6b7280;border-radius:.5rem;margin:0 0 .75rem;resize:vertical;background:#fff;color:inherit}
.interview textarea:focus-visible{outline:3px solid #a5b4fc;outline-offset:1px}
.interview button:disabled{opacity:.6;cursor:progress}
.interview .notice{margin-top:.5rem}
`;

export const INTERVIEW_SCRIPT = `(function () {
  'use strict';
  var root = document.getElementById('interview');
  if (!root || !window.fetch || !window.TextDecoder || !window.ReadableStream) return;
  var byId = function (id) { return document.getElementById(id); };
  var list = byId('conversation');
  var announce = byId('announce');
  var answerForm = byId('answer-form');
  var resumeForm = byId('resume-form');
  var finishForm = byId('finish-form');
  var textarea = byId('answer');
  var keyInput = answerForm.querySelector('input[name="key"]');
  var timeLeft = byId('time-left');
  var unavailable = byId('unavailable');
  var problem = byId('problem');
  var ended = byId('ended');
  var api = '/api/portal/v1/sessions/' + encodeURIComponent(root.getAttribute('data-session')) + '/turns';
  // The page's words, in the participant's language: this script has none of its own.
  var say = function (key) { return root.getAttribute('data-say-' + key) || ''; };
  var LOST = say('lost');
  var busy = false;

  function show(element, on) { element.hidden = !on; }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // Time left, counted down from the server's figure when the page or the last turn arrived.
  var secondsLeft = Number(root.getAttribute('data-seconds-left')) || 0;
  var since = Date.now();
  function timeWords(seconds) {
    if (seconds <= 0) return say('time-up');
    if (seconds < 60) return say('under-a-minute');
    var minutes = Math.round(seconds / 60);
    return minutes === 1 ? say('one-minute') : say('minutes').replace('{n}', String(minutes));
  }
  function tick() {
    timeLeft.textContent = timeWords(Math.max(0, secondsLeft - Math.floor((Date.now() - since) / 1000)));
  }
  window.setInterval(tick, 15000);

  function turnElement(speaker, index) {
    var existing = index === undefined ? null : byId('turn-' + index);
    if (existing) return existing;
    var item = document.createElement('li');
    item.className = 'turn ' + speaker;
    if (index !== undefined) item.id = 'turn-' + index;
    var who = document.createElement('span');
    who.className = 'speaker';
    who.textContent = say(speaker === 'interviewer' ? 'interviewer' : 'you');
    item.appendChild(who);
    item.appendChild(document.createElement('p'));
    list.appendChild(item);
    return item;
  }
  function textOf(item) { return item.querySelector('p'); }

  function setBusy(on) {
    busy = on;
    root.setAttribute('aria-busy', on ? 'true' : 'false');
    textarea.readOnly = on;
    Array.prototype.forEach.call(root.querySelectorAll('button'), function (button) { button.disabled = on; });
  }

  function showState(state) {
    secondsLeft = state.seconds_left;
    since = Date.now();
    tick();
    var over = state.status === 'ended';
    show(timeLeft, !over);
    show(finishForm, !over);
    show(answerForm, state.status === 'awaiting_participant');
    show(resumeForm, state.status === 'not_started' || state.status === 'awaiting_interviewer');
    if (over) {
      ended.textContent = say('ended-' + (state.ended_by || 'interviewer')) || ended.textContent;
      show(ended, true);
    }
  }

  function offerRetry(words) {
    unavailable.textContent = words;
    show(unavailable, true);
    show(answerForm, false);
    resumeForm.querySelector('button').textContent = say('try-again');
    show(resumeForm, true);
  }

  // Posts to the portal API and follows its server-sent events (docs/surfaces.md#portal-api).
  function run(url, answer) {
    setBusy(true);
    show(problem, false);
    show(unavailable, false);
    var pending = answer === null ? null : turnElement('participant');
    if (pending) {
      pending.classList.add('pending');
      textOf(pending).textContent = answer;
      pending.scrollIntoView({ block: 'nearest' });
    }
    var headers = { Accept: 'text/event-stream' };
    var init = { method: 'POST', headers: headers, credentials: 'same-origin' };
    if (answer !== null) {
      headers['Content-Type'] = 'application/json';
      headers['Idempotency-Key'] = keyInput.value;
      init.body = JSON.stringify({ text: answer });
    }
    var reply = null;
    var stored = false;
    var settled = false;

    function onEvent(type, data) {
      if (type === 'delta') {
        if (!reply) {
          reply = turnElement('interviewer');
          reply.setAttribute('aria-busy', 'true');
        }
        textOf(reply).textContent += data.text;
        reply.scrollIntoView({ block: 'nearest' });
      } else if (type === 'turn' && data.speaker === 'participant') {
        stored = true;
        if (pending) {
          pending.remove();
          pending = null;
        }
        textOf(turnElement('participant', data.index)).textContent = data.text;
        textarea.value = '';
        keyInput.value = newKey();
      } else if (type === 'turn') {
        if (reply && !byId('turn-' + data.index)) reply.id = 'turn-' + data.index;
        reply = turnElement('interviewer', data.index);
        reply.removeAttribute('aria-busy');
        textOf(reply).textContent = data.text;
        announce.textContent = say('said') + ' ' + data.text;
      } else if (type === 'end') {
        settled = true;
        showState(data);
      } else if (type === 'error') {
        settled = true;
        if (reply && !reply.id) reply.remove();
        offerRetry(data.error);
      }
    }

    function onBlock(block) {
      var type = 'message';
      var data = [];
      block.split(/\\r?\\n/).forEach(function (line) {
        if (line.indexOf('event:') === 0) type = line.slice(6).trim();
        else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
      });
      if (data.length) onEvent(type, JSON.parse(data.join('\\n')));
    }

    return window.fetch(url, init)
      .then(function (response) {
        if (!response.ok || !response.body) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            throw new Error(body.error || say('reload'));
          });
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              if (buffer.trim()) onBlock(buffer);
              if (!settled) offerRetry(LOST);
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            var blocks = buffer.split(/\\r?\\n\\r?\\n/);
            buffer = blocks.pop();
            blocks.forEach(onBlock);
            return pump();
          });
        }
        return pump();
      })
      .catch(function (error) {
        if (pending && !stored) pending.remove();
        if (reply && !reply.id) reply.remove();
        // fetch fails with a TypeError when the network does; the errors thrown above carry the server's words.
        var offline = error instanceof TypeError;
        if (stored || answer === null) offerRetry(offline ? LOST : error.message);
        else {
          problem.textContent = offline ? say('reload') : error.message;
          show(problem, true);
        }
      })
      .then(function () {
        setBusy(false);
        if (!answerForm.hidden) textarea.focus();
      });
  }

  answerForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var answer = textarea.value.trim();
    if (busy || !answer) return;
    run(api, answer);
  });
  resumeForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!busy) run(api + '/resume', null);
  });
  textarea.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      answerForm.requestSubmit();
    }
  });
  if (root.getAttribute('data-status') === 'not_started') run(api + '/resume', null);
})();
`;
