import { zodResolver } from '@hookform/resolvers/zod';
import type { AgentProfile } from '@stageflow/domain';
import { type DefaultValues, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { previewScorecard, type ScorecardFormValues, type StageRules } from './scorecard-form.ts';

/**
 * A scorecard form checked by the domain's own schema (so the form and the server refuse the same things
 * in the same words), with the live preview of what has been typed so far. Recording a result and
 * correcting the interviewer's score differ in their schema, starting values and the rules the preview
 * judges by; the rest is this.
 */
export function useScorecardForm<Input extends ScorecardFormValues, Output>({
  schema,
  defaultValues,
  profile,
  stage,
}: {
  schema: z.ZodType<Output, Input>;
  defaultValues: DefaultValues<Input>;
  profile: AgentProfile | null;
  stage: StageRules;
}) {
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(schema), defaultValues });
  const values = useWatch({ control: form.control });
  const preview = previewScorecard(profile, values as ScorecardFormValues, stage);
  return { form, preview };
}
