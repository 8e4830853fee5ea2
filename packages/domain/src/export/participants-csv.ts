import type { ParticipantStatus, StageProgressState } from '../progression/entities.ts';
import type { LifecycleStatus } from '../schemas/common.ts';
import { toCsv } from './csv.ts';

/** The most rows one export answers (docs/rules.md#csv-export): an answer is always bounded. */
export const MAX_EXPORT_ROWS = 10_000;

/** A stage as the export names it; a template's stages come live ones first in order, then archived ones. */
export interface ExportStage {
  readonly id: string;
  readonly stage_name: string;
  readonly status: LifecycleStatus;
}

export interface ExportTemplate {
  readonly id: string;
  readonly template_name: string;
  readonly stages: readonly ExportStage[];
}

/** Where a participant got to at one stage: its state and the latest completed score there. */
export interface ExportStageResult {
  readonly state: StageProgressState;
  readonly score: number | null;
}

export interface ExportParticipant {
  readonly evaluation_template_id: string;
  readonly name: string;
  readonly email: string;
  readonly external_id: string | null;
  readonly phone: string | null;
  readonly tags: readonly string[];
  readonly status: ParticipantStatus;
  readonly recommendation: string | null;
  readonly current_stage_id: string | null;
  readonly created_at: string;
  /** By stage id: only the stages they have entered. */
  readonly stages: ReadonlyMap<string, ExportStageResult>;
}

/** The import's own columns first (docs/rules.md#enrolment), so an export can be imported elsewhere. */
const PERSON_COLUMNS = ['name', 'email', 'external_id', 'phone', 'tags'] as const;
const STATUS_COLUMNS = ['template', 'status', 'recommendation', 'current_stage', 'added_at'] as const;

/**
 * The participants as CSV, one row each, in the order given: who they are, where they stand, then a
 * state and a score column for each stage. A stage has columns when it is active or when anyone
 * exported has been in it; with people from several templates, each stage's columns name its template.
 */
export function participantsCsv(
  participants: readonly ExportParticipant[],
  templates: readonly ExportTemplate[],
): string {
  const byId = new Map(templates.map((t) => [t.id, t]));
  const shown = new Set(participants.map((p) => p.evaluation_template_id));
  const entered = new Set(participants.flatMap((p) => [...p.stages.keys()]));
  const several = shown.size > 1;
  const stageColumns = templates
    .filter((t) => shown.has(t.id))
    .flatMap((t) =>
      t.stages
        .filter((s) => s.status === 'active' || entered.has(s.id))
        .map((s) => ({ id: s.id, label: several ? `${t.template_name} / ${s.stage_name}` : s.stage_name })),
    );
  const stageName = (p: ExportParticipant) =>
    p.current_stage_id
      ? (byId.get(p.evaluation_template_id)?.stages.find((s) => s.id === p.current_stage_id)?.stage_name ?? '')
      : '';

  const header = [
    ...PERSON_COLUMNS,
    ...STATUS_COLUMNS,
    ...stageColumns.flatMap((c) => [`${c.label}: state`, `${c.label}: score`]),
  ];
  const rows = participants.map((p) => [
    p.name,
    p.email,
    p.external_id,
    p.phone,
    p.tags.join(';'),
    byId.get(p.evaluation_template_id)?.template_name ?? '',
    p.status,
    p.recommendation,
    stageName(p),
    p.created_at,
    ...stageColumns.flatMap((c) => {
      const result = p.stages.get(c.id);
      return [result?.state ?? null, result?.score ?? null];
    }),
  ]);
  return toCsv([header, ...rows]);
}
