import { trpc } from '../../app/trpc.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';

/**
 * A written assessment's submitted answers, question by question, for the reviewer who scores them
 * (docs/rules.md#written-assessments). Nothing shows before the participant submits: drafts are theirs.
 */
export function SubmittedAnswers({ sessionId }: { sessionId: string }) {
  const query = trpc.sessions.answers.useQuery({ id: sessionId });
  const answers = query.data;
  if (query.isError) {
    return (
      <ErrorState
        compact
        error={query.error}
        title="Could not load the submitted answers"
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  if (!answers?.submitted_at) return null;
  return (
    <section className="submitted-answers" aria-label="Submitted answers">
      <h4 className="submitted-answers-title">Answers submitted {formatDateTime(answers.submitted_at)}</h4>
      <ol className="submitted-answers-list">
        {answers.questions.map((q) => (
          <li key={q.id}>
            <p className="submitted-question">
              <span className="muted">Question {q.number}</span> {q.prompt}
              {q.dimension && <span className="muted"> · informs {q.dimension}</span>}
            </p>
            {q.text.trim() === '' ? (
              <p className="submitted-answer muted">No answer</p>
            ) : (
              <p className="submitted-answer">{q.text}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
