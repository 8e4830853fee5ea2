import type { ProgressionTemplate } from '@stageflow/domain';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import {
  enrolmentTarget,
  type InterviewerRow,
  needsInterviewers,
  participantTarget,
  progressionTemplateOf,
} from '../../repositories/participants/command-state.ts';
import { toDecision, toParticipant, toProgress, toSession } from '../../repositories/participants/load.ts';
import type { CommandTarget, LoadedState } from '../../storage/port.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, prepared, preparedLockable } from '../prepared.ts';
import {
  agentProfiles,
  decisions,
  evaluationStages,
  evaluationTemplates,
  participants,
  sessions,
  stageProgress,
} from '../schema.ts';
import type { PgStageCache } from '../stage-cache.ts';
import { createPgStageReads } from './stages.ts';
import { templateRow } from './templates.ts';

// Every participant page and command runs these (docs/decisions/037-prepared-queries-on-postgresql.md): built once,
// with placeholders `workspaceId` and the row's own id.

/** The interviewers of a template's stages, archived stages' too (a superset costs nothing here). */
const interviewersOf = prepared('participant_load_interviewers', (db) =>
  db
    .select({
      id: agentProfiles.id,
      evaluation_dimensions: agentProfiles.evaluation_dimensions,
      scoring: agentProfiles.scoring,
      output: agentProfiles.output,
    })
    .from(agentProfiles)
    .where(
      and(
        inWorkspace(agentProfiles.workspace_id),
        inArray(
          agentProfiles.id,
          db
            .select({ id: evaluationStages.agent_profile_id })
            .from(evaluationStages)
            .where(
              and(
                inWorkspace(evaluationStages.workspace_id),
                eq(evaluationStages.evaluation_template_id, sql.placeholder('templateId')),
              ),
            ),
        ),
      ),
    ),
);
const participantRow = preparedLockable('participant_load_participant', (db) =>
  db
    .select()
    .from(participants)
    .where(and(inWorkspace(participants.workspace_id), eq(participants.id, sql.placeholder('participantId'))))
    .$dynamic(),
);
const progressOf = prepared('participant_load_progress', (db) =>
  db
    .select()
    .from(stageProgress)
    .where(
      and(inWorkspace(stageProgress.workspace_id), eq(stageProgress.participant_id, sql.placeholder('participantId'))),
    )
    .orderBy(asc(stageProgress.entered_at)),
);
const sessionsOf = prepared('participant_load_sessions', (db) =>
  db
    .select()
    .from(sessions)
    .where(and(inWorkspace(sessions.workspace_id), eq(sessions.participant_id, sql.placeholder('participantId'))))
    .orderBy(asc(sessions.created_at)),
);
const decisionsOf = prepared('participant_load_decisions', (db) =>
  db
    .select()
    .from(decisions)
    .where(and(inWorkspace(decisions.workspace_id), eq(decisions.participant_id, sql.placeholder('participantId'))))
    .orderBy(asc(decisions.created_at)),
);
/** Another participant of the template with this email (`exceptId`: but this one). */
const emailUser = (except: boolean) =>
  prepared(`participant_email_taken${except ? '_by_another' : ''}`, (db) =>
    db
      .select({ id: participants.id })
      .from(participants)
      .where(
        and(
          inWorkspace(participants.workspace_id),
          eq(participants.evaluation_template_id, sql.placeholder('templateId')),
          eq(participants.email, sql.placeholder('email')),
          except ? ne(participants.id, sql.placeholder('exceptId')) : undefined,
        ),
      )
      .limit(1),
  );
const emailUsers = { any: emailUser(false), another: emailUser(true) };
const templateName = prepared('participant_email_template_name', (db) =>
  db
    .select({ name: evaluationTemplates.template_name })
    .from(evaluationTemplates)
    .where(
      and(inWorkspace(evaluationTemplates.workspace_id), eq(evaluationTemplates.id, sql.placeholder('templateId'))),
    ),
);

