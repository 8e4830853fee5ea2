import { describe, expect, it } from 'vitest';
import { formatPostgres } from './report.ts';
import type { Row } from './targets.ts';

const row = (id: string, server: Row['server'], fields: Partial<Row> = {}): Row => ({
  id,
  label: id.slice(4),
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

describe('formatPostgres', () => {
  it('shows each endpoint once, its CPU over B1 on PostgreSQL, and requests/s on two processes over one', () => {
    const text = formatPostgres([
      row('pg1:E1.participants.byId', 'stageflow', { cpuUs: 2000, rps: 400 }),
      row('pg1:E1.participants.byId', 'B1', { cpuUs: 400, rps: 800 }),
      row('pg2:E1.participants.byId', 'stageflow', { cpuUs: 2100, rps: 700 }),
      row('pg1:E2.board.1000', 'stageflow', { connections: 1, cpuUs: 9000, rps: 20 }),
      row('pg1:E2.board.1000', 'B1', { connections: 1, cpuUs: 3000 }),
      row('pg2:E2.board.1000', 'stageflow', { connections: 2, rps: 50 }),
    ]);
    const lines = text.split('\n');
    const byId = lines.filter((l) => l.startsWith('E1.participants.byId'));
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatch(/50 \/ 50 +400 .* 2,000 +400 +5\.00× +800 .* 700 .* 2,100 +1\.75×$/);
    expect(lines.find((l) => l.startsWith('E2.board.1000'))).toMatch(/1 \/ 2 .* 3\.00× .* 2\.50×$/);
  });
});
