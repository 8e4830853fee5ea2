/**
 * The analytics queries as SQL text, with named parameters, and nothing else: the repository
 * (analytics.ts) prepares them, and the bench's B1 baseline runs the very same text through raw
 * better-sqlite3 (bench/README.md), so the two differ only by what Stageflow adds around them.
 *
 * They count, sum and list raw facts; what the facts mean (which exit a row is, what a bin holds, what a
 * quantile is) is the domain's (packages/domain/src/analytics/). Each starts from the template's
 * participants (`cross join` keeps SQLite from scanning the whole workspace's rows first).
 *
 * Parameters: `ws`, `template`; `start` and `end` (ISO instants, `null` for an open end) bound the
 * enrolment (`participants.created_at`) or, for stage records, the entry into the stage; `tag` (or
 * `null`) keeps participants who carry it; `stages` is a JSON array of stage ids.
 */

/** The cohort: the template's participants enrolled in the period, with the tag when one is given. */
const COHORT = `p.workspace_id = :ws and p.evaluation_template_id = :template
  and (:start is null or p.created_at >= :start) and (:end is null or p.created_at < :end)
  and (:tag is null or exists (select 1 from json_each(p.tags) t where t.value = :tag))`;

/**
 * Whether `sp` is the participant's last stage: none entered after it (by time, then by row order, which
 * is the order rows were written in, for entries within one millisecond).
 */
const LAST_STAGE = `not exists (
  select 1 from stage_progress later
  where later.workspace_id = sp.workspace_id and later.participant_id = sp.participant_id
    and (later.entered_at > sp.entered_at or (later.entered_at = sp.entered_at and later.rowid > sp.rowid)))`;

export const COHORT_SIZE_SQL = `select count(*) from participants p where ${COHORT}`;

/** The participant's self-identification beside them (`null` columns without a record): docs/rules.md#adverse-impact. */
const SELF_ID = `left join self_identifications si on si.workspace_id = p.workspace_id and si.participant_id = p.id`;

/**
 * Stage-progress rows counted by the facts `stageExit` reads (docs/rules.md#funnel); with `bySelfId`, also
 * by the participant's self-identification (the adverse-impact monitor's selection at a stage).
 */
const progressGroupsSql = (bySelfId: boolean) => `
select sp.stage_id, sp.state, sp.left_at is null as open, p.status,
  case when p.status in ('rejected', 'withdrawn') and sp.left_at is not null then ${LAST_STAGE} else 0 end
    as ended_here,
  advanced.participant_id is not null as advanced_by_decision,
  ${bySelfId ? 'si.sex, si.race_ethnicity,' : ''}
  count(*) as count
from participants p cross join stage_progress sp on sp.workspace_id = p.workspace_id and sp.participant_id = p.id
  -- Decisions that advanced someone are few: one lookup table beats a probe per passed row.
  left join (select distinct participant_id, stage_id from decisions where workspace_id = :ws and outcome = 'advance')
    advanced on advanced.participant_id = sp.participant_id and advanced.stage_id = sp.stage_id
      and sp.state = 'passed' and sp.left_at is not null
  ${bySelfId ? SELF_ID : ''}
where ${COHORT}
group by 1, 2, 3, 4, 5, 6${bySelfId ? ', 7, 8' : ''}`;

export const PROGRESS_GROUPS_SQL = progressGroupsSql(false);
export const SELF_ID_PROGRESS_GROUPS_SQL = progressGroupsSql(true);

/** The cohort counted by status and self-identification: the whole template's selection. */
export const SELF_ID_STATUS_GROUPS_SQL = `
select p.status, si.sex, si.race_ethnicity, count(*) as count
from participants p ${SELF_ID}
where ${COHORT}
group by 1, 2, 3`;

/**
 * Each participant's latest completed result per stage, counted by stage, score and self-identification: the
 * score kept with each result (`result_score`, decision 038; set exactly for a completed result).
 */
export const SELF_ID_LATEST_SCORES_SQL = `
select s.stage_id, s.result_score as score, si.sex, si.race_ethnicity, count(*) as count
from participants p cross join sessions s on s.workspace_id = p.workspace_id and s.participant_id = p.id
  ${SELF_ID}
where ${COHORT} and s.result_score is not null
  and not exists (select 1 from sessions later
    where later.workspace_id = s.workspace_id and later.participant_id = s.participant_id
      and later.stage_id = s.stage_id and later.result_score is not null and later.attempt > s.attempt)
group by 1, 2, 3, 4`;

/**
 * The whole template's stays counted by the facts each command keeps with them (`funnel_exit`, state; decision
 * 038), off the index on (workspace, stage, state, exit): no participant is joined. `stages` names the
 * template's stages. A period or a tag needs the cohort's participants: `PROGRESS_GROUPS_SQL`.
 */
export const KEPT_EXIT_COUNTS_SQL = `
select stage_id, state, funnel_exit, count(*) as count
from stage_progress
where workspace_id = :ws and stage_id in (select value from json_each(:stages))
group by stage_id, state, funnel_exit`;

/**
 * The whole template's completed results counted by the facts each command keeps with them (`result_score`,
 * `result_passed`; decision 038), off the index on (workspace, stage, status, score, pass). `stages`: the
 * template's. A period or a tag needs the cohort's participants: `SCORE_GROUPS_SQL`.
 */
