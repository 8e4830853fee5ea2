import type { Db } from '../../client.ts';
import type { StageRepository } from '../stages.ts';
import { createAwaitingScoreQuery } from './awaiting-score.ts';
import { createStateLoader } from './load.ts';
import { createParticipantQueries } from './queries.ts';
import { createCommandStore } from './store.ts';

export type { AwaitingScore } from './awaiting-score.ts';
export type { ParticipantFilter } from './queries.ts';

export function createParticipantRepository(db: Db, stages: StageRepository) {
  const load = createStateLoader(db, stages);
  return {
    load,
    ...createCommandStore(db, load),
    ...createParticipantQueries(db),
    ...createAwaitingScoreQuery(db),
  };
}
