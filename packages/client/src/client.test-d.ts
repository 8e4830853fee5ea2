// Type tests (Vitest's typecheck mode, see vitest.config.ts): the client's types are inferred from the
// server's router, so a change to a procedure's input or output that breaks a caller fails the run.
import { describe, expectTypeOf, test } from 'vitest';
import { createStageflowClient, type StageflowInputs, type StageflowOutputs } from './index.ts';

describe('@stageflow/client types', () => {
  test('inputs and outputs are inferred from the server', () => {
    expectTypeOf<StageflowInputs['stages']['create']>().toHaveProperty('evaluation_template_id');
    expectTypeOf<StageflowInputs['stages']['create']['stage_type']>().toEqualTypeOf<
      | 'ai_interview'
      | 'roleplay_simulation'
      | 'practice_session'
      | 'manual_review'
      | 'async_assessment'
      | 'final_review'
      | undefined
    >();
    expectTypeOf<StageflowOutputs['sessions']['complete']['session']['status']>().toEqualTypeOf<
      'scheduled' | 'in_progress' | 'completed' | 'failed' | 'cancelled'
    >();
  });

  test('a field the server does not take is a compile error', () => {
    const client = createStageflowClient({ url: 'http://localhost', apiKey: 'k' });
    // @ts-expect-error: `nope` is not an input of templates.create
    void (() => client.templates.create.mutate({ template_name: 'T', use_case: 'hiring', nope: 1 }));
  });
});
