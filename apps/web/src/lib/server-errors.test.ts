import { describe, expect, it } from 'vitest';
import { collectFieldPaths, mapIssuesToFields, readServerError } from './server-errors.ts';

describe('readServerError', () => {
  it('reads the code, message and issues a tRPC error carries', () => {
    const error = Object.assign(new Error('pass_threshold: Too big'), {
      data: { code: 'BAD_REQUEST', issues: [{ path: ['pass_threshold'], message: 'Too big' }] },
    });
    expect(readServerError(error)).toEqual({
      code: 'BAD_REQUEST',
      message: 'pass_threshold: Too big',
      issues: [{ path: ['pass_threshold'], message: 'Too big' }],
    });
  });

  it('drops malformed issues and explains a network failure', () => {
    const error = Object.assign(new Error('Failed to fetch'), { data: { issues: [{ path: 'x' }, 'nope'] } });
    const read = readServerError(error);
    expect(read.code).toBe('UNKNOWN');
    expect(read.issues).toEqual([]);
    expect(read.message).toMatch(/could not be reached/);
  });

  it.each([
    ['tRPC’s words for an answer that is not the API’s', 'Unable to transform response from server'],
    ['the JSON parser’s, for an HTML error page', `Unexpected token '<', "<!doctype "... is not valid JSON`],
  ])('says what happened instead of %s, with the status when known', (_, raw) => {
    const error = Object.assign(new Error(raw), { meta: { response: { status: 502 } } });
    expect(readServerError(error).message).toBe(
      "The server's answer could not be read (it answered with status 502). It may be restarting: retry in a moment.",
    );
    expect(readServerError(new Error(raw)).message).toBe(
      "The server's answer could not be read. It may be restarting: retry in a moment.",
    );
  });
});

describe('collectFieldPaths', () => {
  it('names leaves, groups and rows of object arrays, but not items of plain lists', () => {
    const paths = collectFieldPaths({
      name: 'x',
      skills: ['a', 'b'],
      labels: { positive: 'yes' },
      rows: [{ weight: 50 }],
    });
    expect([...paths].sort()).toEqual([
      'labels',
      'labels.positive',
      'name',
      'rows',
      'rows.0',
      'rows.0.weight',
      'skills',
    ]);
  });
});

describe('mapIssuesToFields', () => {
  const fields = new Set(['pass_threshold', 'skills', 'rows', 'rows.0', 'rows.0.weight']);

  it.each([
    { path: ['pass_threshold'], field: 'pass_threshold' },
    { path: ['skills', 3], field: 'skills' },
    { path: ['rows', 0, 'weight'], field: 'rows.0.weight' },
    { path: ['rows'], field: 'rows' },
  ])('puts an issue at $path on $field', ({ path, field }) => {
    expect(mapIssuesToFields([{ path, message: 'bad' }], fields)).toEqual({
      fields: [{ name: field, message: 'bad' }],
      unmatched: [],
    });
  });

  it('keeps issues that name no field, and the first message per field', () => {
    const mapped = mapIssuesToFields(
      [
        { path: [], message: 'whole form' },
        { path: ['nope'], message: 'unknown' },
        { path: ['pass_threshold'], message: 'first' },
        { path: ['pass_threshold'], message: 'second' },
      ],
      fields,
    );
    expect(mapped.fields).toEqual([{ name: 'pass_threshold', message: 'first' }]);
    expect(mapped.unmatched).toEqual(['whole form', 'nope: unknown']);
  });
});
