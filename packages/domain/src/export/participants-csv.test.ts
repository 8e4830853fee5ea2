import { describe, expect, test } from 'vitest';
import { CSV_BOM } from './csv.ts';
import { type ExportParticipant, type ExportTemplate, participantsCsv } from './participants-csv.ts';

const backend: ExportTemplate = {
  id: 't1',
  template_name: 'Backend',
  stages: [
    { id: 's1', stage_name: 'Phone Screen', status: 'active' },
    { id: 's2', stage_name: 'Technical', status: 'active' },
    { id: 's3', stage_name: 'Take-home', status: 'draft' },
    { id: 's4', stage_name: 'Old Quiz', status: 'archived' },
  ],
};
const support: ExportTemplate = {
  id: 't2',
  template_name: 'Support',
  stages: [{ id: 'u1', stage_name: 'Basics', status: 'active' }],
};

const person = (over: Partial<ExportParticipant> = {}): ExportParticipant => ({
  evaluation_template_id: 't1',
  name: 'Priya Raman',
  email: 'priya@example.com',
  external_id: null,
  phone: null,
  tags: ['referral', 'senior'],
  status: 'active',
  recommendation: null,
  current_stage_id: 's2',
  created_at: '2026-11-01T09:00:00.000Z',
  stages: new Map([
    ['s1', { state: 'passed', score: 72 }],
    ['s2', { state: 'awaiting_decision', score: 81.5 }],
  ]),
  ...over,
});

const lines = (csv: string) => csv.replace(CSV_BOM, '').trimEnd().split('\r\n');

describe('participants as CSV', () => {
  test('one template: its people, where they stand, and a state and score per active stage', () => {
    const [header, row] = lines(participantsCsv([person()], [backend]));
    expect(header).toBe(
      'name,email,external_id,phone,tags,template,status,recommendation,current_stage,added_at,Phone Screen: state,Phone Screen: score,Technical: state,Technical: score',
    );
    expect(row).toBe(
      'Priya Raman,priya@example.com,,,referral;senior,Backend,active,,Technical,2026-11-01T09:00:00.000Z,passed,72,awaiting_decision,81.5',
    );
  });

  test('draft and archived stages get columns only when someone exported has been in them', () => {
    const csv = participantsCsv(
      [person({ stages: new Map([['s4', { state: 'passed', score: null }]]), current_stage_id: null })],
      [backend],
    );
    const [header, row] = lines(csv);
    expect(header).toContain('Old Quiz: state');
    expect(header).not.toContain('Take-home');
    expect(row!.endsWith(',,,,,passed,')).toBe(true);
  });

  test('people from several templates: each stage column names its template', () => {
    const csv = participantsCsv(
      [person(), person({ evaluation_template_id: 't2', name: 'Omar', current_stage_id: 'u1', stages: new Map() })],
      [backend, support],
    );
    const [header, , omar] = lines(csv);
    expect(header).toContain('Backend / Phone Screen: state');
    expect(header).toContain('Support / Basics: score');
    expect(omar).toContain(',Support,active,,Basics,');
  });

  test('names that look like formulas are kept as text, commas are quoted', () => {
    const [, row] = lines(participantsCsv([person({ name: '=cmd|calc', external_id: 'A,1' })], [backend]));
    expect(row!.startsWith(`'=cmd|calc,priya@example.com,"A,1",`)).toBe(true);
  });

  test('nobody to export: the header alone', () => {
    expect(lines(participantsCsv([], [backend]))).toEqual([
      'name,email,external_id,phone,tags,template,status,recommendation,current_stage,added_at',
    ]);
  });
});
