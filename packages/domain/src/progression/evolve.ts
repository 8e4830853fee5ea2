import { extended } from '../objects.ts';
import type { Decision, Participant, ParticipantStatus, Session, StageProgress } from './entities.ts';
import type { ParticipantEvent } from './events.ts';
import type { ParticipantState } from './state.ts';

/** Folds one event into the state. Never refuses: events are facts already decided. */
export function evolveParticipant(state: ParticipantState, event: ParticipantEvent): ParticipantState {
  const at = event.occurred_at;
  switch (event.type) {
    case 'participant_enrolled':
      return extended(state, { participant: event.data.participant });
    case 'participant_updated':
      return patchParticipant(state, at, event.data.changes);
    case 'stage_entered': {
      const d = event.data;
      const entered: StageProgress = {
        participant_id: event.participant_id,
        stage_id: d.stage_id,
        state: 'pending',
        attempts_used: 0,
        retakes_granted: 0,
        entered_at: at,
        left_at: null,
        rules: d.rules,
        consent: null,
      };
      const left = state.progress.map((p) => (p.left_at === null ? extended(p, { left_at: at }) : p));
      return extended(patchParticipant(state, at, { current_stage_id: d.stage_id }), { progress: [...left, entered] });
    }
    case 'session_scheduled':
      return extended(
        patchProgress(state, event.data.session.stage_id, () => ({ state: 'scheduled' })),
        {
          sessions: [...state.sessions, event.data.session],
        },
      );
    case 'session_rescheduled': {
      const { scheduled_at, timezone, notes } = event.data;
      return patchSession(state, event.data.session_id, { scheduled_at, timezone, notes, updated_at: at });
    }
    case 'session_started':
      return patchProgress(
        patchSession(state, event.data.session_id, { status: 'in_progress', started_at: at, updated_at: at }),
        event.data.stage_id,
        () => ({ state: 'in_progress' }),
      );
    case 'session_completed': {
      const { session_id, stage_id, scorecard, attempts_used } = event.data;
      const completed = patchSession(state, session_id, {
        status: 'completed',
        completed_at: at,
        scorecard,
        updated_at: at,
      });
      // The stage's new state comes with the outcome event that always follows in the same batch.
      return patchProgress(completed, stage_id, () => ({ attempts_used }));
    }
    case 'session_failed':
    case 'session_cancelled': {
      const status = event.type === 'session_failed' ? 'failed' : 'cancelled';
      const ended = patchSession(state, event.data.session_id, {
        status,
        end_reason: event.data.reason,
        updated_at: at,
      });
      return settleAfterSessionEnded(ended, event.data.stage_id);
    }
    case 'retake_available':
      return patchProgress(state, event.data.stage_id, () => ({ state: 'retake_available' }));
    case 'retake_granted':
      return patchProgress(state, event.data.stage_id, (p) => ({
        state: 'retake_available',
        retakes_granted: p.retakes_granted + 1,
      }));
    case 'decision_opened': {
      const decisions = [...state.decisions, event.data.decision];
      // A request for a person holds nothing up: the stage stays open for a session or a result.
      // Nor does a flag on a corrected score: the stage it is about may be long over.
      if (event.data.decision.reason === 'human_alternative' || event.data.decision.reason === 'scorecard_corrected') {
        return extended(state, { decisions });
      }
      return extended(
        patchProgress(state, event.data.stage_id, () => ({ state: 'awaiting_decision' })),
        { decisions },
      );
    }
    case 'decision_decided':
    case 'decision_closed': {
      const { decision_id, outcome, note } = event.data;
      return patchDecision(state, decision_id, {
        status: 'decided',
        outcome,
        note,
        decided_by: event.actor,
        decided_at: at,
      });
    }
    case 'stage_passed':
      return patchProgress(state, event.data.stage_id, () => ({ state: 'passed' }));
    case 'stage_failed':
      return patchProgress(state, event.data.stage_id, () => ({ state: 'failed' }));
    case 'stage_skipped':
      return patchProgress(state, event.data.stage_id, () => ({ state: 'skipped' }));
    case 'participant_completed':
      return finish(state, at, 'completed', event.data.recommendation);
    case 'participant_rejected':
      return finish(state, at, 'rejected', event.data.recommendation);
    case 'participant_withdrawn':
      return finish(state, at, 'withdrawn', null);
    case 'participant_finished_session':
    case 'participant_submitted_answers':
      // A note for the reviewers: the session stays in progress until its result is recorded.
      return state;
    case 'participant_consented_ai':
      return patchProgress(state, event.data.stage_id, () => ({ consent: 'accepted' }));
    case 'participant_declined_ai':
      // The human-alternative decision arrives in the `decision_opened` event that follows.
      return patchProgress(state, event.data.stage_id, () => ({ consent: 'declined' }));
    case 'scorecard_replaced': {
      const { session_id, scorecard, note } = event.data;
      // The earlier scorecard stays on the session, whole; what the new one leads to follows in the batch.
      return extended(state, {
        sessions: state.sessions.map((s) =>
          s.id === session_id && s.scorecard
            ? extended(s, {
                scorecard,
                replaced_scorecards: [
                  ...s.replaced_scorecards,
                  { scorecard: s.scorecard, replaced_at: at, replaced_by: event.actor, note },
                ],
                updated_at: at,
              })
            : s,
        ),
      });
    }
    case 'scoring_failed':
      // A note for staff: the session waits for a reviewer as it was.
      return state;
  }
}

