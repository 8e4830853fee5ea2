import { formatDateTime } from '../../lib/format.ts';
import { actorName, describeEvent, type TimelineContext, type TimelineEvent } from './timeline.ts';

interface TimelineProps {
  events: readonly TimelineEvent[];
  memberNames: ReadonlyMap<string, string>;
  context: TimelineContext;
}

/** The audit trail, newest first: who, when, what happened and why (rule, score, note). */
export function Timeline({ events, memberNames, context }: TimelineProps) {
  const entries = events
    .map((event) => ({ event, entry: describeEvent(event, context) }))
    .filter(({ entry }) => !entry.hidden);
  if (entries.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map(({ event, entry }) => (
        <li key={event.seq} className={`timeline-item tone-${entry.tone}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <p className="timeline-title">{entry.title}</p>
            {entry.details.length > 0 && (
              <ul className="timeline-details">
                {entry.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
            {entry.note && <blockquote className="note-quote">{entry.note}</blockquote>}
            <p className="timeline-meta">
              {actorName(event.actor, memberNames)} ·{' '}
              <time dateTime={event.occurred_at}>{formatDateTime(event.occurred_at)}</time>
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
