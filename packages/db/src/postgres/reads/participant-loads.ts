import { liveStages, type ProgressionTemplate } from '@stageflow/domain';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
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
import {
  agentProfiles,
  decisions,
  evaluationStages,
  evaluationTemplates,
  participants,
  sessions,
  stageProgress,
} from '../schema.ts';
import { createPgStageReads } from './stages.ts';

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
export function createPgParticipantLoads(exec: PgExec, options: { inWrite?: boolean } = {}) {
  const stages = createPgStageReads(exec);
  const lock = options.inWrite === true;

  async function progressionTemplate(
    workspaceId: string,
    templateId: string,
    forEnrolment: boolean,
  ): Promise<ProgressionTemplate | undefined> {
    const query = exec
      .select()
      .from(evaluationTemplates)
      .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, templateId)));
    const [row] = await (lock && forEnrolment ? query.for('update') : query);
    if (!row) return undefined;
    const live = liveStages(await stages.allOfTemplate(workspaceId, templateId));
    const interviewers = new Map<string, InterviewerRow>(
      needsInterviewers(live) ? (await interviewersOf(workspaceId, templateId)).map((p) => [p.id, p]) : [],
    );
    return progressionTemplateOf(row, live, interviewers);
  }

  /** The interviewers of a template's stages, archived stages' too (a superset costs nothing here). */
  function interviewersOf(workspaceId: string, templateId: string) {
    return exec
      .select({
        id: agentProfiles.id,
        evaluation_dimensions: agentProfiles.evaluation_dimensions,
        scoring: agentProfiles.scoring,
        output: agentProfiles.output,
      })
      .from(agentProfiles)
      .where(
        and(
          eq(agentProfiles.workspace_id, workspaceId),
          inArray(
            agentProfiles.id,
            exec
              .select({ id: evaluationStages.agent_profile_id })
              .from(evaluationStages)
              .where(
                and(
                  eq(evaluationStages.workspace_id, workspaceId),
                  eq(evaluationStages.evaluation_template_id, templateId),
                ),
              ),
          ),
        ),
      );
  }

  async function participant(workspaceId: string, participantId: string): Promise<LoadedState | undefined> {
    const query = exec
      .select()
      .from(participants)
      .where(and(eq(participants.workspace_id, workspaceId), eq(participants.id, participantId)));
    // Locked first: the rows read after it are the ones the previous command on this participant left.
    const [row] = await (lock ? query.for('update') : query);
    if (!row) return undefined;
    const template = await progressionTemplate(workspaceId, row.evaluation_template_id, false);
    if (!template) return undefined;
    // One after the other: inside a transaction the statements share one connection, which runs one at a time.
    const progress = await exec
      .select()
      .from(stageProgress)
      .where(and(eq(stageProgress.workspace_id, workspaceId), eq(stageProgress.participant_id, participantId)))
      .orderBy(asc(stageProgress.entered_at));
    const sessionRows = await exec
      .select()
      .from(sessions)
      .where(and(eq(sessions.workspace_id, workspaceId), eq(sessions.participant_id, participantId)))
      .orderBy(asc(sessions.created_at));
    const decisionRows = await exec
      .select()
      .from(decisions)
      .where(and(eq(decisions.workspace_id, workspaceId), eq(decisions.participant_id, participantId)))
      .orderBy(asc(decisions.created_at));
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
    if (lock) {
      await exec
        .select({ id: evaluationTemplates.id })
        .from(evaluationTemplates)
        .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, templateId)))
        .for('update');
    }
    const [found] = await exec
      .select({ id: participants.id })
      .from(participants)
      .where(
        and(
          eq(participants.workspace_id, workspaceId),
          eq(participants.evaluation_template_id, templateId),
          eq(participants.email, email),
          exceptId ? ne(participants.id, exceptId) : undefined,
        ),
      )
      .limit(1);
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
      const [named] = await exec
        .select({ name: evaluationTemplates.template_name })
        .from(evaluationTemplates)
        .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, templateId)));
      return named?.name ?? templateId;
    },
  } satisfies Pick<Reads['participants'], 'load' | 'loadTarget' | 'emailTaken' | 'emailTakenIn'>;
}
