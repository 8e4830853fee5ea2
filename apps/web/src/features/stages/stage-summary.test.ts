import { describe, expect, it } from 'vitest';
import { completionText, passMarkText, questionsText, retakeText } from './stage-summary.ts';

describe('stage card wording', () => {
  it.each([
    [null, 'No pass mark'],
    [0, '0 / 100 to pass'],
    [75, '75 / 100 to pass'],
  ])('pass mark %j reads "%s"', (threshold, text) => {
    expect(passMarkText(threshold)).toBe(text);
  });

  it.each([
    [{ allow_retake: false, max_attempts: 1, retake_cooldown_hours: 0 }, 'No retakes'],
    [{ allow_retake: true, max_attempts: 2, retake_cooldown_hours: 0 }, 'Up to 2 attempts'],
    [{ allow_retake: true, max_attempts: 3, retake_cooldown_hours: 24 }, 'Up to 3 attempts, 24 h apart'],
  ])('retake policy %j reads "%s"', (stage, text) => {
    expect(retakeText(stage)).toBe(text);
  });

  it.each([
    [
      { automation_rule: 'auto_advance', auto_reject: false, stage_type: 'ai_interview' },
      'Advances automatically on a pass',
    ],
    [
      { automation_rule: 'auto_advance', auto_reject: true, stage_type: 'ai_interview' },
      'Advances automatically on a pass; rejects on a fail',
    ],
    [
      { automation_rule: 'require_reviewer_approval', auto_reject: false, stage_type: 'manual_review' },
      'Waits for reviewer approval',
    ],
    [{ automation_rule: 'none', auto_reject: false, stage_type: 'ai_interview' }, 'Nothing automatic'],
    [
      { automation_rule: 'none', auto_reject: false, stage_type: 'final_review' },
      'Reviewer’s decision ends the journey',
    ],
  ] as const)('completion %j reads "%s"', (stage, text) => {
    expect(completionText(stage)).toBe(text);
  });
});

describe('questionsText', () => {
  const q = { id: 'a', prompt: 'Why?' };
  it.each([
    [{ stage_type: 'ai_interview' as const, question_set: [] }, null],
    [{ stage_type: 'async_assessment' as const, question_set: [] }, 'None yet: add them with Edit'],
    [{ stage_type: 'async_assessment' as const, question_set: [q] }, '1 question'],
    [{ stage_type: 'async_assessment' as const, question_set: [q, { ...q, id: 'b' }] }, '2 questions'],
  ])('%o → %s', (stage, text) => {
    expect(questionsText(stage)).toBe(text);
  });
});
