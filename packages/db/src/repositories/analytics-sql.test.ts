import { expect, test } from 'vitest';
import { createTestDb } from '../client.ts';
import { REPLAYABLE_STAYS_SQL } from './analytics-sql.ts';

/** How SQLite plans to read the sessions for a statement, as `explain query plan` says it. */
function sessionsPlanOf(sqlText: string) {
  const plan = createTestDb()
    .$client.prepare(`explain query plan ${sqlText}`)
    .all({ ws: 'w', stages: '[]', start: null, end: null }) as { detail: string }[];
  return plan.map((step) => step.detail).find((detail) => / s USING /.test(detail));
}

test('the rule simulation reads every result it replays off the index that keeps its facts, no session row', () => {
  // A session's row holds its scorecard (~1 kB at the bench's); reading 130k of them was a third of the simulation.
  expect(sessionsPlanOf(REPLAYABLE_STAYS_SQL)).toMatch(
    /^SEARCH s USING COVERING INDEX sessions_workspace_stage_replay_idx/,
  );
  // Asked for one column the index lacks, the plan reads the rows too: the check above can fail.
  const withScorecard = REPLAYABLE_STAYS_SQL.replace('s.result_needs_review', 's.result_needs_review, s.scorecard');
  expect(sessionsPlanOf(withScorecard)).toMatch(/^SEARCH s USING INDEX sessions_workspace_stage_replay_idx/);
});
