import type { EvaluationStage } from '@stageflow/domain';
import { useCallback, useMemo } from 'react';
import { trpc } from '../../app/trpc.ts';

/**
 * After any participant command: everything that shows where participants stand (lists, the board,
 * the participant page, the decisions inbox and its count, sessions, the audit trail), by router path.
 */
export function useRefreshParticipants() {
  const utils = trpc.useUtils();
  return useCallback(
    () =>
      Promise.all([
        utils.participants.invalidate(),
        utils.decisions.invalidate(),
        utils.sessions.invalidate(),
        utils.events.invalidate(),
      ]),
    [utils],
  );
}

export interface TemplateStages {
  /** The live stages of the loaded templates, by id. */
  stages: ReadonlyMap<string, EvaluationStage>;
  templateNames: ReadonlyMap<string, string>;
  stageName: (stageId: string | null | undefined) => string;
}

/**
 * Stage and template names for rows that carry only ids (participants, decisions). Reads
 * `templates.byId`, the query the template page uses, once per template on screen.
 */
export function useTemplateStages(templateIds: readonly string[]): TemplateStages {
  const unique = useMemo(() => [...new Set(templateIds)].sort(), [templateIds]);
  const queries = trpc.useQueries((t) => unique.map((id) => t.templates.byId({ id }, { staleTime: 60_000 })));
  // A few templates of a few stages each: cheap enough to rebuild on every render.
  const stages = new Map<string, EvaluationStage>();
  const templateNames = new Map<string, string>();
  for (const { data: template } of queries) {
    if (!template) continue;
    templateNames.set(template.id, template.template_name);
    for (const stage of template.stages) stages.set(stage.id, stage);
  }
  return {
    stages,
    templateNames,
    stageName: (id) => (id ? (stages.get(id)?.stage_name ?? 'a stage') : 'no stage'),
  };
}

/** Member names by user id, for "who" in the audit trail. */
export function useMemberNames(): ReadonlyMap<string, string> {
  const { data } = trpc.account.members.useQuery(undefined, { staleTime: 5 * 60_000 });
  return useMemo(() => new Map((data?.members ?? []).map((m) => [m.user_id, m.name] as const)), [data]);
}
