import { BulkActionInput, type BulkActionKind } from '@stageflow/domain';
import { useId } from 'react';
import { Controller, type UseFormReturn, useForm } from 'react-hook-form';
import { showRefusal } from '../../app/use-server-error.ts';
import { collectFieldPaths, mapIssuesToFields, type ServerIssue } from '../../lib/server-errors.ts';
import { CommaListInput } from '../../ui/CommaListInput.tsx';
import { DialogForm } from '../../ui/Dialog.tsx';
import { Field, FieldError, Fieldset, SelectField } from '../../ui/Field.tsx';
import { RadioCard } from '../../ui/RadioCard.tsx';
import { useMailSetup } from '../mail/mail-setup.ts';
import { PORTAL_LINK_DAY_CHOICES } from '../participants/portal-link-days.ts';
import { SessionTimeFields } from '../participants/SessionTimeFields.tsx';
import { ACTION_WORDS, ACTIONS } from './bulk-words.ts';

/** The form's values: every action's parameters side by side; only the chosen action's are sent. */
export interface BulkFormValues {
  action: BulkActionKind;
  note: string;
  tags: { add: string[]; remove: string[] };
  scheduled_at: string | undefined;
  timezone: string;
  notes: string;
  /** Send portal link: how many days each new link works. */
  expires_in_days: number;
}

/** What the chosen action sends, as `POST /participants/bulk-actions` takes it (without who and dry_run). */
export type BulkRequest = Pick<BulkActionInput, 'action' | 'note' | 'tags' | 'schedule' | 'expires_in_days'>;

export function requestOf(v: BulkFormValues): BulkRequest {
  const note = v.note.trim();
  switch (v.action) {
    case 'advance':
    case 'reject':
    case 'withdraw':
      return { action: v.action, ...(note ? { note } : {}) };
    case 'tag':
      return { action: 'tag', tags: v.tags };
    case 'schedule':
      return {
        action: 'schedule',
        schedule: { scheduled_at: v.scheduled_at, timezone: v.timezone, ...(v.notes.trim() ? { notes: v.notes } : {}) },
      };
    case 'send_portal_link':
      return { action: 'send_portal_link', expires_in_days: v.expires_in_days };
  }
}

/** The server says `schedule.timezone`; the form's field is `timezone`. */
const formPath = (path: readonly (string | number)[]) => (path[0] === 'schedule' ? path.slice(1) : [...path]);

/** Issues (the domain schema's, or the server's) beside the fields they name; the rest in the dialog. */
export function showIssues(form: UseFormReturn<BulkFormValues>, issues: readonly ServerIssue[], message: string) {
  const mapped = mapIssuesToFields(
    issues.map((i) => ({ ...i, path: formPath(i.path) })),
    collectFieldPaths(form.getValues()),
  );
  mapped.fields.forEach(({ name, message: said }, i) => {
    form.setError(name as keyof BulkFormValues, { type: 'server', message: said }, { shouldFocus: i === 0 });
  });
  if (mapped.unmatched.length > 0) showRefusal(mapped.unmatched.join('\n'));
  else if (mapped.fields.length === 0) showRefusal(message);
}

interface BulkActionFormProps {
  initial: BulkFormValues;
  /** Who, as sent: checked with the request by the domain's schema before anything is sent. */
  who: Pick<BulkActionInput, 'participant_ids' | 'filter'>;
  pending: boolean;
  onCancel: () => void;
  onPreview: (values: BulkFormValues, form: UseFormReturn<BulkFormValues>) => void;
}

/** What to do to everyone selected, and its parameters; submitting asks for the preview. */
export function BulkActionForm({ initial, who, pending, onCancel, onPreview }: BulkActionFormProps) {
  const id = useId();
  const form = useForm<BulkFormValues>({ defaultValues: initial });
  const { register, control, watch } = form;
  const action = watch('action');
  const errors = form.formState.errors;
  const mailSetUp = useMailSetup();

  const submit = form.handleSubmit((values) => {
    const checked = BulkActionInput.safeParse({ ...requestOf(values), ...who, dry_run: true });
    if (!checked.success) {
      showIssues(form, checked.error.issues as unknown as ServerIssue[], checked.error.message);
      return;
    }
    onPreview(values, form);
  });

  return (
    <DialogForm onSubmit={submit} onCancel={onCancel} submitLabel="Preview" pending={pending}>
      <Fieldset legend="What to do" hint="Nothing happens yet: the preview says, person by person, what would.">
        <div className="radio-cards bulk-actions-choice">
          {ACTIONS.map((option) => (
            <RadioCard
              key={option}
              id={`${id}-${option}`}
              value={option}
              label={ACTION_WORDS[option].label}
              help={ACTION_WORDS[option].help}
              {...register('action')}
            />
          ))}
        </div>
      </Fieldset>
      {(action === 'advance' || action === 'reject' || action === 'withdraw') && (
        <Field
          label={action === 'withdraw' ? 'Reason' : 'Note'}
          optional
          error={errors.note?.message}
          hint={
            action === 'advance'
              ? 'Kept in each person’s audit trail. Required to advance anyone who has not passed their stage.'
              : 'Kept in each person’s audit trail.'
          }
        >
          {(p) => <textarea {...p} rows={3} {...register('note')} />}
        </Field>
      )}
      {action === 'tag' && (
        <div className="form-grid">
          <Field label="Add tags" hint="Separate with commas." error={errors.tags?.add?.message}>
            {(p) => (
              <Controller
                control={control}
                name="tags.add"
                render={({ field }) => <CommaListInput {...p} value={field.value} onChange={field.onChange} />}
              />
            )}
          </Field>
          <Field label="Remove tags" hint="Separate with commas." error={errors.tags?.remove?.message}>
            {(p) => (
              <Controller
                control={control}
                name="tags.remove"
                render={({ field }) => <CommaListInput {...p} value={field.value} onChange={field.onChange} />}
              />
            )}
          </Field>
          <FieldError message={errors.tags?.message ?? errors.tags?.root?.message} />
        </div>
      )}
      {action === 'schedule' && <SessionTimeFields form={form} notBefore={null} />}
      {action === 'send_portal_link' && (
        <SelectField
          label="Each new link works for"
          error={errors.expires_in_days?.message}
          hint={
            mailSetUp === false
              ? 'Mail is not set up on this server: the messages would wait in Developer → Mail, not sent.'
              : 'By email, in each template’s language.'
          }
          options={PORTAL_LINK_DAY_CHOICES.map((d) => ({ value: d, label: `${d} days` }))}
          {...register('expires_in_days', { valueAsNumber: true })}
        />
      )}
    </DialogForm>
  );
}
