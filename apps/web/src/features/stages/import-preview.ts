import {
  type AgentProfile,
  checkInterviewer,
  checkQuestionDimensions,
  DEFAULT_STAGE_TYPE,
  ImportStagesInput,
  importOrder,
  importProblems,
  isAiRun,
  isDomainError,
  type PipelineSnapshot,
  StageType,
  titleCase,
  typeFromName,
} from '@stageflow/domain';
import type { z } from 'zod';

export type ImportMode = 'append' | 'replace';
type ImportInput = z.output<typeof ImportStagesInput>;
type ImportItem = ImportInput['stages'][number];

export interface PreviewRow {
  /** Where the stage lands in the pipeline, counted from 1 as the cards are; undefined until known. */
  place: number | undefined;
  stage_name: string;
  type: string;
  stage_type: string;
  /** The agent profile's name, its id when it is not one of the workspace's, or null for none. */
  agent_profile: string | null;
  /** An AI-run stage with no agent profile: the cell says so. */
  needs_profile: boolean;
  pass_threshold: number | null | undefined;
  automation_rule: string | undefined;
  problems: string[];
}

/** What the preview knows besides the pasted text, all of it already on the page. */
export interface ImportContext {
  templateId: string;
  /** The template's defaults and its live stages, in order: what the import changes. */
  pipeline: PipelineSnapshot;
  /** Chosen by the person; `null` while the template has stages and nobody has chosen yet. */
  mode: ImportMode | null;
  /**
   * The workspace's agent profiles, archived ones too: each item's `agent_profile_id` is checked as the
   * server does. Undefined while they load: the check waits rather than call every profile unknown.
   */
  profiles: readonly AgentProfile[] | undefined;
  /** Active participants in each live stage (stages.usage): replacing archives them, which they would block. */
  activeParticipantsIn?: ((stageId: string) => number) | undefined;
  /** The agent profile to give the AI-run stages that name none, when one is chosen in the dialog. */
  fillProfileId?: string | null | undefined;
}

export type ImportPreview =
  | { kind: 'empty' }
  | { kind: 'syntax'; message: string }
  /** What is wrong, on the rows it is about and, for the rest, in `problems`. */
  | { kind: 'invalid'; rows: PreviewRow[]; problems: string[] }
  /** Fine as far as the stages go; append or replace is still to be chosen. */
  | { kind: 'choose-mode'; rows: PreviewRow[] }
  | { kind: 'ready'; rows: PreviewRow[]; input: ImportInput };

const read = (item: unknown, key: string): unknown =>
  typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What the table shows for one pasted item, valid or not: the derived name and type fill gaps. */
function previewRow(item: unknown, profiles: ReadonlyMap<string, AgentProfile>): PreviewRow {
  const name = str(read(item, 'stage_name'))?.trim();
  const type = str(read(item, 'type'))?.trim();
  const threshold = read(item, 'pass_threshold');
  const stageType = str(read(item, 'stage_type')) ?? DEFAULT_STAGE_TYPE;
  const profileId = str(read(item, 'agent_profile_id'));
  const known = StageType.safeParse(stageType);
  return {
    place: undefined,
    stage_name: name || (type ? titleCase(type) : ''),
    type: type || (name ? typeFromName(name) : ''),
    stage_type: stageType,
    agent_profile: profileId ? (profiles.get(profileId)?.name ?? profileId) : null,
    needs_profile: !profileId && known.success && isAiRun(known.data) && read(item, 'status') !== 'draft',
    pass_threshold: threshold === null ? null : num(threshold),
    automation_rule: str(read(item, 'automation_rule')),
    problems: [],
  };
}

/** "stages.2.pass_threshold" issues: put on row 2 as "pass_threshold: …", the rest kept apart. */
function placeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  rows: PreviewRow[],
  problems: string[],
) {
  for (const issue of issues) {
    const [root, index, ...rest] = issue.path;
    const row = root === 'stages' && typeof index === 'number' ? rows[index] : undefined;
    if (row) row.problems.push(rest.length ? `${rest.map(String).join('.')}: ${issue.message}` : issue.message);
    else problems.push(issue.message);
  }
}

/** An AI-run stage that names no agent profile gets the one chosen in the dialog, when there is one. */
function withProfile(item: ImportItem, fillProfileId: string | null | undefined): ImportItem {
  if (!fillProfileId || item.agent_profile_id) return item;
  return isAiRun(item.stage_type ?? DEFAULT_STAGE_TYPE) ? { ...item, agent_profile_id: fillProfileId } : item;
}

/** The server's own checks of each item's agent profile and question dimensions, asked of the domain. */
function profileIssues(items: readonly ImportItem[], profiles: ReadonlyMap<string, AgentProfile>) {
  return items.flatMap((item, i) => {
    const profile = item.agent_profile_id ? profiles.get(item.agent_profile_id) : undefined;
    const found = [
      checkInterviewer(item.agent_profile_id, profile, ['stages', i]),
      checkQuestionDimensions(item.question_set, profile, ['stages', i]),
    ];
    return found.flatMap((error) => (error ? error.issues : []));
  });
}

/**
 * Parses pasted JSON and checks it as the server will, all of it with the domain's own rules: the items
 * with ImportStagesInput, their agent profiles with checkInterviewer, and the pipeline the import would
 * leave with importProblems (docs/rules.md#import-and-export), so nothing the import would break goes
 * unsaid. Each problem is put on the row it is about.
 */
export function previewImport(text: string, context: ImportContext): ImportPreview {
  if (!text.trim()) return { kind: 'empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'syntax', message: error instanceof Error ? error.message : 'This is not valid JSON.' };
  }
  const profiles = new Map((context.profiles ?? []).map((p) => [p.id, p] as const));
  const rows = Array.isArray(parsed) ? parsed.map((item) => previewRow(item, profiles)) : [];
  const problems: string[] = [];
  const result = ImportStagesInput.safeParse({
    evaluation_template_id: context.templateId,
    stages: parsed,
    mode: context.mode ?? 'append',
  });
  if (!result.success) {
    if (!Array.isArray(parsed))
      return { kind: 'invalid', rows, problems: ['Paste a JSON array of stages: [ { "stage_name": … }, … ]'] };
    placeIssues(result.error.issues, rows, problems);
    return { kind: 'invalid', rows, problems };
  }

  const items = result.data.stages.map((item) => withProfile(item, context.fillProfileId));
  items.forEach((item, i) => {
    const row = rows[i];
    if (row && item.agent_profile_id && !row.agent_profile) {
      row.agent_profile = profiles.get(item.agent_profile_id)?.name ?? item.agent_profile_id;
      row.needs_profile = false;
    }
  });
  const liveCount = context.mode === 'replace' ? 0 : context.pipeline.stages.length;
  importOrder(items).forEach((itemIndex, rank) => {
    const row = rows[itemIndex];
    if (row) row.place = liveCount + rank + 1;
  });
  if (context.profiles) placeIssues(profileIssues(items, profiles), rows, problems);

  const mode = context.mode;
  if (mode !== null) {
    const after = importProblems(context.pipeline, items, mode, context.activeParticipantsIn);
    if (isDomainError(after)) problems.push(after.message);
    else {
      for (const problem of after) {
        const row = problem.item === undefined ? undefined : rows[problem.item];
        if (row) row.problems.push(problem.message);
        else problems.push(problem.message);
      }
    }
  }
  if (problems.length > 0 || rows.some((row) => row.problems.length > 0)) return { kind: 'invalid', rows, problems };
  if (mode === null) return { kind: 'choose-mode', rows };
  return { kind: 'ready', rows, input: { ...result.data, mode, stages: items } };
}
