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
  it('compares T0 with B0 by requests per second, and reads with T0 by CPU per call', () => {
    const targets = evaluateTargets({
      rows: [
        row('T0', 'T0', { rps: 3000, cpuUs: 200 }),
        row('T0', 'B0', { rps: 20000 }),
        row('E1.stages.list', 'stageflow', { cpuUs: 290 }),
        row('E1.participants.byId', 'stageflow', { cpuUs: 310 }),
        row('E5.batch.byId', 'stageflow', { cpuUs: 2000, callsPerRequest: 10, p99: 400 }),
      ],
      scales: [],
      bundle: undefined,
    });
    expect(target(targets, /T0 req\/s/)).toMatchObject({ value: 0.15, pass: true });
    expect(target(targets, /^E1.stages.list: CPU/)).toMatchObject({ value: 1.45, pass: true });
    expect(target(targets, /^E1.participants.byId: CPU/)).toMatchObject({ value: 1.55, pass: false });
    expect(target(targets, /^E5.batch.byId: CPU/)).toMatchObject({ value: 1, pass: true });
    // A batch carries ten calls: its latency is not held to the single-call bound.
    expect(target(targets, /^E5.batch.byId: p99/)).toBeUndefined();
  });

  it('takes the adapter ratio from alternating rounds, reads against their paired T0, and names the data floor', () => {
    const targets = evaluateTargets({
      rows: [
        row('T0', 'T0', { cpuUs: 300 }),
        row('E1.participants.byId', 'stageflow', { cpuUs: 700, t0CpuUs: 200 }),
        row('E1.participants.byId', 'B1', { cpuUs: 360 }),
      ],
      scales: [],
      bundle: undefined,
      adapter: { t0Rps: [4000, 5000, 4500], b0Rps: [50000, 40000, 45000] },
    });
    expect(target(targets, /T0 req\/s/)).toMatchObject({ value: 0.1, pass: false });
    expect(target(targets, /^E1.participants.byId: CPU/)).toMatchObject({
      value: 3.5,
      note: 'B1, the data access alone, is 1.80× T0',
    });
  });

  it('holds the largest board to 50 ms and its growth to linear', () => {
    const targets = evaluateTargets({
      rows: [
        row('T0', 'T0'),
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
        row('T0', 'B0', { non2xx: 3 }),
        row('E3.complete', 'stageflow', { non2xx: 2, errors: 1 }),
      ],
      scales: [],
      bundle: undefined,
    });
    expect(target(targets, /non-2xx/)).toMatchObject({ value: 6, pass: false });
  });
});
