import { describe, expect, test } from 'vitest';
import { setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';

/**
 * Commands answer from the state they stored instead of reading it back (application/participant-commands.ts).
 * So after every command, its answer must equal what a fresh read of the participant shows.
 */
describe('every participant command answers exactly what it stored', () => {
  test('through schedule, reschedule, start, cancel, fail, complete, record, decide, update and withdraw', async () => {
    let tick = 0;
    const t = await setupEngineApi({ now: () => new Date(Date.UTC(2026, 10, 29, 10) + ++tick * 1000).toISOString() });
    const { template } = await buildPipeline(t.api, [
      { type: 'screen', pass_threshold: 60, automation_rule: 'auto_advance', allow_retake: true, max_attempts: 2 },
      { type: 'technical', pass_threshold: 75, automation_rule: 'require_reviewer_approval' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ]);
    const stored = async (answer: { id: string }) => {
      const {
        actions: _,
        outlook: __,
        portal_link: ___,
        awaiting_score: ____,
        ...page
      } = await t.api.participants.byId({ id: answer.id });
      expect(JSON.parse(JSON.stringify(answer))).toEqual(JSON.parse(JSON.stringify(page)));
    };

    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await stored(jane);
    await stored(await t.api.participants.update({ id: jane.id, name: 'Jane Q. Smith', tags: ['referral'] }));

    const first = await t.api.sessions.schedule({ participant_id: jane.id });
    await stored(first.participant);
    const id = first.session.id;
    await stored(
      (await t.api.sessions.reschedule({ session_id: id, scheduled_at: '2026-12-01T09:00:00.000Z' })).participant,
    );
    await stored((await t.api.sessions.cancel({ session_id: id, reason: 'clash' })).participant);

    const second = await t.api.sessions.schedule({ participant_id: jane.id });
    const started = await t.api.sessions.start({ session_id: second.session.id });
    // Any change moves the participant up the board, even one that only touched a session.
    expect(started.participant.updated_at > second.participant.updated_at).toBe(true);
    await stored(started.participant);
    await stored((await t.api.sessions.fail({ session_id: second.session.id, reason: 'network' })).participant);

    const third = await t.api.sessions.schedule({ participant_id: jane.id });
    await t.api.sessions.start({ session_id: third.session.id });
    const failed = await t.api.sessions.complete({ session_id: third.session.id, ...scores(2, 2) });
    expect(failed.participant.stage_state).toBe('retake_available');
    await stored(failed.participant);

    const passed = await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 7) });
    expect(passed.participant.last_score).toBeNull();
    await stored(passed.participant);

    const awaiting = await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(9, 9) });
    expect(awaiting.participant.stage_state).toBe('awaiting_decision');
    await stored(awaiting.participant);
    const decided = await t.api.decisions.decide({
      decision_id: awaiting.participant.decisions[0]!.id,
      outcome: 'advance',
    });
    await stored(decided.participant);

    await stored(await t.api.participants.withdraw({ participant_id: jane.id, note: 'took another offer' }));
  });
});
