import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { type AdverseImpact, auditTable, categoryName, type ImpactTable, impactRows, pValue, ratio } from './impact.ts';

const row = (over: Partial<ImpactTable['rows'][number]>): ImpactTable['rows'][number] => ({
  sex: null,
  race_ethnicity: null,
  n: 0,
  selected: 0,
  rate: null,
  impact_ratio: null,
  below_four_fifths: null,
  p_value: null,
  status: 'insufficient_data',
  ...over,
});
const table: ImpactTable = {
  counted: 40,
  unknown: 3,
  rows: [
    row({
      sex: 'male',
      n: 20,
      selected: 8,
      rate: 0.4,
      impact_ratio: 0.5,
      below_four_fifths: true,
      p_value: 0.0123456,
      status: 'compared',
    }),
    row({
      sex: 'female',
      n: 16,
      selected: 13,
      rate: 0.8125,
      impact_ratio: 1,
      below_four_fifths: false,
      status: 'reference',
    }),
  ],
};

describe('adverse-impact figures in the page’s words', () => {
  it('names categories and intersections', () => {
    expect(categoryName({ sex: 'female', race_ethnicity: null })).toBe('Female');
    expect(categoryName({ sex: 'male', race_ethnicity: 'two_or_more_races' })).toBe('Male · Two or more races');
  });

  it('writes ratios and p-values as audits print them', () => {
    expect([ratio(0.5), ratio(null)]).toEqual(['0.50', '–']);
    expect([pValue(0.0123456), pValue(0.00001), pValue(null)]).toEqual(['0.0123', '<0.0001', '–']);
  });

  it('shows every row with N, the flag and the p-value; counts from 1 to 4 as "<5", the unknown last', () => {
    expect(impactRows(table)).toEqual([
      ['Male', '20', '8', '40.0%', '0.50', '0.0123', 'Below four fifths'],
      ['Female', '16', '13', '81.3%', '1.00', '–', 'Highest rate (reference)'],
      ['Unknown (no answer or declined)', '<5', '–', '–', '–', '–', 'Not compared'],
    ]);
    const small = impactRows({ counted: 3, unknown: 0, rows: [row({ sex: 'male', n: 3, selected: 1 })] });
    expect(small[0]).toEqual(['Male', '<5', '<5', '–', '–', '–', 'Insufficient data']);
  });
});

describe('the bias-audit export', () => {
  const figures = { by_sex: table, by_race_ethnicity: { ...table, rows: [] }, by_intersection: { ...table, rows: [] } };
  const impact = {
    evaluation_template_id: 't',
    from: '2026-01-01',
    to: '2026-06-30',
    tag: null,
    participants: 40,
    as_of: '2026-07-01T09:00:00.000Z',
    stages: [
      {
        stage_id: 's1',
        stage_name: 'Phone Screen',
        stage_type: 'ai_interview',
        stage_order: 0,
        status: 'active',
        pass_threshold: 60,
      },
    ],
    self_identified: 37,
    min_group_size: 10,
    template: figures,
    by_stage: [{ stage_id: 's1', selection: figures, scoring: { results: 36, median_score: 72.5, figures } }],
    tags: [],
  } as AdverseImpact;

  it('carries the period on every row, and every measure of every stage', () => {
    const csv = toCsv(auditTable(impact, 'Senior Backend Engineer')).split('\r\n');
    expect(csv[0]).toMatch(/^Template,Enrolled from,Enrolled to,Tag,As of,Scope,Measure,Dimension,Category,N,/);
    expect(csv).toContain(
      'Senior Backend Engineer,2026-01-01,2026-06-30,,2026-07-01T09:00:00.000Z,Phone Screen,Selection,Sex,Male,20,8,40.0%,0.50,0.0123,Below four fifths,',
    );
    expect(csv).toContain(
      'Senior Backend Engineer,2026-01-01,2026-06-30,,2026-07-01T09:00:00.000Z,Phone Screen,Scoring,Sex,Female,16,13,81.3%,1.00,–,Highest rate (reference),median score 72.5',
    );
    expect(csv.filter((line) => line.includes(',Whole template,Completion,'))).toHaveLength(3 + 1 + 1);
  });
});
