import { describe, expect, it } from 'vitest';
import { CalendarDate, periodBounds, periodIssue } from './period.ts';
import { AnalyticsQueryInput } from './report.ts';

const TEMPLATE = '00000000-0000-4000-8000-000000000001';

describe('periods of whole days in UTC', () => {
  it('covers from the start of `from` to the end of `to`', () => {
    expect(periodBounds({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
    expect(periodBounds({ to: '2026-12-31' })).toEqual({ start: null, end: '2027-01-01T00:00:00.000Z' });
    expect(periodBounds({})).toEqual({ start: null, end: null });
  });

  it.each([
    ['2026-03-01', undefined],
    ['2024-02-29', undefined],
    ['2026-02-29', '2026-02-29 is not a day of the calendar'],
    ['2026-02-30', '2026-02-30 is not a day of the calendar'],
    ['2026-13-01', '2026-13-01 is not a day of the calendar'],
    ['2026-3-1', 'must be a date as YYYY-MM-DD'],
    ['yesterday', 'must be a date as YYYY-MM-DD'],
    ['2026-03-01T10:00:00Z', 'must be a date as YYYY-MM-DD'],
  ])('%s: %s', (day, problem) => {
    const parsed = CalendarDate.safeParse(day);
    expect(parsed.success ? undefined : parsed.error.issues.map((i) => i.message)).toEqual(
      problem === undefined ? undefined : [problem],
    );
  });

  it('refuses an end before the start, on `to`', () => {
    expect(periodIssue({ from: '2026-03-02', to: '2026-03-01' })).toEqual({
      path: ['to'],
      message: 'must be on or after from (2026-03-02)',
    });
    expect(periodIssue({ from: '2026-03-02', to: '2026-03-02' })).toBeUndefined();
    const parsed = AnalyticsQueryInput.safeParse({
      evaluation_template_id: TEMPLATE,
      from: '2026-03-02',
      to: '2026-03-01',
    });
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['to']]);
  });

  it('names the field of a bad date', () => {
    const parsed = AnalyticsQueryInput.safeParse({ evaluation_template_id: TEMPLATE, from: 'soon' });
    expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([[['from'], 'must be a date as YYYY-MM-DD']]);
  });
});
