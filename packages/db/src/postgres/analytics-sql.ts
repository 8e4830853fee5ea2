/**
 * The analytics queries of repositories/analytics-sql.ts in PostgreSQL's SQL: the same rows, in the same shape
 * (truths as 0/1, JSON facts as text), so repositories/analytics-rows.ts maps either engine's rows. SQLite's
 * text stays as it is: the bench's B1 baseline runs it through raw better-sqlite3.
 *
 * What differs from SQLite's:
 * - Text (ids, ISO-8601 timestamps) is compared and sorted `collate "C"`, byte by byte as SQLite does, whatever
 *   the database's own collation.
 * - An open end of the period (`null`) leaves its condition out, rather than `:x is null or …`.
 * - `json_each` becomes `json_array_elements_text` (tags) or `= any(text[])` (the picked stages);
 *   `json_extract` becomes `->` / `->>` with a cast.
 * - A stay's length is the difference of the two instants (`timestamptz`) in whole milliseconds, as SQLite's
 *   `julianday` difference rounds to.
 * - Counts and integers are cast to `int`: through Drizzle's raw `execute`, node-postgres answers a `bigint`
 *   as a string.
 * - Two stays of one participant entered in the same millisecond are told apart by the order their
 *   `stage_entered` events were logged (`events.seq`): SQLite tells them apart by `rowid`, the order the rows
 *   were inserted, which is the same order (each command stores its progress rows and its events together, in
 *   the order it entered the stages). PostgreSQL has no insertion order to read.
 */

import { type SQL, sql } from 'drizzle-orm';
import type { Cohort } from '../repositories/analytics.ts';

const C = sql.raw('collate "C"');
const none = sql``;

/** The period's bounds on a text timestamp column, each left out when open. */
const within = (column: SQL, start: string | null, end: string | null) =>
  sql`${start === null ? none : sql` and ${column} >= ${start} ${C}`}${end === null ? none : sql` and ${column} < ${end} ${C}`}`;

/** The cohort: the template's participants enrolled in the period, with the tag when one is given. */
const cohort = (ws: string, c: Cohort) =>
  sql`p.workspace_id = ${ws} and p.evaluation_template_id = ${c.templateId}${within(sql`p.created_at`, c.start, c.end)}${
    c.tag === null
      ? none
      : sql` and exists (select 1 from json_array_elements_text(p.tags) t(value) where t.value = ${c.tag})`
  }`;

/** The position of the `stage_entered` event of a progress row (by its alias) in the log. */
const enteredSeq = (alias: string) =>
  sql.raw(`(select max(e.seq) from events e where e.workspace_id = ${alias}.workspace_id
    and e.participant_id = ${alias}.participant_id and e.type = 'stage_entered' and e.data->>'stage_id' = ${alias}.stage_id)`);

/** Whether `sp` is the participant's last stage: none entered after it (by time, then by the log's order). */
const LAST_STAGE = sql`not exists (
  select 1 from stage_progress later
  where later.workspace_id = sp.workspace_id and later.participant_id = sp.participant_id
    and (later.entered_at > sp.entered_at ${C}
      or (later.entered_at = sp.entered_at and ${enteredSeq('later')} > ${enteredSeq('sp')})))`;

export const cohortSizePgSql = (ws: string, c: Cohort) =>
  sql`select count(*)::int as n from participants p where ${cohort(ws, c)}`;

const SELF_ID = sql`left join self_identifications si on si.workspace_id = p.workspace_id and si.participant_id = p.id`;

const progressGroupsSql = (ws: string, c: Cohort, bySelfId: boolean) => sql`
select sp.stage_id, sp.state, (sp.left_at is null)::int as open, p.status,
  case when p.status in ('rejected', 'withdrawn') and sp.left_at is not null then (${LAST_STAGE})::int else 0 end
    as ended_here,
  (advanced.participant_id is not null)::int as advanced_by_decision,
  ${bySelfId ? sql`si.sex, si.race_ethnicity,` : none}
  count(*)::int as count
from participants p join stage_progress sp on sp.workspace_id = p.workspace_id and sp.participant_id = p.id
  left join (select distinct participant_id, stage_id from decisions where workspace_id = ${ws} and outcome = 'advance')
    advanced on advanced.participant_id = sp.participant_id and advanced.stage_id = sp.stage_id
      and sp.state = 'passed' and sp.left_at is not null
  ${bySelfId ? SELF_ID : none}
where ${cohort(ws, c)}
group by 1, 2, 3, 4, 5, 6${bySelfId ? sql`, 7, 8` : none}`;

export const progressGroupsPgSql = (ws: string, c: Cohort) => progressGroupsSql(ws, c, false);
export const selfIdProgressGroupsPgSql = (ws: string, c: Cohort) => progressGroupsSql(ws, c, true);

export const selfIdStatusGroupsPgSql = (ws: string, c: Cohort) => sql`
select p.status, si.sex, si.race_ethnicity, count(*)::int as count
from participants p ${SELF_ID}
where ${cohort(ws, c)}
group by 1, 2, 3`;

export const selfIdLatestScoresPgSql = (ws: string, c: Cohort) => sql`
select s.stage_id, s.result_score as score, si.sex, si.race_ethnicity, count(*)::int as count
from participants p join sessions s on s.workspace_id = p.workspace_id and s.participant_id = p.id
  ${SELF_ID}
where ${cohort(ws, c)} and s.result_score is not null
  and not exists (select 1 from sessions later
    where later.workspace_id = s.workspace_id and later.participant_id = s.participant_id
      and later.stage_id = s.stage_id and later.result_score is not null and later.attempt > s.attempt)
group by 1, 2, 3, 4`;

