import { describe, expect, test } from 'vitest';
import type { EvaluationStage } from '../schemas/stage.ts';
import { stage } from './test-stages.ts';
import { firstBlockingProblem, type PipelineProblemCode, validatePipeline } from './validate.ts';

const codes = (stages: readonly EvaluationStage[]) => validatePipeline(stages).map((p) => [p.code, p.stage_name]);

const screen = stage('screen', 0);
const interviewer = '00000000-0000-4000-8000-000000000901';

describe('validatePipeline', () => {
  test.each<[string, EvaluationStage[], [PipelineProblemCode, string | undefined][]]>([
    ['a runnable pipeline', [screen, stage('final', 1, { stage_type: 'final_review' })], []],
    ['no stages at all', [], [['NO_ACTIVE_STAGE', undefined]]],
    ['only draft stages', [stage('a', 0, { status: 'draft' })], [['NO_ACTIVE_STAGE', undefined]]],
    ['only archived stages', [stage('a', null)], [['NO_ACTIVE_STAGE', undefined]]],
    [
      'an active AI interview with no interviewer',
      [stage('tech', 0, { stage_type: 'ai_interview' })],
      [['MISSING_INTERVIEWER', 'TECH']],
    ],
    ...(['roleplay_simulation', 'practice_session'] as const).map(
      (stage_type): [string, EvaluationStage[], [PipelineProblemCode, string][]] => [
        `an active ${stage_type} with no interviewer`,
        [stage('run', 0, { stage_type })],
        [['MISSING_INTERVIEWER', 'RUN']],
      ],
    ),
    [
      'an AI interview with an interviewer',
      [stage('tech', 0, { stage_type: 'ai_interview', agent_profile_id: interviewer })],
      [],
    ],
    [
      'a draft AI interview with no interviewer',
      [screen, stage('tech', 1, { stage_type: 'ai_interview', status: 'draft' })],
      [],
    ],
    ['an archived AI interview with no interviewer', [screen, stage('tech', null, { stage_type: 'ai_interview' })], []],
    [
      'a final review before another stage',
      [stage('final', 0, { stage_type: 'final_review' }), stage('late', 1)],
      [['FINAL_REVIEW_NOT_LAST', 'FINAL']],
    ],
    [
      'a final review before a draft stage (drafts keep their place)',
      [stage('final', 0, { stage_type: 'final_review' }), stage('late', 1, { status: 'draft' })],
      [['FINAL_REVIEW_NOT_LAST', 'FINAL']],
    ],
    [
      'a final review before an archived stage',
      [stage('final', 0, { stage_type: 'final_review' }), stage('late', null)],
      [],
    ],
    [
      'two final reviews',
      [screen, stage('f1', 1, { stage_type: 'final_review' }), stage('f2', 2, { stage_type: 'final_review' })],
      [
        ['FINAL_REVIEW_NOT_LAST', 'F1'],
        ['FINAL_REVIEW_TWICE', 'F2'],
      ],
    ],
    [
      'auto_reject without auto_advance',
      [stage('tech', 0, { auto_reject: true, automation_rule: 'require_reviewer_approval' })],
      [['AUTO_REJECT_WITHOUT_AUTO_ADVANCE', 'TECH']],
    ],
    ['auto_reject with auto_advance', [stage('tech', 0, { auto_reject: true, automation_rule: 'auto_advance' })], []],
    ['auto_reject on a draft stage', [screen, stage('tech', 1, { auto_reject: true, status: 'draft' })], []],
    [
      'two stages with one name (case and spaces aside), the later one reported',
      [screen, stage('tech', 1, { stage_name: 'Technical' }), stage('again', 2, { stage_name: ' technical ' })],
      [['DUPLICATE_STAGE_NAME', ' technical ']],
    ],
    ['a name an archived stage had', [stage('old', null, { stage_name: 'SCREEN' }), screen], []],
  ])('given %s, it reports %j', (_, stages, expected) => {
    expect(codes(stages)).toEqual(expected);
  });

  test('it reports every problem at once, in pipeline order, all blocking', () => {
    const stages = [
      stage('debrief', 2, { auto_reject: true, status: 'draft' }),
      stage('final', 1, { stage_type: 'final_review', auto_reject: true }),
      stage('tech', 0, { stage_type: 'ai_interview' }),
    ];
    const problems = validatePipeline(stages);
    expect(problems.map((p) => [p.code, p.stage_id])).toEqual([
      ['MISSING_INTERVIEWER', 'tech'],
      ['FINAL_REVIEW_NOT_LAST', 'final'],
      ['AUTO_REJECT_WITHOUT_AUTO_ADVANCE', 'final'],
    ]);
    expect(problems.every((p) => p.blocking)).toBe(true);
  });

  test('a repeated name is worth a look but does not stop the pipeline', () => {
    const problems = validatePipeline([screen, stage('again', 1, { stage_name: 'SCREEN' })]);
    expect(problems).toEqual([
      {
        code: 'DUPLICATE_STAGE_NAME',
        message: '"SCREEN" is the name of an earlier stage too: rename one, so people can tell them apart',
        stage_id: 'again',
        stage_name: 'SCREEN',
        blocking: false,
      },
    ]);
    expect(firstBlockingProblem([screen, stage('again', 1, { stage_name: 'SCREEN' })])).toBeUndefined();
  });

  test('messages are plain words that name the stage', () => {
    const stages = [stage('tech', 0, { stage_name: 'Technical', stage_type: 'ai_interview' })];
    expect(validatePipeline(stages)[0]?.message).toBe(
      '"Technical" is an AI interview with no agent profile: pick one or set it to draft',
    );
  });
});

describe('firstBlockingProblem', () => {
  test('a runnable pipeline has none', () => {
    expect(firstBlockingProblem([screen])).toBeUndefined();
  });

  test('otherwise it is a PRECONDITION_FAILED error with the first message and a count of the rest', () => {
    const stages = [
      stage('tech', 0, { stage_name: 'Technical', stage_type: 'ai_interview' }),
      stage('late', 1, { auto_reject: true }),
    ];
    expect(firstBlockingProblem(stages)).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/^"Technical" is an AI interview with no agent profile.* \(and 1 more problem\)$/),
    });
  });
});
