/** Builders for the progression tests: a template, a participant's journey through it, and commands. */
import { DomainError, unwrap } from '../errors.ts';
import type { DecideContext, ParticipantCommand } from './commands.ts';
import { decideParticipant } from './decide.ts';
import {
  AdvanceParticipantInput,
  DecideInput,
  RejectParticipantInput,
  WithdrawParticipantInput,
} from './decision-input.ts';
import type { Decision, Participant, Session, StageProgress } from './entities.ts';
import type { ParticipantEvent } from './events.ts';
import { evolveParticipant } from './evolve.ts';
import { CreateParticipantInput } from './participant-input.ts';
import type { ModelScorer, TranscriptEntry } from './scorecard.ts';
import { ReplaceScorecardInput } from './scorecard-input.ts';
import type { ScoringProfile } from './scoring.ts';
import {
  CancelSessionInput,
  CompleteSessionInput,
  FailSessionInput,
  RecordResultInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  StartSessionInput,
} from './session-input.ts';
import {
  initialParticipantState,
  type ParticipantState,
  type ProgressionStage,
  type ProgressionTemplate,
} from './state.ts';

export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const TEMPLATE_ID = uuid(1);
export const S1 = uuid(0x101);
export const S2 = uuid(0x102);
export const S3 = uuid(0x103);
export const T0 = '2026-03-02T09:00:00.000Z';
export const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

export const interviewer: ScoringProfile = {
  evaluation_dimensions: [
    { name: 'Communication', weight: 40 },
    { name: 'Problem solving', weight: 60, min_score: 6 },
  ],
  scoring: { scale: '0-10', scoring_method: 'weighted_average' },
};

export function stage(id: string, order: number, settings: Partial<ProgressionStage> = {}): ProgressionStage {
  return {
    id,
    stage_name: `Stage ${order}`,
    stage_type: 'ai_interview',
    stage_order: order,
    status: 'active',
    pass_threshold: 70,
    allow_retake: false,
    max_attempts: 1,
    retake_cooldown_hours: 0,
    automation_rule: 'auto_advance',
    auto_reject: false,
    interviewer: null,
    ...settings,
  };
}

export function template(
  stages: readonly ProgressionStage[],
  settings: Partial<ProgressionTemplate> = {},
): ProgressionTemplate {
  return { id: TEMPLATE_ID, success_outcome: 'hire_no_hire', stages, ...settings };
}

type Score = number | { readonly [dimension: string]: number };
const scorecard = (score: Score) =>
  typeof score === 'number'
    ? { overall_score: score }
    : { dimension_scores: Object.entries(score).map(([name, s]) => ({ name, score: s })) };

/**
 * One participant's journey: commands go through the input schemas, as the API will send them, then
 * through the decider; `run` applies the events and fails the test on a refusal, `attempt` only decides.
 */
export class Journey {
  state: ParticipantState;
  now = T0;
  actor = 'user:00000000-0000-4000-8000-00000000a11c';
  readonly history: ParticipantEvent[] = [];
  private nextId = 0x1000;

  constructor(t: ProgressionTemplate) {
    this.state = initialParticipantState(t);
  }

  static enrolled(t: ProgressionTemplate): Journey {
    const j = new Journey(t);
    j.run(j.enroll());
    return j;
  }

  get ctx(): DecideContext {
    return { now: this.now, actor: this.actor, newId: () => uuid(this.nextId++) };
  }

  attempt(command: ParticipantCommand): ParticipantEvent[] | DomainError {
    return decideParticipant(this.state, command, this.ctx);
  }

  run(command: ParticipantCommand): ParticipantEvent[] {
    const events = unwrap(this.attempt(command));
    this.state = events.reduce(evolveParticipant, this.state);
    this.history.push(...events);
    return events;
  }

  refusal(command: ParticipantCommand): DomainError {
    const result = this.attempt(command);
    if (!(result instanceof DomainError)) throw new Error(`expected a refusal, got ${result.map((e) => e.type)}`);
    return result;
  }

  later(hours: number): this {
    this.now = hoursAfter(this.now, hours);
    return this;
  }

  /** Lets the template's stages change under the participant, as an admin's edit would. */
  editStage(id: string, settings: Partial<ProgressionStage>): this {
    const stages = this.state.template.stages.map((s) => (s.id === id ? { ...s, ...settings } : s));
    this.state = { ...this.state, template: { ...this.state.template, stages } };
    return this;
  }

  get participant(): Participant {
    if (!this.state.participant) throw new Error('not enrolled');
    return this.state.participant;
  }

