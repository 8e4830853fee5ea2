import { DEFAULT_STAGE_TYPE, ImportStagesInput, titleCase, typeFromName } from '@stageflow/domain';
import type { z } from 'zod';

export type ImportMode = 'append' | 'replace';

export interface PreviewRow {
  stage_name: string;
  type: string;
  stage_type: string;
  stage_order: number | undefined;
  pass_threshold: number | null | undefined;
  automation_rule: string | undefined;
  problems: string[];
}

export type ImportPreview =
  | { kind: 'empty' }
  | { kind: 'syntax'; message: string }
  | { kind: 'invalid'; rows: PreviewRow[]; problems: string[] }
  | { kind: 'ready'; rows: PreviewRow[]; input: z.output<typeof ImportStagesInput> };

const read = (item: unknown, key: string): unknown =>
  typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What the table shows for one pasted item, valid or not: the derived name and type fill gaps. */
function previewRow(item: unknown): PreviewRow {
  const name = str(read(item, 'stage_name'))?.trim();
  const type = str(read(item, 'type'))?.trim();
  const threshold = read(item, 'pass_threshold');
  return {
    stage_name: name || (type ? titleCase(type) : ''),
    type: type || (name ? typeFromName(name) : ''),
    stage_type: str(read(item, 'stage_type')) ?? DEFAULT_STAGE_TYPE,
    stage_order: num(read(item, 'stage_order')),
    pass_threshold: threshold === null ? null : num(threshold),
    automation_rule: str(read(item, 'automation_rule')),
    problems: [],
  };
}

/**
 * Parses pasted JSON and checks it with the domain's ImportStagesInput, the schema the server
 * uses, so the preview and the save agree. Problems are attached to the row they are about.
 */
export function previewImport(text: string, templateId: string, mode: ImportMode): ImportPreview {
  if (!text.trim()) return { kind: 'empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'syntax', message: error instanceof Error ? error.message : 'This is not valid JSON.' };
  }
  const rows = Array.isArray(parsed) ? parsed.map(previewRow) : [];
  const result = ImportStagesInput.safeParse({ evaluation_template_id: templateId, stages: parsed, mode });
  if (result.success) return { kind: 'ready', rows, input: result.data };

  const problems: string[] = [];
  for (const issue of result.error.issues) {
    const [root, index, ...rest] = issue.path;
    const row = root === 'stages' && typeof index === 'number' ? rows[index] : undefined;
    if (row) row.problems.push(rest.length ? `${rest.join('.')}: ${issue.message}` : issue.message);
    else if (root === 'stages' && index === undefined && !Array.isArray(parsed)) {
      problems.push('Paste a JSON array of stages: [ { "stage_name": … }, … ]');
    } else problems.push(issue.message);
  }
  return { kind: 'invalid', rows, problems };
}