export const KEPT_SCORE_GROUPS_SQL = `
select stage_id, result_score as score, result_passed as passed, count(*) as count
from sessions
where workspace_id = :ws and stage_id in (select value from json_each(:stages)) and status = 'completed'
  and result_score is not null
group by stage_id, result_score, result_passed`;

/** The finished stays' lengths at one stage from 0-based rank `:rank`, ascending, two of them: a quantile's pair. */
export const KEPT_STAYS_AT_RANK_SQL = `
select stay_ms from stage_progress
where workspace_id = :ws and stage_id = :stage and stay_ms is not null
order by stay_ms limit 2 offset :rank`;

/** The self-identification of a template's participants: the categories of the simulation's impact ratios. */
export const TEMPLATE_SELF_IDS_SQL = `
select si.participant_id, si.sex, si.race_ethnicity
from self_identifications si cross join participants p on p.workspace_id = si.workspace_id and p.id = si.participant_id
where si.workspace_id = :ws and p.evaluation_template_id = :template`;

/**
 * A cohort's stays counted by the facts each command keeps with them (decision 038): a period or a tag, whose
 * participants are picked first. The whole template's: `KEPT_EXIT_COUNTS_SQL`, without the join.
 */
export const COHORT_EXIT_COUNTS_SQL = `
select sp.stage_id, sp.state, sp.funnel_exit, count(*) as count
from participants p cross join stage_progress sp on sp.workspace_id = p.workspace_id and sp.participant_id = p.id
where ${COHORT}
group by 1, 2, 3`;

/** Each finished stay's length in milliseconds (kept with the stay), by stage, ascending. */
export const STAY_DURATIONS_SQL = `
select sp.stage_id, sp.stay_ms as ms
from participants p cross join stage_progress sp on sp.workspace_id = p.workspace_id and sp.participant_id = p.id
where ${COHORT} and sp.stay_ms is not null
order by 1, 2`;

/** Completed results counted by stage, overall score and whether they passed (kept with each result). */
export const SCORE_GROUPS_SQL = `
select s.stage_id, s.result_score as score, s.result_passed as passed, count(*) as count
from participants p cross join sessions s on s.workspace_id = p.workspace_id and s.participant_id = p.id
where ${COHORT} and s.status = 'completed' and s.result_score is not null
group by 1, 2, 3`;

/** The cohort's open decisions. */
export const OPEN_DECISIONS_SQL = `
select d.stage_id, d.reason, d.created_at
from participants p cross join decisions d on d.workspace_id = p.workspace_id and d.participant_id = p.id
where ${COHORT} and d.status = 'open'`;

/** The period's tags and how many participants carry each (whatever `tag` says: `:tag` is passed `null`). */
export const TAG_COUNTS_SQL = `
select t.value as tag, count(*) as participants
from participants p, json_each(p.tags) t
where ${COHORT}
group by t.value`;

/** The period (by entry into the stage) in stage records' terms. */
const ENTERED = `(:start is null or sp.entered_at >= :start) and (:end is null or sp.entered_at < :end)`;

/**
 * The stays at the picked stages entered in the period that hold a completed result, one row a result: each
 * participant's stays in the order entered, a stay's results in attempt order (docs/rules.md#rule-simulation).
 * The results are read by stage off the index that holds every fact the replay reads of them (decision 048),
 * never from the sessions' rows, so a small template in a big workspace reads only its own; where the
 * evaluation ended is the fact kept with the stay (decision 038). No names: the simulation reads those of the
 * few it lists afterwards (joining 130k results to their participants for them was ~7 % of the simulation at
 * 100k).
 */
export const REPLAYABLE_STAYS_SQL = `
select s.participant_id, s.stage_id, sp.left_at, sp.state, sp.rules, sp.retakes_granted,
  case when sp.funnel_exit in ('rejected', 'withdrawn') then sp.funnel_exit end as ended,
  s.id, s.completed_at, s.result_score, s.result_passed,
  s.result_scoring_method, s.result_below_min, s.result_needs_review
from sessions s indexed by sessions_workspace_stage_replay_idx
  cross join stage_progress sp on sp.participant_id = s.participant_id and sp.stage_id = s.stage_id
where s.workspace_id = :ws and s.stage_id in (select value from json_each(:stages))
  and s.result_score is not null and s.completed_at is not null and sp.workspace_id = :ws and ${ENTERED}
order by sp.participant_id, sp.entered_at, sp.rowid, s.attempt`;

/** How many stays each picked stage holds that were entered in the period. */
export const STAYS_ENTERED_SQL = `
select sp.stage_id, count(*) as count
from stage_progress sp
where sp.workspace_id = :ws and sp.stage_id in (select value from json_each(:stages)) and ${ENTERED}
group by sp.stage_id`;

/** The decisions at the picked stages. */
export const RECORDED_DECISIONS_SQL = `
select d.participant_id, d.stage_id, d.session_id, d.suggested, d.outcome
from decisions d
where d.workspace_id = :ws and d.stage_id in (select value from json_each(:stages))
  -- A flag on a corrected score is no decision about the rules' outcome (docs/rules.md#correcting-a-score).
  and d.reason <> 'scorecard_corrected'`;