/**
 * What a participant command loads on PostgreSQL: the template with its live stages and their interviewers, one
 * participant with their progress, sessions and decisions, and whether an email is taken in a template. The rows
 * are shaped into the decider's state by the same code as on SQLite (repositories/participants/command-state.ts).
 *
 * `inWrite`: the loads run inside the command's write transaction and lock what it will change, so two processes
 * never apply two commands to the same state (docs/decisions/036-reads-on-either-engine.md). A participant command
 * takes the participant's row `FOR UPDATE` before reading anything of theirs: a second command on them waits for
 * the first to commit and then reads (READ COMMITTED: each statement sees what committed before it) the state the
 * first left. An enrolment takes its template's row `FOR UPDATE`: two enrolments into one template run one after
 * the other, so the second's email check sees the first's participant. A participant command reads its template
 * without a lock, so commands on different people of one pipeline never wait for each other.
 */
export function createPgParticipantLoads(exec: PgExec, options: { inWrite?: boolean; stages?: PgStageCache } = {}) {
  const stages = createPgStageReads(exec, options.stages);
  const lock = options.inWrite === true;

  async function progressionTemplate(
    workspaceId: string,
    templateId: string,
    forEnrolment: boolean,
  ): Promise<ProgressionTemplate | undefined> {
    const [row] = await templateRow.lockIf(lock && forEnrolment)(exec, { workspaceId, id: templateId });
    if (!row) return undefined;
    // At the version of the row read here: from the stage cache, when it has them.
    const live = (await stages.ofTemplate(workspaceId, templateId, row.version))?.live ?? [];
    const interviewers = new Map<string, InterviewerRow>(
      needsInterviewers(live) ? (await interviewersOf(exec, { workspaceId, templateId })).map((p) => [p.id, p]) : [],
    );
    return progressionTemplateOf(row, live, interviewers);
  }

  async function participant(workspaceId: string, participantId: string): Promise<LoadedState | undefined> {
    // Locked first: the rows read after it are the ones the previous command on this participant left.
    const [row] = await participantRow.lockIf(lock)(exec, { workspaceId, participantId });
    if (!row) return undefined;
    const template = await progressionTemplate(workspaceId, row.evaluation_template_id, false);
    if (!template) return undefined;
    // One after the other: inside a transaction the statements share one connection, which runs one at a time.
    const progress = await progressOf(exec, { workspaceId, participantId });
    const sessionRows = await sessionsOf(exec, { workspaceId, participantId });
    const decisionRows = await decisionsOf(exec, { workspaceId, participantId });
    return {
      version: row.version,
      state: {
        template,
        participant: toParticipant(row),
        progress: progress.map(toProgress),
        sessions: sessionRows.map(toSession),
        decisions: decisionRows.map(toDecision),
      },
    };
  }

  async function emailTaken(workspaceId: string, templateId: string, email: string, exceptId?: string) {
    // In a write, every email check in a template holds the template's row, as an enrolment does: two people
    // changing to one address at once then take turns, and the second is refused by the rule, not the unique index.
    // (A participant's row is locked before this, never after: no two units wait on each other in a circle.)
    if (lock) await templateRow.locked(exec, { workspaceId, id: templateId });
    const [found] = await (exceptId
      ? emailUsers.another(exec, { workspaceId, templateId, email, exceptId })
      : emailUsers.any(exec, { workspaceId, templateId, email }));
    return found !== undefined;
  }

  return {
    load: {
      /** An enrolment's template: locked in a write, as the email check and the new participant depend on it. */
      template: (workspaceId: string, templateId: string) => progressionTemplate(workspaceId, templateId, true),
      participant,
    },
    async loadTarget(workspaceId: string, target: CommandTarget) {
      if ('participantId' in target) {
        return participantTarget(target.participantId, await participant(workspaceId, target.participantId));
      }
      return enrolmentTarget(target.templateId, await progressionTemplate(workspaceId, target.templateId, true));
    },
    emailTaken,
    /** The template's name when another of its participants uses `email`, else null. */
    async emailTakenIn(workspaceId: string, templateId: string, email: string, exceptId?: string) {
      if (!(await emailTaken(workspaceId, templateId, email, exceptId))) return null;
      const [named] = await templateName(exec, { workspaceId, templateId });
      return named?.name ?? templateId;
    },
  } satisfies Pick<Reads['participants'], 'load' | 'loadTarget' | 'emailTaken' | 'emailTakenIn'>;
}
