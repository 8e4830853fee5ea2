import { describe, expect, it } from 'vitest';
import { pipelineSteps } from './participant-model.ts';

const stage = (id: string, order: number | null, status: 'active' | 'draft' | 'archived' = 'active') => ({
  id,
  stage_name: id.toUpperCase(),
  stage_order: order,
  status,
});
const STAGES = [
  stage('final', 3),
  stage('phone', 0),
  stage('draft', 1, 'draft'),
  stage('tech', 2),
  stage('old', null, 'archived'),
];
const progress = (stage_id: string, state: 'passed' | 'pending', entered_at: string, left_at: string | null) => ({
  stage_id,
  state,
  entered_at,
  left_at,
  attempts_used: state === 'passed' ? 1 : 0,
});

describe('pipelineSteps', () => {
  it('shows where they have been, the current stage marked, then the active stages ahead', () => {
    const steps = pipelineSteps(
      STAGES,
      [progress('tech', 'pending', '2026-01-02', null), progress('phone', 'passed', '2026-01-01', '2026-01-02')],
      'tech',
    );
    expect(steps.map((s) => [s.name, s.state, s.current])).toEqual([
      ['PHONE', 'passed', false],
      ['TECH', 'pending', true],
      ['FINAL', 'upcoming', false],
    ]);
  });

  it('keeps a stage archived since they passed it, and shows nothing ahead once finished', () => {
    const steps = pipelineSteps(STAGES, [progress('old', 'passed', '2026-01-01', '2026-01-02')], null);
    expect(steps.map((s) => [s.name, s.state])).toEqual([['OLD', 'passed']]);
  });

  it('before anything has happened, every active stage is ahead', () => {
    expect(pipelineSteps(STAGES, [], null).map((s) => s.name)).toEqual(['PHONE', 'TECH', 'FINAL']);
  });
});