export const templateSelfIdsPgSql = (ws: string, templateId: string) => sql`
select si.participant_id, si.sex, si.race_ethnicity
from self_identifications si join participants p on p.workspace_id = si.workspace_id and p.id = si.participant_id
where si.workspace_id = ${ws} and p.evaluation_template_id = ${templateId}`;

/** The whole template's stays counted by the facts kept with them (repositories/analytics-sql.ts, decision 038). */
export const keptExitCountsPgSql = (ws: string, stages: readonly string[]) => sql`
select stage_id, state, funnel_exit, count(*)::int as count
from stage_progress
where workspace_id = ${ws} and stage_id = any(${sql.param(stages)}::text[])
group by stage_id, state, funnel_exit`;

/** The whole template's completed results by the facts kept with them (repositories/analytics-sql.ts). */
export const keptScoreGroupsPgSql = (ws: string, stages: readonly string[]) => sql`
select stage_id, result_score as score, result_passed::int as passed, count(*)::int as count
from sessions
where workspace_id = ${ws} and stage_id = any(${sql.param(stages)}::text[]) and status = 'completed'
  and result_score is not null
group by stage_id, result_score, result_passed`;

/** Two finished stays' lengths at one stage from 0-based rank `rank`, ascending. */
export const keptStaysAtRankPgSql = (ws: string, stage: string, rank: number) => sql`
select stay_ms::float8 as ms from stage_progress
where workspace_id = ${ws} and stage_id = ${stage} and stay_ms is not null
order by stay_ms limit 2 offset ${rank}`;

/** Each finished stay's length in whole milliseconds, by stage, ascending. */
export const stayDurationsPgSql = (ws: string, c: Cohort) => sql`
select sp.stage_id, sp.stay_ms::float8 as ms
from participants p join stage_progress sp on sp.workspace_id = p.workspace_id and sp.participant_id = p.id
where ${cohort(ws, c)} and sp.stay_ms is not null
order by sp.stage_id ${C}, ms`;

/** A cohort's stays counted by the facts kept with them (repositories/analytics-sql.ts). */
export const cohortExitCountsPgSql = (ws: string, c: Cohort) => sql`
select sp.stage_id, sp.state, sp.funnel_exit, count(*)::int as count
from participants p join stage_progress sp on sp.workspace_id = p.workspace_id and sp.participant_id = p.id
where ${cohort(ws, c)}
group by 1, 2, 3`;

export const scoreGroupsPgSql = (ws: string, c: Cohort) => sql`
select s.stage_id, s.result_score as score, s.result_passed::int as passed, count(*)::int as count
from participants p join sessions s on s.workspace_id = p.workspace_id and s.participant_id = p.id
where ${cohort(ws, c)} and s.status = 'completed' and s.result_score is not null
group by 1, 2, 3`;

export const openDecisionsPgSql = (ws: string, c: Cohort) => sql`
select d.stage_id, d.reason, d.created_at
from participants p join decisions d on d.workspace_id = p.workspace_id and d.participant_id = p.id
where ${cohort(ws, c)} and d.status = 'open'`;

/** The period's tags and how many participants carry each (the cohort without its tag). */
export const tagCountsPgSql = (ws: string, c: Cohort) => sql`
select t.value as tag, count(*)::int as participants
from participants p cross join json_array_elements_text(p.tags) t(value)
where ${cohort(ws, { ...c, tag: null })}
group by t.value`;

/** The stays with completed results, one row a result, in the simulation's order (as REPLAYABLE_STAYS_SQL). */
export const replayableStaysPgSql = (ws: string, stages: string[], start: string | null, end: string | null) => sql`
select s.participant_id, s.stage_id, sp.left_at, sp.state, sp.rules::text as rules,
  sp.retakes_granted::int as retakes_granted,
  case when sp.funnel_exit in ('rejected', 'withdrawn') then sp.funnel_exit end as ended,
  s.id, s.completed_at, s.result_score, s.result_passed::int as result_passed,
  s.result_scoring_method, s.result_below_min::int as result_below_min,
  s.result_needs_review::int as result_needs_review
-- A stay by its key (participant, stage), the workspace's already through the session's participant: the planner,
-- without statistics yet, would otherwise pick the (workspace, stage) index and filter each stage's every stay.
from sessions s
  join stage_progress sp on sp.participant_id = s.participant_id and sp.stage_id = s.stage_id
where s.workspace_id = ${ws} and s.stage_id = any(${sql.param(stages)}::text[])
  and s.result_score is not null and s.completed_at is not null${within(sql`sp.entered_at`, start, end)}
order by sp.participant_id ${C}, sp.entered_at ${C},
  case when count(*) over (partition by sp.participant_id, sp.entered_at) > 1 then ${enteredSeq('sp')} end, s.attempt`;

/** How many stays each picked stage holds that were entered in the period. */
export const staysEnteredPgSql = (ws: string, stages: string[], start: string | null, end: string | null) => sql`
select sp.stage_id, count(*)::int as count
from stage_progress sp
where sp.workspace_id = ${ws} and sp.stage_id = any(${sql.param(stages)}::text[])${within(sql`sp.entered_at`, start, end)}
group by sp.stage_id`;

/** The decisions at the picked stages (a flag on a corrected score is no decision: docs/rules.md#correcting-a-score). */
export const recordedDecisionsPgSql = (ws: string, stages: string[]) => sql`
select d.participant_id, d.stage_id, d.session_id, d.suggested, d.outcome
from decisions d
where d.workspace_id = ${ws} and d.stage_id = any(${sql.param(stages)}::text[]) and d.reason <> 'scorecard_corrected'
order by d.participant_id ${C}, d.created_at ${C}`;
