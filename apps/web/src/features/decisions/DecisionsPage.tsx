import { keepPreviousData } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlSearch } from '../../lib/use-url-search.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ToolbarSearch } from '../../ui/ListToolbar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useCan } from '../account/use-account.ts';
import { ScoreAgainstMark } from '../participants/ParticipantBadges.tsx';
import { DECISION_REASON, OUTCOME_LABEL, SUGGESTION_LABEL } from '../participants/participant-labels.ts';
import { actorName } from '../participants/timeline.ts';
import { type TemplateStages, useMemberNames, useTemplateStages } from '../participants/use-participant-data.ts';
import { AwaitingScore } from './AwaitingScore.tsx';
import { DecideButtons } from './DecideButtons.tsx';

type DecisionItem = RouterOutputs['decisions']['list'][number];
type View = 'open' | 'decided';

/** The participant page, scrolled to the session whose scorecard the decision is about. */
const scorecardLink = (d: DecisionItem) => `/participants/${d.participant_id}#session-${d.session_id}`;

/**
 * A participant who asked for a person instead of the AI interviewer (docs/rules.md#consent-to-an-ai-run-stage):
 * nothing was scored, so the card says what happened and what a reviewer can do about it.
 */
const isHumanAlternative = (d: DecisionItem) => d.reason === 'human_alternative';

