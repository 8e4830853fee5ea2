import type { InterviewStatus, Session, SessionTranscript as Transcript } from '@stageflow/domain';
import { trpc } from '../../app/trpc.ts';
import { formatDateTime, plural } from '../../lib/format.ts';

/** Where an interview stands, for the reviewer (docs/rules.md#the-interview). */
const STATUS: Record<Exclude<InterviewStatus, 'ended'>, string> = {
  not_started: 'The interviewer has not begun yet.',
  awaiting_participant: 'Under way: waiting for the participant’s answer.',
  awaiting_interviewer: 'Under way: the interviewer owes its next turn (it was unavailable, or is answering now).',
};

const ENDED: Record<NonNullable<Transcript['ended_by']>, string> = {
  interviewer: 'The interview is complete: every dimension had its questions.',
  time: 'The interview’s time ran out.',
  participant: 'The participant finished the interview.',
};

function statusLine(transcript: Transcript, session: Session): string {
  if (transcript.status !== 'ended') return STATUS[transcript.status];
  const ended = ENDED[transcript.ended_by ?? 'interviewer'];
  return session.status === 'in_progress' ? `${ended} Score it beside the transcript: Complete with scores.` : ended;
}

/**
 * An AI-run session's conversation as the participant's portal stored it, turn by turn
 * (`sessions.transcript`): open while the session waits for its result, folded once it has one.
 * Nothing when the session has no interview turns.
 */
export function SessionTranscript({ session, participantName }: { session: Session; participantName: string }) {
  const query = trpc.sessions.transcript.useQuery({ id: session.id });
  const transcript = query.data;
  if (!transcript || transcript.turns.length === 0) return null;
  const source = transcript.source === 'plan' ? ' · asked from the plan (no model)' : '';
  return (
    <section className="transcript" aria-label={`Transcript, attempt ${session.attempt}`}>
      <p className="transcript-status">{statusLine(transcript, session)}</p>
      <details open={session.status === 'in_progress'}>
        <summary>
          Transcript · {plural(transcript.turns.length, 'turn')}
          {source}
        </summary>
        <ol className="transcript-turns">
          {transcript.turns.map((turn) => (
            <li key={turn.index} className={`transcript-turn ${turn.speaker}`}>
              <span className="transcript-speaker">
                {turn.speaker === 'interviewer' ? 'Interviewer' : participantName}
              </span>{' '}
              <time className="muted" dateTime={turn.at}>
                {formatDateTime(turn.at)}
              </time>
              <p>{turn.text}</p>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
