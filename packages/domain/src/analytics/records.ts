import type { ParticipantState } from '../progression/state.ts';
import type { StageRecord } from './replay.ts';
import { replayedFactsOf } from './scores.ts';

/**
 * One participant's stage records from their state, in the order they entered the stages: what the store
 * sends a rule simulation for many participants at once with SQL (packages/db analytics queries: the stays
 * with results as records, the others counted), written here for one. The store is tested against it. `stageTypes` gives each stage's type today (archived stages included).
 */
export function stageRecordsOf(state: ParticipantState, stageTypes: ReadonlyMap<string, StageRecord['stage_type']>) {
  const p = state.participant;
  if (!p) return [];
  const last = state.progress.at(-1);
  return state.progress.flatMap((row): StageRecord[] => {
    const stage_type = stageTypes.get(row.stage_id);
    if (!stage_type) return [];
    const attempts = state.sessions
      .filter((s) => s.stage_id === row.stage_id && s.status === 'completed' && s.completed_at)
      .sort((a, b) => a.attempt - b.attempt)
      .flatMap(({ id, completed_at, scorecard }) =>
        scorecard
          ? [
              {
                session_id: id,
                completed_at: completed_at ?? '',
                overall_score: scorecard.overall_score,
                passed: scorecard.passed,
                ...replayedFactsOf(scorecard),
              },
            ]
          : [],
      );
    const decisions = state.decisions
      .filter((d) => d.stage_id === row.stage_id)
      .map((d) => ({ session_id: d.session_id, suggested: d.suggested, outcome: d.outcome }));
    const endedHere = row === last && (p.status === 'rejected' || p.status === 'withdrawn');
    return [
      {
        participant_id: p.id,
        stage_id: row.stage_id,
        stage_type,
        left_at: row.left_at,
        state: row.state,
        rules: row.rules,
        retakes_granted: row.retakes_granted,
        ended: endedHere ? (p.status as 'rejected' | 'withdrawn') : null,
        attempts,
        decisions,
      },
    ];
  });
}
