import { type EvaluationStage, isAiRun, type ParticipantOutlook, type StageProgress } from '@stageflow/domain';
import type { ReactNode } from 'react';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { formatDateTime, formatScore } from '../../lib/format.ts';
import { AUTOMATION_RULES, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import { Button } from '../../ui/Button.tsx';
import { DecideButtons } from '../decisions/DecideButtons.tsx';
import { StageStateBadge } from './ParticipantBadges.tsx';
import { DECISION_REASON } from './participant-labels.ts';

type Detail = RouterOutputs['participants']['byId'];

interface CurrentStageCardProps {
  participant: Detail;
  stage: EvaluationStage;
  progress: StageProgress;
  /** What the rules say about them here: attempts, the next stage, the cool-down, what can be booked. */
  outlook: ParticipantOutlook;
  canReview: boolean;
  onRecordResult: () => void;
  onSchedule: () => void;
}

/** The participant's answer to the AI notice in their portal (docs/rules.md#consent-to-an-ai-run-stage). */
const CONSENT_WORDS = {
  none: 'Not answered yet: they cannot start the AI session themselves',
  accepted: 'Accepted: they can start the AI session from their portal',
  declined: 'Declined: they asked for a person to run this stage',
} as const;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Where the participant is now, by the rules they entered the stage with, and what can be done next. */
export function CurrentStageCard({
  participant,
  stage,
  progress,
  outlook,
  canReview,
  onRecordResult,
  onSchedule,
}: CurrentStageCardProps) {
  const { rules } = progress;
  const actions = participant.actions;
  const openDecisions = participant.decisions.filter(
    (d) => d.status === 'open' && (actions?.decision_ids ?? []).includes(d.id),
  );
  const finalReview = stage.stage_type === 'final_review';
  const onCompletion = finalReview
    ? 'The reviewer’s result ends the journey'
    : `${AUTOMATION_RULES[rules.automation_rule].label}${rules.auto_reject ? '; rejects automatically when out of attempts' : ''}`;
  // Booking is offered during a cool-down too: the dialog then starts from its end.
  const canAct = canReview && (actions?.record_result || outlook.can_schedule);
  const interviewer = trpc.agentProfiles.byId.useQuery(
    { id: stage.agent_profile_id ?? '' },
    { enabled: stage.agent_profile_id !== null },
  );

  return (
    <section className="card current-stage" aria-labelledby="now-title">
      <div className="section-header">
        <div>
          <h2 id="now-title" className="section-title">
            Now at {stage.stage_name} <StageStateBadge state={progress.state} />
          </h2>
          <p className="section-description">
            {STAGE_TYPE_LABELS[stage.stage_type]} · entered {formatDateTime(progress.entered_at)}
            {outlook.next_stage ? ` · next: ${outlook.next_stage.name}` : ' · next: none, they complete'}
          </p>
        </div>
        {canAct && (
          <div className="section-actions">
            {outlook.can_schedule && <Button onClick={onSchedule}>Schedule session</Button>}
            {actions?.record_result && (
              <Button variant="primary" onClick={onRecordResult}>
                {finalReview ? 'Record final review' : 'Record result'}
              </Button>
            )}
          </div>
        )}
      </div>
      <dl className="details">
        <Fact term="Attempts">
          {outlook.attempts_used} of {outlook.attempts_allowed} used
          {progress.retakes_granted > 0 && <span className="muted"> (incl. {progress.retakes_granted} granted)</span>}
        </Fact>
        <Fact term="Interviewer">
          {stage.agent_profile_id === null ? 'A reviewer' : (interviewer.data?.name ?? '…')}
        </Fact>
        {isAiRun(stage.stage_type) && <Fact term="AI notice">{CONSENT_WORDS[progress.consent ?? 'none']}</Fact>}
        <Fact term="Pass mark">
          {rules.pass_threshold === null ? 'None' : `${formatScore(rules.pass_threshold)} / 100`}
        </Fact>
        <Fact term="On completion">{onCompletion}</Fact>
        <Fact term="Retakes">
          {rules.allow_retake
            ? `Allowed${rules.retake_cooldown_hours > 0 ? `, ${rules.retake_cooldown_hours} h apart` : ''}`
            : 'Not allowed'}
        </Fact>
      </dl>

      <StageHint
        state={progress.state}
        cooldown={outlook.cooldown_ends_at}
        hasOpenDecision={openDecisions.length > 0}
        canReview={canReview}
      />
      {openDecisions.map((d) => (
        <section key={d.id} className="inline-decision" aria-label="Open decision">
          {d.reason === 'human_alternative' ? (
            <p>
              <strong>Asked for a person:</strong> {participant.name} asked for a person to run {stage.stage_name}{' '}
              instead of the AI interviewer. Run it with them and record its result: that closes the request.
            </p>
          ) : (
            <p>
              <strong>Waiting for a reviewer:</strong> {DECISION_REASON[d.reason]}.{' '}
              {d.suggested ? `Suggested: ${d.suggested}.` : 'No suggestion: the rules would have moved nobody.'}
            </p>
          )}
          {canReview && <DecideButtons decision={d} participantName={participant.name} stageName={stage.stage_name} />}
        </section>
      ))}
    </section>
  );
}

/** A sentence for the states where nothing, or not everything, can be done right now. */
function StageHint({
  state,
  cooldown,
  hasOpenDecision,
  canReview,
}: {
  state: StageProgress['state'];
  cooldown: string | null;
  hasOpenDecision: boolean;
  canReview: boolean;
}) {
  let text: string | null = null;
  if (state === 'retake_available' && cooldown) {
    text = `A retake is allowed from ${formatDateTime(cooldown)}, when the cool-down ends.`;
  } else if (state === 'retake_available') {
    text = 'Did not pass; another attempt can start now.';
  } else if (state === 'awaiting_decision' && !hasOpenDecision) {
    text = 'Waiting for a reviewer’s decision.';
  } else if (state === 'passed') {
    text = 'Passed. This stage does nothing automatic: an admin advances them when ready.';
  } else if (state === 'failed') {
    text = 'Did not pass and has no attempts left. An admin can reject them, or advance them with a note.';
  } else if (state === 'pending' && !canReview) {
    text = 'Waiting for their session.';
  }
  return text ? <p className="stage-hint">{text}</p> : null;
}
