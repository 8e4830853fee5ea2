import type { StageRecord, StaySink } from '@stageflow/domain';

/** What a store sends a rule simulation: the stays with results in the order sent, the rest counted by stage. */
export interface SentStays {
  readonly records: StageRecord[];
  readonly withoutResult: Map<string, number>;
}

/** Catches what `send` sends a simulation (either engine's `sendStays`). */
export async function staysSent(send: (sink: StaySink) => unknown): Promise<SentStays> {
  const sent: SentStays = { records: [], withoutResult: new Map() };
  await send({
    stay: (r) => sent.records.push(r),
    staysWithoutResult: (stageId, count) => {
      if (count > 0) sent.withoutResult.set(stageId, (sent.withoutResult.get(stageId) ?? 0) + count);
    },
  });
  return sent;
}

/** Every stay (the domain's `stageRecordsOf`) split as a store sends them. */
export function staysToSend(records: readonly StageRecord[]): SentStays {
  const sent: SentStays = { records: [], withoutResult: new Map() };
  for (const r of records) {
    if (r.attempts.length > 0) sent.records.push(r);
    else sent.withoutResult.set(r.stage_id, (sent.withoutResult.get(r.stage_id) ?? 0) + 1);
  }
  return sent;
}
