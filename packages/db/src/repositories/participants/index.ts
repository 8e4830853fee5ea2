import type { Db } from '../../client.ts';
import { createAwaitingScoreQuery } from './awaiting-score.ts';
import { createStateLoader } from './load.ts';
import { createParticipantQueries } from './queries.ts';
import { createCommandStore } from './store.ts';

export type { AwaitingScore } from './awaiting-score.ts';
export type { ParticipantFilter } from './queries.ts';

export function createParticipantRepository(db: Db) {
  const load = createStateLoader(db);
  return {
    load,
    ...createCommandStore(db, load),
    ...createParticipantQueries(db),
    ...createAwaitingScoreQuery(db),
  };
}