  progressAt(stageId: string): StageProgress {
    const p = this.state.progress.find((row) => row.stage_id === stageId);
    if (!p) throw new Error(`no progress at ${stageId}`);
    return p;
  }

  get lastSession(): Session {
    const s = this.state.sessions.at(-1);
    if (!s) throw new Error('no session');
    return s;
  }

  get lastDecision(): Decision {
    const d = this.state.decisions.at(-1);
    if (!d) throw new Error('no decision');
    return d;
  }

  enroll(extra: Record<string, unknown> = {}): ParticipantCommand {
    const input = { evaluation_template_id: this.state.template.id, name: 'Jane Smith', email: 'jane@example.com' };
    return { type: 'enroll', ...CreateParticipantInput.parse({ ...input, ...extra }) };
  }
  schedule(extra: Record<string, unknown> = {}): ParticipantCommand {
    return { type: 'schedule', ...ScheduleSessionInput.parse({ participant_id: this.participant.id, ...extra }) };
  }
  reschedule(scheduled_at: string, session_id = this.lastSession.id): ParticipantCommand {
    return { type: 'reschedule', ...RescheduleSessionInput.parse({ session_id, scheduled_at }) };
  }
  start(session_id = this.lastSession.id): ParticipantCommand {
    return { type: 'start', ...StartSessionInput.parse({ session_id }) };
  }
  complete(score: Score, session_id = this.lastSession.id): ParticipantCommand {
    return { type: 'complete', ...CompleteSessionInput.parse({ session_id, ...scorecard(score) }) };
  }
  fail(session_id = this.lastSession.id): ParticipantCommand {
    return { type: 'fail', ...FailSessionInput.parse({ session_id, reason: 'video dropped' }) };
  }
  cancel(session_id = this.lastSession.id): ParticipantCommand {
    return { type: 'cancel', ...CancelSessionInput.parse({ session_id }) };
  }
  record(score: Score, extra: Record<string, unknown> = {}): ParticipantCommand {
    const input = { participant_id: this.participant.id, ...scorecard(score), ...extra };
    return { type: 'record_result', ...RecordResultInput.parse(input) };
  }
  decide(
    outcome: 'advance' | 'reject' | 'retake',
    note?: string,
    decision_id = this.lastDecision.id,
  ): ParticipantCommand {
    return { type: 'decide', ...DecideInput.parse({ decision_id, outcome, note }) };
  }
  advance(note?: string): ParticipantCommand {
    return { type: 'advance', ...AdvanceParticipantInput.parse({ participant_id: this.participant.id, note }) };
  }
  reject(note?: string): ParticipantCommand {
    return { type: 'reject', ...RejectParticipantInput.parse({ participant_id: this.participant.id, note }) };
  }
  withdraw(note?: string): ParticipantCommand {
    return { type: 'withdraw', ...WithdrawParticipantInput.parse({ participant_id: this.participant.id, note }) };
  }
}

/** The model a scorecard in the tests came from. */
export const MODEL: ModelScorer = {
  kind: 'model',
  model: 'llama3.1:8b',
  provider_host: 'localhost:11434',
  prompt_version: 'interviewer-v2',
};

/** One dimension of a model's answer: its score and the quotes it gave (checked by the command). */
export type ModelDimension = readonly [name: string, score: number, evidence: readonly string[]];

/**
 * The complete command a model's answer becomes (interviewer/scorecard-output.ts builds the same
 * from a real answer): the scores, the record scored, and the quotes beside them.
 */
export function modelComplete(
  session_id: string,
  dimensions: readonly ModelDimension[],
  transcript: readonly TranscriptEntry[],
): ParticipantCommand {
  return {
    type: 'complete',
    ...CompleteSessionInput.parse({
      session_id,
      dimension_scores: dimensions.map(([name, score]) => ({ name, score, reasoning: `Scored ${score}.` })),
      summary: 'Scored by the interviewer.',
      transcript,
    }),
    model: { scored_by: MODEL, quotes: dimensions.map(([name, , evidence]) => ({ name, evidence })) },
  };
}

/** A reviewer's scores in place of the interviewer's, with their note. */
export function replaceCommand(session_id: string, score: Score, note = 'I listened to the recording.') {
  return {
    type: 'replace_scorecard' as const,
    ...ReplaceScorecardInput.parse({ session_id, note, ...scorecard(score) }),
  };
}

export const types = (events: readonly ParticipantEvent[]) => events.map((e) => e.type);
