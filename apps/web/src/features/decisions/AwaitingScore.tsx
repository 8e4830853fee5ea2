import { Link } from 'react-router';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTemplateStages } from '../participants/use-participant-data.ts';

type Waiting = RouterOutputs['decisions']['awaitingScore'][number];

/** What the participant gave, and when they were done. */
const DONE: Record<Waiting['record'], string> = {
  interview: 'Interview ended',
  answers: 'Answers submitted',
};

/**
 * Sessions the participant is done with that nobody has scored: the AI interviewer could not (no model
 * is set up, or it failed), so a reviewer scores them beside the transcript
 * (docs/rules.md#when-the-interviewer-cannot-score). Shown above the open decisions; nothing when none wait.
 */
export function AwaitingScore() {
  const query = trpc.decisions.awaitingScore.useQuery();
  const waiting = query.data ?? [];
  const names = useTemplateStages(waiting.map((w) => w.evaluation_template_id));
  if (waiting.length === 0) return null;
  return (
    <section className="awaiting-score" aria-labelledby="awaiting-score-title">
      <h2 id="awaiting-score-title" className="section-title">
        Waiting for a score <span className="count-pill">{waiting.length}</span>
      </h2>
      <p className="muted section-description">
        They are done, and the AI interviewer could not score it: no model is set up, or it failed. Nothing was made up.
        Read what they said, then record the result, or ask the interviewer again.
      </p>
      <ul className="decision-list" aria-label="Waiting for a score">
        {waiting.map((w) => (
          <li key={w.session_id}>
            <article className="decision-card" aria-label={`${w.participant_name} at ${w.stage_name}`}>
              <div className="decision-main">
                <h3 className="decision-title">
                  <Link to={`/participants/${w.participant_id}`}>{w.participant_name}</Link>
                  <span className="decision-where">
                    {names.templateNames.get(w.evaluation_template_id) ?? '…'} · {w.stage_name} · attempt {w.attempt}
                  </span>
                </h3>
                <dl className="decision-facts">
                  <div>
                    <dt>{DONE[w.record]}</dt>
                    <dd>{formatDateTime(w.done_at)}</dd>
                  </div>
                </dl>
                <Link className="decision-link" to={`/participants/${w.participant_id}#session-${w.session_id}`}>
                  {w.record === 'interview' ? 'Score it beside the transcript' : 'Score it beside the answers'}
                </Link>
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