function patchParticipant(state: ParticipantState, at: string, patch: Partial<Participant>): ParticipantState {
  if (!state.participant) return state;
  return extended(state, { participant: extended({ ...state.participant, ...patch }, { updated_at: at }) });
}

/** A participant never re-enters a stage, so the stage id names their progress row. */
function patchProgress(
  state: ParticipantState,
  stageId: string,
  patch: (p: StageProgress) => Partial<StageProgress>,
): ParticipantState {
  return extended(state, {
    progress: state.progress.map((p) => (p.stage_id === stageId ? { ...p, ...patch(p) } : p)),
  });
}

function patchSession(state: ParticipantState, sessionId: string, patch: Partial<Session>): ParticipantState {
  return extended(state, { sessions: state.sessions.map((s) => (s.id === sessionId ? { ...s, ...patch } : s)) });
}

function patchDecision(state: ParticipantState, decisionId: string, patch: Partial<Decision>): ParticipantState {
  return extended(state, {
    decisions: state.decisions.map((d) => (d.id === decisionId ? { ...d, ...patch } : d)),
  });
}

/**
 * A failed or cancelled session uses no attempt: the stage goes back to what it was before the session
 * was scheduled — awaiting a first attempt, or a retake when attempts were already used.
 */
function settleAfterSessionEnded(state: ParticipantState, stageId: string): ParticipantState {
  const stillOpen = state.sessions.filter(
    (s) => s.stage_id === stageId && (s.status === 'scheduled' || s.status === 'in_progress'),
  );
  return patchProgress(state, stageId, (p) => {
    if (p.state !== 'scheduled' && p.state !== 'in_progress') return {};
    if (stillOpen.some((s) => s.status === 'in_progress')) return { state: 'in_progress' };
    if (stillOpen.length > 0) return { state: 'scheduled' };
    return { state: p.attempts_used > 0 ? 'retake_available' : 'pending' };
  });
}

function finish(
  state: ParticipantState,
  at: string,
  status: Exclude<ParticipantStatus, 'active'>,
  recommendation: string | null,
): ParticipantState {
  const done = patchParticipant(state, at, { status, recommendation, current_stage_id: null });
  return extended(done, {
    progress: done.progress.map((p) => (p.left_at === null ? extended(p, { left_at: at }) : p)),
  });
}
