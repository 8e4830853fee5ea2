import type { Session } from '@stageflow/domain';
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { SESSION_STATUS } from './participant-labels.ts';
import { ScorecardView } from './ScorecardView.tsx';
import { SessionTranscript } from './SessionTranscript.tsx';
import { SubmittedAnswers } from './SubmittedAnswers.tsx';

export interface SessionButtons {
  session_id: string;
  start: boolean;
  complete: boolean;
  fail: boolean;
  cancel: boolean;
  /** The stage's interviewer can score it, given a record (docs/rules.md#scoring-with-evidence). */
  score: boolean;
}

export type SessionCommand = 'start' | 'complete' | 'reschedule' | 'fail' | 'cancel' | 'score' | 'replace';

interface SessionListProps {
  sessions: readonly Session[];
  stageName: (stageId: string) => string;
  /** What the rules allow on each open session (empty for people who may not run sessions). */
  buttons: readonly SessionButtons[];
  /** The session scheduled at the current stage can be moved (the outlook's answer). */
  canReschedule: boolean;
  /** Sessions the participant is done with that nobody has scored yet (docs/rules.md#when-the-interviewer-cannot-score). */
  awaitingScore: ReadonlySet<string>;
  /** Completed sessions whose score this person may correct (docs/rules.md#correcting-a-score). */
  replaceable: ReadonlySet<string>;
  /** A person by their audit-trail actor: who scored a scorecard. */
  personName: (actor: string) => string;
  busy: boolean;
  /** The session being scored by the interviewer right now, if any. */
  scoring: string | null;
  onCommand: (command: SessionCommand, session: Session) => void;
  /** Sessions of written assessments: their submitted answers show beside the scorecard. */
  hasAnswers?: (session: Session) => boolean;
  /** Whose answers a transcript shows, for sessions of AI-run stages (`hasInterview`). */
  participantName: string;
  /** Whether the session's stage is run by an AI interviewer, so it may have a transcript. */
  hasInterview: (session: Session) => boolean;
}

/** Every attempt, newest first, with its scorecard; open ones carry the buttons the rules allow. */
export function SessionList({
  sessions,
  stageName,
  buttons,
  canReschedule,
  awaitingScore,
  replaceable,
  personName,
  busy,
  scoring,
  onCommand,
  hasAnswers,
  participantName,
  hasInterview,
}: SessionListProps) {
  return (
    <ol className="session-list">
      {sessions.map((s) => {
        const allowed = buttons.find((b) => b.session_id === s.id);
        const status = SESSION_STATUS[s.status];
        return (
          <li key={s.id} id={`session-${s.id}`} className="session-item" tabIndex={-1}>
            <article aria-label={`${stageName(s.stage_id)}, attempt ${s.attempt}`}>
              <header className="session-header">
                <h3 className="session-title">
                  {stageName(s.stage_id)} <span className="muted">· attempt {s.attempt}</span>
                </h3>
                <Badge tone={status.tone}>{status.label}</Badge>
              </header>
              <p className="session-when muted">
                {s.completed_at
                  ? `Completed ${formatDateTime(s.completed_at)}`
                  : s.started_at
                    ? `Started ${formatDateTime(s.started_at)}`
                    : s.status === 'scheduled'
                      ? `Scheduled for ${formatDateTime(s.scheduled_at)} (${s.timezone})`
                      : `Was scheduled for ${formatDateTime(s.scheduled_at)}`}
              </p>
              {s.notes && <p className="session-notes">{s.notes}</p>}
              {s.end_reason && <p className="session-notes">Reason: {s.end_reason}</p>}
              {hasAnswers?.(s) && <SubmittedAnswers sessionId={s.id} />}
              {s.scorecard && (
                <ScorecardView scorecard={s.scorecard} personName={personName} replaced={s.replaced_scorecards} />
              )}
              {/* Once scored, the scorecard keeps the conversation; until then it is read as the portal stored it. */}
              {hasInterview(s) && !s.scorecard && <SessionTranscript session={s} participantName={participantName} />}
              {awaitingScore.has(s.id) && (
                <p className="session-record muted">
                  The participant is done and nobody has scored it yet: the interviewer can score it, or you record the
                  result beside what they gave.
                </p>
              )}
              {replaceable.has(s.id) && (
                <div className="session-actions">
                  <Button size="sm" disabled={busy} onClick={() => onCommand('replace', s)}>
                    Correct score
                  </Button>
                </div>
              )}
              {allowed && (allowed.start || allowed.complete || allowed.fail || allowed.cancel) && (
                <div className="session-actions">
                  {allowed.score && awaitingScore.has(s.id) && (
                    <Button
                      size="sm"
                      variant="primary"
                      pending={scoring === s.id}
                      disabled={busy}
                      onClick={() => onCommand('score', s)}
                    >
                      Score with the interviewer
                    </Button>
                  )}
                  {allowed.start && (
                    <Button size="sm" disabled={busy} onClick={() => onCommand('start', s)}>
                      Start session
                    </Button>
                  )}
                  {allowed.complete && (
                    <Button size="sm" variant="primary" disabled={busy} onClick={() => onCommand('complete', s)}>
                      Complete with scores
                    </Button>
                  )}
                  {canReschedule && s.status === 'scheduled' && (
                    <Button size="sm" disabled={busy} onClick={() => onCommand('reschedule', s)}>
                      Reschedule
                    </Button>
                  )}
                  {allowed.fail && (
                    <Button size="sm" variant="ghost" disabled={busy} onClick={() => onCommand('fail', s)}>
                      Mark technical failure
                    </Button>
                  )}
                  {allowed.cancel && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-danger"
                      disabled={busy}
                      onClick={() => onCommand('cancel', s)}
                    >
                      Cancel session
                    </Button>
                  )}
                </div>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
