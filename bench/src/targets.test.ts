import { describe, expect, it } from 'vitest';
import { evaluateTargets, type Row } from './targets.ts';

const row = (id: string, server: Row['server'], fields: Partial<Row> = {}): Row => ({
  id,
  label: id,
  server,
  callsPerRequest: 1,
  requests: 1000,
  connections: 50,
  rps: 1000,
  p50: 5,
  p99: 20,
  non2xx: 0,
  errors: 0,
  cpuUs: 100,
  rssMb: 100,
  ...fields,
});
const target = (targets: ReturnType<typeof evaluateTargets>, label: RegExp) => targets.find((t) => label.test(t.label));

describe('evaluateTargets', () => {
  it('holds each endpoint to 1.5× its own B1 by CPU per call, REST and batches to the call they repeat', () => {
    const targets = evaluateTargets({
      rows: [
        row('E1.stages.list', 'stageflow', { cpuUs: 145 }),
        row('E1.stages.list', 'B1', { cpuUs: 100 }),
        row('E1.participants.byId', 'stageflow', { cpuUs: 620 }),
        row('E1.participants.byId', 'B1', { cpuUs: 400 }),
        row('E5.rest.byId', 'stageflow', { cpuUs: 560, floor: 'E1.participants.byId' }),
        row('E5.batch.byId', 'stageflow', { cpuUs: 3000, callsPerRequest: 10, floor: 'E1.participants.byId' }),
        row('E4.bulk', 'stageflow', { cpuUs: 50_000, callsPerRequest: 500, connections: 1 }),
        row('E4.bulk', 'B1', { cpuUs: 25_000, callsPerRequest: 500, connections: 1 }),
        // No floor: no ratio target.
        row('E8.analytics.simulate.1000', 'stageflow', { connections: 1 }),
      ],
      scales: [],
      bundle: undefined,
    });
    expect(target(targets, /^E1.stages.list: CPU/)).toMatchObject({ value: 1.45, pass: true });
    expect(target(targets, /^E1.participants.byId: CPU/)).toMatchObject({ value: 1.55, pass: false });
    expect(target(targets, /^E5.rest.byId: CPU/)).toMatchObject({ value: 1.4, pass: true, note: '560 vs 400 µs' });
    expect(target(targets, /^E5.batch.byId: CPU/)).toMatchObject({ value: 0.75, pass: true });
    expect(target(targets, /^E4.bulk: CPU/)).toMatchObject({ value: 2, pass: false });
    expect(target(targets, /^E8/)).toBeUndefined();
    // A batch carries ten calls, a bulk create runs at one connection: no p99 target for either.
    expect(target(targets, /^E5.batch.byId: p99/)).toBeUndefined();
    expect(target(targets, /^E4.bulk: p99/)).toBeUndefined();
  });

  it('holds p99 at 50 connections to 1.5× the floor’s p99 in the same run, and T0 to B2', () => {
    const targets = evaluateTargets({
      rows: [
        row('T0', 'T0', { p99: 30 }),
        row('T0', 'B2', { p99: 25 }),
        row('E3.complete', 'stageflow', { p99: 160 }),
        row('E3.complete', 'B1', { p99: 100 }),
      ],
      scales: [],
      bundle: undefined,
    });
    expect(target(targets, /^T0: p99 at 50 connections vs B2's/)).toMatchObject({ value: 1.2, pass: true });
    expect(target(targets, /^E3.complete: p99 at 50 connections vs B1's/)).toMatchObject({
      value: 1.6,
      pass: false,
      note: '160 vs 100 ms',
    });
  });

  it('takes the request path from alternating rounds of T0 and B2 (medians), else from their rows', () => {
    const rows = [row('T0', 'T0', { cpuUs: 150 }), row('T0', 'B2', { cpuUs: 100 })];
    const fromRounds = evaluateTargets({
      rows,
      scales: [],
      bundle: undefined,
      requestPath: { t0CpuUs: [130, 110, 900], b2CpuUs: [100, 90, 95] },
    });
    expect(target(fromRounds, /^T0 .* vs B2/)).toMatchObject({ value: 130 / 95, pass: false });
    const fromRows = evaluateTargets({ rows, scales: [], bundle: undefined });
    expect(target(fromRows, /^T0 .* vs B2/)).toMatchObject({ value: 1.5, pass: false });
  });

  it('holds the largest board to 50 ms and its growth to linear', () => {
    const targets = evaluateTargets({
      rows: [
        row('E2.board.1000', 'stageflow', { connections: 1, p50: 3, cpuUs: 3000 }),
        row('E2.board.100000', 'stageflow', { connections: 1, p50: 55, cpuUs: 60000 }),
      ],
      scales: [1000, 100000],
      bundle: undefined,
    });
    expect(target(targets, /board.100000: median/)).toMatchObject({ value: 55, pass: false });
    expect(target(targets, /board growth/)).toMatchObject({ value: 20, limit: 100, pass: true });
  });

  it('counts every failed request, the baselines too', () => {
    const targets = evaluateTargets({
      rows: [
        row('T0', 'T0'),
        row('T0', 'B2', { non2xx: 3 }),
        row('E3.complete', 'stageflow', { non2xx: 2, errors: 1 }),
      ],
      scales: [],
      bundle: undefined,
    });
    expect(target(targets, /non-2xx/)).toMatchObject({ value: 6, pass: false });
  });
});
