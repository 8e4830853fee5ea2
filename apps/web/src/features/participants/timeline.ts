import type { AutomationRule } from '@stageflow/domain';
import { formatDateTime, formatScore, plural } from '../../lib/format.ts';
import { AUTOMATION_RULES } from '../../lib/labels.ts';
import type { BadgeTone } from '../../ui/Badge.tsx';
import { DECISION_REASON, OUTCOME_LABEL, SUGGESTION_LABEL } from './participant-labels.ts';
import { droppedText, evidenceFacts, scoredByText } from './scorecard-words.ts';

/**
 * The audit trail in plain words. Events arrive as stored (`type` and a `data` object, docs/entities.md#event); each
 * type is read defensively, so an event this screen does not know still shows, by its type.
 */
export interface TimelineEvent {
  seq: number;
  type: string;
  actor: string;
  occurred_at: string;
  /** Set when the event was one person's part of a bulk action (docs/rules.md#bulk-actions). */
  bulk_action_id?: string | null;
  data: Record<string, unknown>;
}

export interface TimelineEntry {
  /** What happened, in one sentence. */
  title: string;
  /** The facts behind it: score against the pass mark, the rule that acted, attempts. */
  details: string[];
  /** A person's note or reason, quoted as written. */
  note: string | null;
  tone: BadgeTone;
  /** Bookkeeping a person need not read (a one-step result's session being opened). */
  hidden: boolean;
}

