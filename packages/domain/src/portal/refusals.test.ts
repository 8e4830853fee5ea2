import { describe, expect, it } from 'vitest';
import { badInput, conflict, DomainError, notFound } from '../errors.ts';
import { Journey, S1, S2, stage, template } from '../progression/test-support.ts';
import { en } from './copy/en.ts';
import { es } from './copy/es.ts';
import { refusal } from './copy/refusal.ts';
import { namesInternalId, portalIssueMessage, portalRefusalMessage } from './refusals.ts';
import { decidePortalFinish, decidePortalStart } from './sessions.ts';

const ID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

describe('portalRefusalMessage (docs/errors.md#refusals-a-participant-reads)', () => {
  it("says the refusal's participant words", () => {
    expect(portalRefusalMessage(conflict(`participant ${ID} is withdrawn`, 'You have withdrawn.'), en)).toBe(
      'You have withdrawn.',
    );
  });

  it('says a bad request as it is: it names the field the participant sent', () => {
    expect(portalRefusalMessage(badInput(['at'], 'must be now or later'), en)).toBe('at: must be now or later');
  });

  it('says a plain sentence for its kind when the refusal has no participant words, or they name an id', () => {
    const plain = [
      notFound('Decision', ID),
      conflict(`session ${ID} is open`),
      conflict('x', `Your session ${ID} is open`),
      new DomainError('PRECONDITION_FAILED', `stage ${ID} is archived`),
      new DomainError('BAD_REQUEST', `participant_id: ${ID} is not yours`),
    ].map((error) => portalRefusalMessage(error, en));
    for (const text of plain) expect(namesInternalId(text)).toBe(false);
    expect(new Set(plain).size).toBe(4);
  });

  it("words a refusal given as data in the participant's language; staff read its English", () => {
    const refused = conflict(`participant ${ID} has no attempts left`, refusal('noAttemptsLeft', 'Essay'));
    expect(refused.participantMessage).toBe('You have used all your attempts at Essay. The team will be in touch.');
    expect(portalRefusalMessage(refused, en)).toBe(refused.participantMessage);
    expect(portalRefusalMessage(refused, es)).toBe(
      'Has usado todos tus intentos en Essay. El equipo se pondrá en contacto contigo.',
    );
  });

  it("says the plain sentence for its kind in the participant's language", () => {
    expect(portalRefusalMessage(conflict(`session ${ID} is open`), es)).toBe(es.refusalKinds.CONFLICT);
    expect(portalRefusalMessage(notFound('Decision', ID), es)).toBe(es.refusalKinds.NOT_FOUND);
  });

  it("words a bad request's field issues in the participant's language where the rule gave them", () => {
    const said = refusal('answerTwice', 2);
    const error = new DomainError('BAD_REQUEST', 'answers.1.question_id: question 2 is answered twice', [
      { path: ['answers', 1, 'question_id'], message: 'question 2 is answered twice', participant: said },
    ]);
    expect(portalRefusalMessage(error, en)).toBe('answers.1.question_id: question 2 is answered twice');
    expect(portalRefusalMessage(error, es)).toBe('answers.1.question_id: la pregunta 2 tiene dos respuestas');
    expect(portalIssueMessage(error.issues[0]!, es)).toBe('la pregunta 2 tiene dos respuestas');
    expect(portalIssueMessage({ message: 'too long' }, es)).toBe('too long');
  });
});

/** A written assessment with one attempt whose result waits for a person, then a panel. */
const essay = (settings = {}) =>
  template([
    stage(S1, 0, { stage_name: 'Essay', stage_type: 'async_assessment', automation_rule: 'none', ...settings }),
    stage(S2, 1, { stage_name: 'Panel', stage_type: 'manual_review' }),
  ]);

describe("the refusals a participant's own commands meet carry participant words without ids", () => {
  const start = (j: Journey) => decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx);
  const refusals: [string, () => unknown][] = [
    [
      'no attempt left',
      () => {
        const j = Journey.enrolled(essay());
        j.run(j.record(10));
        return start(j);
      },
    ],
    [
      'the cool-down',
      () => {
        const j = Journey.enrolled(essay({ allow_retake: true, max_attempts: 2, retake_cooldown_hours: 24 }));
        j.run(j.record(10));
        return start(j);
      },
    ],
    [
      'passed, waiting for the team',
      () => {
        const j = Journey.enrolled(essay());
        j.run(j.record(90));
        return start(j);
      },
    ],
    ['a stage archived under them', () => start(Journey.enrolled(essay()).editStage(S1, { status: 'archived' }))],
    [
      'finishing a session that is not theirs',
      () => {
        const j = Journey.enrolled(essay());
        return decidePortalFinish(j.state, ID, j.ctx);
      },
    ],
    [
      'ended: withdrawn',
      () => {
        const j = Journey.enrolled(essay());
        j.run(j.withdraw());
        return start(j);
      },
    ],
  ];
  it.each(refusals)('%s', (_, refuse) => {
    const refused = refuse();
    expect(refused).toBeInstanceOf(DomainError);
    const error = refused as DomainError;
    // Staff read names (docs/errors.md#domain-error-codes), the participant their own words. Only what
    // was not found is named by the id it was asked for: it has no name to give.
    if (error.code !== 'NOT_FOUND') expect(namesInternalId(error.message)).toBe(false);
    expect(error.message).not.toBe(error.participantMessage);
    expect(error.participantMessage).toEqual(expect.any(String));
    expect(namesInternalId(error.participantMessage!)).toBe(false);
    expect(portalRefusalMessage(error, en)).toBe(error.participantMessage);
    // The same refusal in Spanish: its own words, still without an id.
    const spanish = portalRefusalMessage(error, es);
    expect(spanish).not.toBe(error.participantMessage);
    expect(namesInternalId(spanish)).toBe(false);
  });
});
