import { type AgentProfile, CreateAgentProfileInput } from '@stageflow/domain';
import { describe, expect, it } from 'vitest';
import { evenWeights, newAgentProfileValues, profileToFormValues, weightTotal } from './agent-profile-form.ts';

describe('agent profile form', () => {
  it('a blank profile fails on its name, persona and dimension name only', () => {
    const result = CreateAgentProfileInput.safeParse(newAgentProfileValues());
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'evaluation_dimensions.0.name',
      'name',
      'persona',
    ]);
  });

  it('weights that miss 100 are refused with the total in the message', () => {
    const values = {
      ...newAgentProfileValues(),
      name: 'Ada',
      persona: 'Hi',
      evaluation_dimensions: [
        { name: 'Depth', description: '', weight: 60 },
        { name: 'Clarity', description: '', weight: 25 },
      ],
    };
    const result = CreateAgentProfileInput.safeParse(values);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['evaluation_dimensions'], message: expect.stringContaining('85') }),
    ]);
  });

  it('a loaded profile becomes values the schema accepts', () => {
    const profile: AgentProfile = {
      id: '1d3c5a7e-9b2f-4c6d-8e0a-2b4c6d8e0f13',
      ...CreateAgentProfileInput.parse({
        ...newAgentProfileValues(),
        name: 'Ada',
        persona: 'I am Ada.',
        evaluation_dimensions: [{ name: 'Depth', weight: 100, min_score: 6 }],
      }),
      status: 'active',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    expect(CreateAgentProfileInput.safeParse(profileToFormValues(profile)).success).toBe(true);
  });

  it.each([
    [[], 0],
    [[{ weight: 40 }, { weight: 60 }], 100],
    [[{ weight: 40 }, { weight: Number.NaN }, {}], 40],
  ])('weights %j total %d', (rows, total) => {
    expect(weightTotal(rows)).toBe(total);
  });

  it.each([1, 2, 3, 7, 12])('splits 100 evenly over %d rows', (n) => {
    const weights = evenWeights(n);
    expect(weights).toHaveLength(n);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...weights) - Math.min(...weights)).toBeLessThanOrEqual(1);
  });
});
