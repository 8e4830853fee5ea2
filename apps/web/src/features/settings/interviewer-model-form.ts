import type { UpdateInterviewerModelInput } from '@stageflow/domain';
import type { RouterOutputs } from '../../app/trpc.ts';

export type InterviewerModelSettings = RouterOutputs['interviewerModel']['get'];
export type InterviewerModelTestResult = RouterOutputs['interviewerModel']['test'];

/** The form's fields: the key field is only shown when a key is being typed. */
export interface InterviewerModelFormValues {
  base_url: string;
  model: string;
  api_key: string;
}

/**
 * What happens to the saved key on Save: it is write-only, so the page never has it. `keep` leaves
 * it as it is, `replace` sends the one typed, `remove` deletes it; `new` is a workspace without one,
 * where a typed key is sent and an empty field means none.
 */
export type KeyAction = 'keep' | 'replace' | 'remove' | 'new';

export const formValuesOf = (settings: InterviewerModelSettings): InterviewerModelFormValues => ({
  base_url: settings.workspace?.base_url ?? '',
  model: settings.workspace?.model ?? '',
  api_key: '',
});

export const initialKeyAction = (settings: InterviewerModelSettings): KeyAction =>
  settings.workspace?.has_api_key ? 'keep' : 'new';

/** The update the server is sent: `api_key` left out keeps the saved key, `null` removes it. */
export function updateInputOf(values: InterviewerModelFormValues, action: KeyAction): UpdateInterviewerModelInput {
  const base = { base_url: values.base_url, model: values.model };
  if (action === 'keep') return base;
  if (action === 'remove') return { ...base, api_key: null };
  if (action === 'new' && values.api_key.trim() === '') return { ...base, api_key: null };
  return { ...base, api_key: values.api_key };
}

/** One sentence on where interviews run now. */
export function inUseSentence(settings: InterviewerModelSettings): string {
  if (settings.source === 'workspace') return `Interviews run on ${settings.model}, set for this workspace.`;
  if (settings.source === 'environment') return `Interviews run on the server's default model, ${settings.model}.`;
  return "No model is set up: AI interviews can't run until one is. Participants can still answer in writing.";
}

/** The test's outcome as the page says it. */
export function testOutcome(result: InterviewerModelTestResult): { ok: boolean; text: string } {
  if (result.ok) return { ok: true, text: `Connected: ${result.model} answered in ${result.latency_ms} ms.` };
  return { ok: false, text: result.error ?? 'The test failed.' };
}