export default function DecisionsPage() {
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'decided' ? 'decided' : 'open';
  const search = useUrlSearch();
  const canDecide = useCan('reviewer');
  const query = trpc.decisions.list.useQuery(
    { status: view, ...(search.applied ? { search: search.applied } : {}) },
    { placeholderData: keepPreviousData },
  );
  /** Open or Decided, in the URL beside the search. */
  const show = (next: View) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next === 'decided') out.set('view', next);
        else out.delete('view');
        return out;
      },
      { replace: true },
    );
  const openCount = trpc.decisions.openCount.useQuery();
  const names = useTemplateStages((query.data ?? []).map((d) => d.evaluation_template_id));
  const members = useMemberNames();

  return (
    <>
      <PageHeader
        title="Decisions"
        description="Participants waiting for a reviewer, oldest first. Approve the suggestion in one click, or decide otherwise with a note."
      />
      <search className="toolbar toolbar-wrap">
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          <button
            type="button"
            className="segmented-option"
            aria-pressed={view === 'open'}
            onClick={() => show('open')}
          >
            Open{openCount.data !== undefined && <span className="count-pill">{openCount.data}</span>}
          </button>
          <button
            type="button"
            className="segmented-option"
            aria-pressed={view === 'decided'}
            onClick={() => show('decided')}
          >
            Decided
          </button>
        </fieldset>
        <ToolbarSearch
          label="Search decisions"
          placeholder="Search by participant name or email…"
          value={search.text}
          onChange={search.setText}
        />
      </search>
      {view === 'open' && !search.applied && <AwaitingScore />}
      <QueryGate query={query} loading="Loading decisions">
        {(decisions) =>
          decisions.length === 0 ? (
            search.applied ? (
              <EmptyState
                title="No decisions match"
                action={<Button onClick={() => search.setText('')}>Clear search</Button>}
              >
                No {view === 'open' ? 'open' : 'decided'} decision is about someone with “{search.applied}” in their
                name or email.
              </EmptyState>
            ) : view === 'open' ? (
              <EmptyState
                title="Nothing waits for a decision"
                action={<LinkButton to="/participants">Go to Participants</LinkButton>}
              >
                A participant lands here when a stage needs a reviewer’s approval, when they did not pass and have no
                attempts left, when they asked for a person instead of the AI interviewer, or when the AI interviewer’s
                score could not be checked against what they said. Nobody is waiting right now.
              </EmptyState>
            ) : (
              <EmptyState title="No decisions yet">Decisions reviewers have made appear here, newest first.</EmptyState>
            )
          ) : (
            <ul className="decision-list" aria-label={view === 'open' ? 'Open decisions' : 'Decided'}>
              {decisions.map((d) => (
                <li key={d.id}>
                  <DecisionCard
                    decision={d}
                    names={names}
                    canDecide={canDecide}
                    decidedBy={d.decided_by && actorName(d.decided_by, members)}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </QueryGate>
    </>
  );
}

function DecisionCard({
  decision: d,
  names,
  canDecide,
  decidedBy,
}: {
  decision: DecisionItem;
  names: TemplateStages;
  canDecide: boolean;
  decidedBy: string | null;
}) {
  const stageName = names.stageName(d.stage_id);
  const person = isHumanAlternative(d);
  return (
    <article className="decision-card" aria-label={`${d.participant_name} at ${stageName}`}>
      <div className="decision-main">
        <h2 className="decision-title">
          <Link to={`/participants/${d.participant_id}`} data-shortcut-row="">
            {d.participant_name}
          </Link>
          <span className="decision-where">
            {names.templateNames.get(d.evaluation_template_id) ?? '…'} · {stageName}
          </span>
        </h2>
        {person ? (
          <>
            <p>
              {d.participant_name} asked for a person to run {stageName} instead of the AI interviewer.
            </p>
            {d.status === 'open' && (
              <p className="muted">
                Run the stage with them yourself (a call or a meeting), then record its result on their page: that
                closes this request, and the stage’s rules apply to the result as usual. Or advance or reject them here,
                with a note on how it went. Nothing is held against them for asking.
              </p>
            )}
          </>
        ) : d.reason === 'scorecard_needs_review' ? (
          <>
            <p>
              The AI interviewer scored {d.participant_name}, but nothing they said backs its score for{' '}
              {d.unverified_dimensions.length > 0 ? d.unverified_dimensions.join(', ') : 'every dimension'}: a quote it
              gave was not in their answers, or it gave none.
            </p>
            {d.status === 'open' && (
              <p className="muted">
                Read the quotes and the transcript on their page, then decide here, or replace the AI’s score with your
                own there. The AI’s score alone moves nobody.
              </p>
            )}
          </>
        ) : (
          <p>{DECISION_REASON[d.reason]}</p>
        )}
        <dl className="decision-facts">
          {!person && (
            <div>
              <dt>Score</dt>
              <dd>
                <ScoreAgainstMark score={d.overall_score} threshold={d.threshold_applied} />
              </dd>
            </div>
          )}
          {d.suggested && (
            <div>
              <dt>Suggested</dt>
              <dd>
                <Badge tone={d.suggested === 'advance' ? 'success' : 'danger'}>{SUGGESTION_LABEL[d.suggested]}</Badge>
              </dd>
            </div>
          )}
          <div>
            <dt>{d.status === 'open' ? 'Waiting since' : 'Decided'}</dt>
            <dd>{formatDateTime(d.status === 'open' ? d.created_at : (d.decided_at ?? d.created_at))}</dd>
          </div>
          {d.status === 'decided' && (
            <div>
              <dt>Outcome</dt>
              <dd>
                {d.outcome ? (
                  <Badge tone={d.outcome === 'reject' ? 'danger' : d.outcome === 'retake' ? 'warning' : 'success'}>
                    {OUTCOME_LABEL[d.outcome]}
                  </Badge>
                ) : (
                  <span className="muted">
                    {person
                      ? 'Closed: a result was recorded, or the participant left the stage'
                      : d.reason === 'scorecard_needs_review'
                        ? 'Closed: a reviewer replaced the AI’s score, or the participant was moved by hand'
                        : 'Closed (the participant was moved by hand)'}
                  </span>
                )}
                {decidedBy && <span className="muted"> by {decidedBy}</span>}
              </dd>
            </div>
          )}
        </dl>
        {d.note && <blockquote className="note-quote">{d.note}</blockquote>}
        {person ? (
          <Link className="decision-link" to={`/participants/${d.participant_id}`}>
            Open their page to record the result
          </Link>
        ) : (
          <Link className="decision-link" to={scorecardLink(d)}>
            {d.reason === 'scorecard_needs_review' ? 'Check the quotes and the transcript' : 'View the scorecard'}
          </Link>
        )}
      </div>
      {d.status === 'open' && canDecide && (
        <div className="decision-actions">
          <DecideButtons decision={d} participantName={d.participant_name} stageName={stageName} />
        </div>
      )}
    </article>
  );
}
