import type { ScheduleSessionInput } from '@stageflow/domain';
import { Controller, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { formatDateTime } from '../../lib/format.ts';
import { Field } from '../../ui/Field.tsx';

/** The keys scheduling a session and moving one have in common. */
type SessionTimeValues = Pick<ScheduleSessionInput, 'scheduled_at' | 'timezone' | 'notes'>;

/** ISO (UTC) ⇄ the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in the browser's time zone. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (local: string) => {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

/** When, time zone and notes: the fields the schedule and reschedule forms share. */
export function SessionTimeFields<T extends FieldValues & SessionTimeValues>({
  form,
  notBefore,
}: {
  form: UseFormReturn<T>;
  /** The earliest time the rules allow (a retake cool-down), shown as a hint. */
  notBefore: string | null;
}) {
  // react-hook-form's types are invariant in the form's values, so a form with more keys does not
  // type-check as one with just these; the fields below only touch the shared keys.
  const {
    register,
    control,
    formState: { errors },
  } = form as unknown as UseFormReturn<SessionTimeValues>;
  return (
    <div className="form-grid">
      <Field
        label="When"
        error={errors.scheduled_at?.message}
        hint={notBefore ? `Not before ${formatDateTime(notBefore)} (retake cool-down).` : undefined}
      >
        {(p) => (
          <Controller
            control={control}
            name="scheduled_at"
            render={({ field }) => (
              <input
                {...p}
                type="datetime-local"
                name={field.name}
                value={toLocalInput(field.value)}
                onChange={(e) => field.onChange(fromLocalInput(e.target.value))}
                onBlur={field.onBlur}
              />
            )}
          />
        )}
      </Field>
      <Field label="Time zone" error={errors.timezone?.message} hint='An IANA name such as "Europe/Paris".'>
        {(p) => <input {...p} {...register('timezone')} autoComplete="off" />}
      </Field>
      <Field label="Notes" optional className="span-2" error={errors.notes?.message}>
        {(p) => <textarea {...p} rows={3} {...register('notes')} />}
      </Field>
    </div>
  );
}
