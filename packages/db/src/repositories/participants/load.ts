import type {
  Decision,
  Participant,
  ProgressionTemplate,
  ResultFacts,
  Session,
  StageProgress,
} from '@stageflow/domain';
import { extended, scorecardOnRecord } from '@stageflow/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import {
  agentProfiles,
  decisions,
  evaluationStages,
  evaluationTemplates,
  participants,
  sessions,
  stageProgress,
} from '../../schema/index.ts';
import type { LoadedState } from '../../storage/port.ts';
import { templateWritesOn } from '../../template-writes.ts';
import { keptWhileUnchanged } from '../kept-while-unchanged.ts';
import { rowReader } from '../row-reader.ts';
import { withoutWorkspace } from '../rows.ts';
import { KEPT_TEMPLATES } from '../stage-cache.ts';
import type { StageRepository } from '../stages.ts';
import { needsInterviewers, progressionTemplateOf } from './command-state.ts';

export type ParticipantRow = typeof participants.$inferSelect;

/** A participant row as the domain sees it: no tenancy column, no concurrency version. */
export const toParticipant = ({ version: _, ...row }: ParticipantRow) => withoutWorkspace(row);
/** A stay as the domain sees it: the funnel's facts kept beside it are derived from the state, not part of it. */
export const toProgress = ({
  funnel_exit: _exit,
  stay_ms: _ms,
  ...row
}: typeof stageProgress.$inferSelect): StageProgress => withoutWorkspace(row);
/** Scorecards stored before evidence and `scored_by` were kept read in today's shape. */
const sessionOnRecord = (session: Session): Session =>
  extended(session, { scorecard: session.scorecard && scorecardOnRecord(session.scorecard) });
/** A session as the domain sees it: the score facts kept beside it are derived from it, not part of it. */
export const toSession = ({
  result_score: _score,
  result_passed: _passed,
  result_scoring_method: _method,
  result_below_min: _belowMin,
  result_needs_review: _needsReview,
  ...row
}: typeof sessions.$inferSelect): Session => sessionOnRecord(withoutWorkspace(row));
export const toDecision = (row: typeof decisions.$inferSelect): Decision => withoutWorkspace(row);

// The same rows read from a prepared query's values (row-reader.ts): a participant's page and every command
// load them.
export const participantColumns = rowReader<Participant>(participants, ['workspace_id', 'version']);
const participantVersion = participantColumns.indexOf('version');
const progressColumns = rowReader<StageProgress>(stageProgress, ['workspace_id', 'funnel_exit', 'stay_ms']);
const RESULT_FACT_COLUMNS = [
  'result_score',
  'result_passed',
  'result_scoring_method',
  'result_below_min',
  'result_needs_review',
] as const satisfies readonly (keyof ResultFacts)[];
const sessionColumns = rowReader<Session>(sessions, ['workspace_id', ...RESULT_FACT_COLUMNS]);
const decisionColumns = rowReader<Decision>(decisions, ['workspace_id']);

/**
 * Loading for the decider: the template with its live stages and their interviewers, and one participant. The
 * participant's portal reads the same state, so it carries the interviewers' `output` and the template's
 * `portal_shows_recommendation` too (docs/rules.md#what-a-participant-sees-of-their-results).
 */
export function createStateLoader(db: Db, stageRepository: StageRepository) {
  const participantById = db
    .select()
    .from(participants)
    .where(and(eq(participants.workspace_id, sql.placeholder('ws')), eq(participants.id, sql.placeholder('id'))))
    .prepare();
  const progressOf = db
    .select()
    .from(stageProgress)
    .where(
      and(
        eq(stageProgress.workspace_id, sql.placeholder('ws')),
        eq(stageProgress.participant_id, sql.placeholder('id')),
      ),
    )
    .orderBy(asc(stageProgress.entered_at))
    .prepare();
  const sessionsOf = db
    .select()
    .from(sessions)
    .where(and(eq(sessions.workspace_id, sql.placeholder('ws')), eq(sessions.participant_id, sql.placeholder('id'))))
    .orderBy(asc(sessions.created_at))
    .prepare();
  const decisionsOf = db
    .select()
    .from(decisions)
    .where(and(eq(decisions.workspace_id, sql.placeholder('ws')), eq(decisions.participant_id, sql.placeholder('id'))))
    .orderBy(asc(decisions.created_at))
    .prepare();
  const templateById = db
    .select()
    .from(evaluationTemplates)
    .where(
      and(
        eq(evaluationTemplates.workspace_id, sql.placeholder('ws')),
        eq(evaluationTemplates.id, sql.placeholder('id')),
      ),
    )
    .prepare();
  /** The interviewers of a template's stages, archived stages' too (a superset costs nothing here). */
  const interviewersOf = db
    .select({
      id: agentProfiles.id,
      evaluation_dimensions: agentProfiles.evaluation_dimensions,
      scoring: agentProfiles.scoring,
      output: agentProfiles.output,
    })
    .from(agentProfiles)
    .where(
      and(
        eq(agentProfiles.workspace_id, sql.placeholder('ws')),
        inArray(
          agentProfiles.id,
          db
            .select({ id: evaluationStages.agent_profile_id })
            .from(evaluationStages)
            .where(
              and(
                eq(evaluationStages.workspace_id, sql.placeholder('ws')),
                eq(evaluationStages.evaluation_template_id, sql.placeholder('id')),
              ),
            ),
        ),
      ),
    )
    .prepare();

  // Every page and command loads its template: kept whole while no other process has committed and this one has
  // written no template, stage or interviewer, so an interviewer's edit (which leaves the template's version as it
  // was) is read at once; as many templates as the stage cache.
  const keptTemplates = keptWhileUnchanged<ProgressionTemplate>(db, KEPT_TEMPLATES, templateWritesOn(db.$client));

  function readTemplate(workspaceId: string, templateId: string): ProgressionTemplate | undefined {
    const row = templateById.get({ ws: workspaceId, id: templateId });
    if (!row) return undefined;
    // The stages are kept at the template's version (docs/decisions/032-stage-cache-and-lean-request-path.md).
    const stages = stageRepository.ofTemplate(workspaceId, templateId, row.version)?.live ?? [];
    const interviewers = new Map(
      needsInterviewers(stages) ? interviewersOf.all({ ws: workspaceId, id: templateId }).map((p) => [p.id, p]) : [],
    );
    return progressionTemplateOf(row, stages, interviewers);
  }

  /** The template as the decider reads it; the key names the workspace, so no workspace reads another's. */
  const template = (workspaceId: string, templateId: string): ProgressionTemplate | undefined =>
    keptTemplates(`${workspaceId} ${templateId}`, () => readTemplate(workspaceId, templateId));

  function participant(workspaceId: string, participantId: string): LoadedState | undefined {
    const args = { ws: workspaceId, id: participantId };
    const [row] = participantById.values(args);
    if (!row) return undefined;
    const found = participantColumns.read(row);
    const progression = template(workspaceId, found.evaluation_template_id);
    if (!progression) return undefined;
    return {
      version: row[participantVersion] as number,
      state: {
        template: progression,
        participant: found,
        progress: progressOf.values(args).map(progressColumns.read),
        sessions: sessionsOf.values(args).map((values) => sessionOnRecord(sessionColumns.read(values))),
        decisions: decisionsOf.values(args).map(decisionColumns.read),
      },
    };
  }

  return { template, participant };
}