export interface TimelineContext {
  /** The stage's name as the template has it now (archived stages keep their name). */
  stageName: (stageId: string | null) => string;
  /** A person named by their audit-trail actor (`user:<id>`): who scored a scorecard. */
  personName?: (actor: string) => string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const obj = (v: unknown) => (isRecord(v) ? v : {});
const compact = (items: (string | null | undefined | false)[]) => items.filter((i): i is string => !!i);

/** A session the participant finished, by what ended its interview (docs/rules.md#the-interview); `none`: it had none. */
const INTERVIEW_ENDED: Record<string, string> = {
  none: 'Finished their session; it waits for a reviewer to record the result',
  participant: 'Finished their interview',
  interviewer: 'Their interview is complete',
  time: 'Their interview’s time ran out',
};

/** What follows an interview's end (docs/rules.md#scoring-with-evidence): the next entries say which it was. */
const SCORED_NEXT =
  'The AI interviewer scores it where a model is set up; otherwise it waits for a reviewer to score it beside the transcript';

const ruleLabel = (rule: unknown) =>
  typeof rule === 'string' && rule in AUTOMATION_RULES ? AUTOMATION_RULES[rule as AutomationRule].label : null;

/** "Score 82.5 against a pass mark of 75" (or "… no pass mark"); null without a score. */
export function scoreAgainst(score: unknown, threshold: unknown): string | null {
  const s = num(score);
  if (s === null) return null;
  const t = num(threshold);
  return t === null
    ? `Score ${formatScore(s)} (no pass mark)`
    : `Score ${formatScore(s)} against a pass mark of ${formatScore(t)}`;
}

/** The rules snapshot a participant is judged by at a stage, in one line. */
export function describeRules(rules: unknown, stageType?: unknown): string | null {
  const r = obj(rules);
  // A final review's result is the decision itself: its automation rule never applies (docs/rules.md#final-review).
  const rule = stageType === 'final_review' ? 'Final review: the result decides' : ruleLabel(r.automation_rule);
  if (!rule) return null;
  const threshold = num(r.pass_threshold);
  const max = num(r.max_attempts) ?? 1;
  const cooldown = num(r.retake_cooldown_hours) ?? 0;
  const retakes =
    r.allow_retake === true
      ? `up to ${plural(max, 'attempt')}${cooldown > 0 ? `, ${cooldown} h apart` : ''}`
      : 'no retakes';
  const pass = threshold === null ? 'No pass mark' : `Pass mark ${formatScore(threshold)}`;
  return `${pass} · ${rule} · ${retakes}${r.auto_reject === true ? ' · rejects automatically' : ''}`;
}

const attempts = (d: Record<string, unknown>) => {
  const used = num(d.attempts_used);
  const allowed = num(d.attempts_allowed);
  return used === null || allowed === null ? null : `${used} of ${plural(allowed, 'attempt')} used`;
};

/** Who or what made an outcome happen. */
function trigger(d: Record<string, unknown>): string | null {
  switch (d.trigger) {
    case 'automation': {
      const rule = ruleLabel(obj(d.rules).automation_rule);
      return rule ? `Rule: ${rule}` : 'By an automation rule';
    }
    case 'decision':
      return 'By a reviewer’s decision';
    case 'final_review':
      return 'By the final review';
    case 'manual':
      return 'By hand';
    default:
      return null;
  }
}

const LEFT_BY: Record<string, string> = {
  participant_advanced: 'the participant was advanced by hand',
  participant_rejected: 'the participant was rejected by hand',
  participant_withdrawn: 'the participant was withdrawn',
};

/** Why an open decision closed without anyone deciding it. */
const CLOSED_BY: Record<string, string> = {
  ...LEFT_BY,
  result_recorded: 'a result was recorded at the stage',
  scorecard_replaced: 'a reviewer corrected the score',
};

/** Why a correction of a score moved nobody (docs/rules.md#correcting-a-score); a decision flags it. */
const NOT_APPLIED: Record<string, string> = {
  left_stage:
    'Nobody was moved: they had already left this stage. A decision asks a reviewer whether anything should change.',
  decided:
    'Nobody was moved: a reviewer had already decided on the earlier score. A decision asks a reviewer whether anything should change.',
  later_attempt:
    'Nobody was moved: a later attempt at the stage came after it. A decision asks a reviewer whether anything should change.',
};

/** A stage closed by a reviewer's decision on a score under its pass mark (docs/rules.md#deciding-a-decision). */
const belowPassMark = (d: Record<string, unknown>) => {
  const score = num(d.overall_score);
  const mark = num(d.threshold_applied);
  return d.trigger === 'decision' && score !== null && mark !== null && score < mark;
};

/** "Advanced by reviewer at Technical — 45 against a pass mark of 75": what it was, never "Passed". */
function overrideTitle(d: Record<string, unknown>, stage: string): string {
  const score = num(d.overall_score);
  const mark = num(d.threshold_applied);
  if (score === null) return `Advanced by reviewer at ${stage} without a passing score`;
  return `Advanced by reviewer at ${stage} — ${formatScore(score)}${mark === null ? '' : ` against a pass mark of ${formatScore(mark)}`}`;
}

const humanize = (type: string) => {
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function describeEvent(event: TimelineEvent, ctx: TimelineContext): TimelineEntry {
  const entry = describeEventItself(event, ctx);
  // Done to many people at once: say so, so a reader does not look for a reason given to this person alone.
  return event.bulk_action_id ? { ...entry, details: [...entry.details, 'Part of a bulk action'] } : entry;
}

function describeEventItself(event: TimelineEvent, ctx: TimelineContext): TimelineEntry {
  const d = event.data;
  const personName = ctx.personName ?? (() => 'a reviewer');
  const stage = ctx.stageName(str(d.stage_id));
  const entry = (title: string, tone: BadgeTone, details: (string | null | false)[] = [], note: unknown = null) => ({
    title,
    tone,
    details: compact(details),
    note: str(note),
    hidden: false,
  });
  const basis = [scoreAgainst(d.overall_score, d.threshold_applied), trigger(d), attempts(d)];

  switch (event.type) {
    case 'participant_enrolled':
      return entry('Enrolled', 'info');
    case 'participant_updated': {
      const changed = Object.keys(obj(d.changes)).map((key) => key.replace(/_/g, ' '));
      return entry(changed.length ? `Details changed: ${changed.join(', ')}` : 'Details changed', 'neutral');
    }
    case 'stage_entered': {
      const skipped = Array.isArray(d.skipped_draft_stage_ids) ? d.skipped_draft_stage_ids.length : 0;
      return entry(`Entered ${str(d.stage_name) ?? stage}`, 'info', [
        describeRules(d.rules, d.stage_type),
        skipped > 0 && `Passed over ${plural(skipped, 'draft stage')}`,
      ]);
    }
    case 'session_scheduled': {
      const session = obj(d.session);
      const at = str(session.scheduled_at);
      const scheduled = entry(
        `Session scheduled at ${ctx.stageName(str(session.stage_id))}${at ? ` for ${formatDateTime(at)}` : ''}`,
        'info',
        [
          num(session.attempt) !== null && `Attempt ${session.attempt}`,
          str(session.timezone) && `Time zone ${session.timezone}`,
        ],
        session.notes,
      );
      // A result recorded in one step opens its session and completes it at once: the completion says it all.
      return { ...scheduled, hidden: d.via === 'record_result' };
    }
    case 'session_rescheduled': {
      const at = str(d.scheduled_at);
      const before = str(d.previous_scheduled_at);
      return entry(
        `Session at ${stage} moved${at ? ` to ${formatDateTime(at)}` : ''}`,
        'info',
        [before && `Was ${formatDateTime(before)}`],
        d.notes,
      );
    }
    case 'session_started':
      return entry(`Session started at ${stage}`, 'info', [num(d.attempt) !== null && `Attempt ${d.attempt}`]);
    case 'session_completed': {
      const card = obj(d.scorecard);
      const passed = card.passed === true;
      const below = Array.isArray(card.below_min_score)
        ? card.below_min_score.filter((n) => typeof n === 'string')
        : [];
      const evidence = evidenceFacts(card);
      return entry(
        `Result recorded at ${stage}: ${passed ? 'passed' : 'did not pass'}`,
        passed ? 'success' : 'danger',
        [
          scoreAgainst(card.overall_score, card.threshold_applied),
          attempts(d),
          below.length > 0 && `Below the minimum on ${below.join(', ')}`,
          scoredByText(card.scored_by, personName),
          card.needs_review === true &&
            `Needs review: no quote of the participant backs ${evidence.unverified.join(', ') || 'its score'}`,
          droppedText(evidence.dropped),
        ],
      );
    }
    case 'scoring_failed':
      return entry(`The AI interviewer could not score the session at ${stage}`, 'warning', [
        str(d.message),
        'No score was made up: the session waits for a reviewer to record its result',
      ]);
    case 'scorecard_replaced': {
      const card = obj(d.scorecard);
      const previous = obj(d.previous);
      const was = num(previous.overall_score);
      // Only the interviewer's scores could be corrected before who scored it was kept.
      const byPerson = obj(previous.scored_by).kind === 'reviewer';
      return entry(
        `Reviewer corrected the score at ${stage}`,
        d.applied === true ? 'info' : 'warning',
        [
          was === null ? null : `Was ${formatScore(was)}, scored by ${byPerson ? 'a person' : 'the AI interviewer'}`,
          scoreAgainst(card.overall_score, card.threshold_applied),
          d.applied === true
            ? 'The stage’s rules applied to the new score'
            : (NOT_APPLIED[str(d.not_applied) ?? ''] ?? 'Nobody was moved'),
        ],
        d.note,
      );
    }
    case 'session_failed':
      return entry(`Session at ${stage} ended by a technical failure`, 'warning', ['No attempt used'], d.reason);
    case 'session_cancelled': {
      const cause = str(d.cause);
      const title =
        cause === 'superseded'
          ? `Session at ${stage} replaced by a new one`
          : cause && LEFT_BY[cause]
            ? `Session at ${stage} cancelled: ${LEFT_BY[cause]}`
            : `Session at ${stage} cancelled`;
      return entry(title, 'neutral', ['No attempt used'], d.reason);
    }
    case 'retake_available': {
      // The rules as they stood; when the cool-down ends is the outlook's to say (on the current-stage card).
      const hours = num(obj(d.rules).retake_cooldown_hours) ?? 0;
      return entry(`Retake available at ${stage}`, 'warning', [
        scoreAgainst(d.overall_score, d.threshold_applied),
        attempts(d),
        hours > 0 ? `The next attempt after a ${hours} h cool-down` : 'The next attempt can start now',
      ]);
    }
    case 'decision_opened': {
      const decision = obj(d.decision);
      const reason = str(decision.reason);
      const suggested = str(decision.suggested);
      if (reason === 'human_alternative') {
        return entry(`Waiting for a reviewer: a person is to run ${stage}`, 'warning', [
          'Run the stage with them and record its result, or decide with a note',
        ]);
      }
      if (reason === 'scorecard_corrected') {
        return entry(`Waiting for a reviewer: a corrected score at ${stage} moved nobody`, 'warning', [
          DECISION_REASON.scorecard_corrected,
          scoreAgainst(d.overall_score, d.threshold_applied),
        ]);
      }
      if (reason === 'scorecard_needs_review') {
        return entry(`Waiting for a reviewer: the AI interviewer’s score at ${stage} needs checking`, 'warning', [
          'A dimension has no quote the participant said, so the score moved nobody',
          suggested && suggested in SUGGESTION_LABEL
            ? `Suggested: ${SUGGESTION_LABEL[suggested as keyof typeof SUGGESTION_LABEL].toLowerCase()}`
            : 'No suggestion: the rules would have moved nobody',
          scoreAgainst(d.overall_score, d.threshold_applied),
        ]);
      }
      return entry(`Waiting for a reviewer’s decision at ${stage}`, 'warning', [
        reason && reason in DECISION_REASON ? DECISION_REASON[reason as keyof typeof DECISION_REASON] : null,
        suggested && suggested in SUGGESTION_LABEL
          ? `Suggested: ${SUGGESTION_LABEL[suggested as keyof typeof SUGGESTION_LABEL].toLowerCase()}`
          : null,
        scoreAgainst(d.overall_score, d.threshold_applied),
        ruleLabel(obj(d.rules).automation_rule) && `Rule: ${ruleLabel(obj(d.rules).automation_rule)}`,
      ]);
    }
    case 'decision_decided': {
      const outcome = str(d.outcome);
      const suggested = str(d.suggested);
      const label =
        outcome && outcome in OUTCOME_LABEL ? OUTCOME_LABEL[outcome as keyof typeof OUTCOME_LABEL] : outcome;
      const against = d.against_suggestion === true;
      // A request for a person suggests nothing (docs/rules.md#consent-to-an-ai-run-stage).
      const grounds =
        d.reason === 'scorecard_corrected'
          ? 'About a corrected score: nobody moved'
          : d.reason === 'scorecard_needs_review'
            ? suggested === null
              ? 'On an AI score that could not be checked, with no suggestion'
              : `On an AI score that could not be checked${against ? `, against the suggestion to ${suggested}` : ', as suggested'}`
            : suggested === null
              ? 'Without a recorded result'
              : against
                ? `Against the suggestion to ${suggested}`
                : 'As suggested';
      return entry(
        `Reviewer decided at ${stage}: ${label?.toLowerCase() ?? 'decided'}`,
        outcome === 'reject' ? 'danger' : outcome === 'retake' ? 'warning' : outcome === 'keep' ? 'neutral' : 'success',
        [grounds],
        d.note,
      );
    }
    case 'decision_closed': {
      const cause = str(d.cause);
      return entry(
        `Open decision at ${stage} closed${cause && CLOSED_BY[cause] ? `: ${CLOSED_BY[cause]}` : ''}`,
        'neutral',
        [],
        d.note,
      );
    }
    case 'retake_granted':
      return entry(
        `Retake granted at ${stage}`,
        'warning',
        [scoreAgainst(d.overall_score, d.threshold_applied), attempts(d)],
        d.note,
      );
    case 'stage_passed':
      // Older records closed a reviewer's advance as passed whatever the score: never call that a pass.
      return belowPassMark(d)
        ? entry(overrideTitle(d, stage), 'warning', basis.slice(1), d.note)
        : entry(`Passed ${stage}`, 'success', basis, d.note);
    case 'stage_failed':
      return entry(`Did not pass ${stage}`, 'danger', basis, d.note);
    case 'stage_skipped':
      return d.trigger === 'decision'
        ? entry(overrideTitle(d, stage), 'warning', basis.slice(1), d.note)
        : entry(`Moved past ${stage} without passing it`, 'warning', basis, d.note);
    case 'participant_completed':
      return entry(`Completed: ${str(d.recommendation) ?? 'positive'}`, 'success', [trigger(d)], d.note);
    case 'participant_rejected':
      return entry(`Rejected: ${str(d.recommendation) ?? 'negative'}`, 'danger', [trigger(d)], d.note);
    case 'participant_withdrawn':
      return entry(`Withdrawn at ${stage}`, 'neutral', [], d.note);
    case 'portal_link_created': {
      const expires = str(d.expires_at);
      return entry(
        d.rotated === true ? 'New portal link made; the old one stopped working' : 'Portal link made',
        'info',
        [expires && `Works until ${formatDateTime(expires)}`],
      );
    }
    case 'portal_link_revoked':
      // A rotation says so in the link it made (the entry above); this one is then bookkeeping.
      return { ...entry('Portal link revoked', 'neutral'), hidden: d.cause === 'rotated' };
    case 'participant_finished_session': {
      const endedBy = str(d.ended_by);
      return endedBy && endedBy in INTERVIEW_ENDED
        ? entry(INTERVIEW_ENDED[endedBy]!, 'info', [SCORED_NEXT])
        : entry(INTERVIEW_ENDED.none!, 'info');
    }
    case 'participant_consented_ai':
      return entry(`Accepted the AI notice for ${stage}: they can start the AI session themselves`, 'info');
    case 'participant_declined_ai':
      return entry(`Asked for a person to run ${stage} instead of the AI interviewer`, 'warning', [
        'No attempt used; a reviewer runs the stage with them',
      ]);
    case 'participant_submitted_answers': {
      const total = num(d.questions);
      const answered = num(d.answered);
      return entry(`Submitted their answers at ${stage}; they wait for a reviewer to score them`, 'info', [
        total !== null && answered !== null && `Answered ${answered} of ${plural(total, 'question')}`,
      ]);
    }
    case 'self_identification_recorded': {
      // Never what they answered: the answers are kept apart, and read only as counts (docs/rules.md#self-identification).
      const byThem = event.actor.startsWith('participant:');
      const title = byThem
        ? d.first === true
          ? 'Answered the voluntary questions about themselves'
          : 'Changed their answers to the voluntary questions about themselves'
        : 'Recorded their answers to the voluntary questions about themselves';
      return entry(title, 'neutral', ['Kept apart from the evaluation; read only as totals in fairness checks']);
    }
    case 'portal_link_emailed': {
      const to = str(d.to) ?? 'them';
      // Mail not set up: the message was kept in the outbox, and someone must hand the link over.
      return d.status === 'not_sent'
        ? entry(`Portal link for ${to} not emailed: mail is not set up`, 'warning', [
            'The message waits in Developer → Mail',
          ])
        : entry(`Portal link emailed to ${to}`, 'info');
    }
    case 'portal_link_opened':
      return entry(d.first === true ? 'Opened their portal link' : 'Opened their portal link again', 'info');
    default:
      return entry(humanize(event.type), 'neutral');
  }
}

/**
 * `user:<id>` → the member's name; `system` → the automation; `api_key:<id>` → an API key;
 * `participant:<id>` → the participant themselves, through their portal link.
 */
export function actorName(actor: string, memberNames: ReadonlyMap<string, string>): string {
  if (actor === 'system') return 'Automation';
  if (actor.startsWith('participant:')) return 'The participant';
  if (actor.startsWith('user:')) return memberNames.get(actor.slice(5)) ?? 'A former member';
  if (actor.startsWith('api_key:')) return 'An API key';
  return actor;
}
