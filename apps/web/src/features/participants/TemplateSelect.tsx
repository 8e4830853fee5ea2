import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { Field } from '../../ui/Field.tsx';

interface TemplateSelectProps {
  value: string;
  onChange: (templateId: string) => void;
  error?: string | undefined;
  className?: string;
  /** Help under the select; by default, what picking a template means for enrolling. */
  hint?: string;
}

/**
 * The active templates a participant can be enrolled in. One whose pipeline cannot take participants
 * (docs/rules.md#pipeline-validation) is shown but cannot be picked, and is never picked for you. With
 * no template given, the first ready one is picked; a given one that is not ready leaves the choice open.
 */
export function TemplateSelect({ value, onChange, error, className, hint }: TemplateSelectProps) {
  const templates = trpc.templates.list.useQuery({ status: 'active' });
  const ready = templates.data?.filter((t) => t.runnable);
  const chosen = templates.data?.find((t) => t.id === value);
  const given = useRef(value !== '');
  const firstReady = ready?.[0]?.id;
  useEffect(() => {
    if (chosen && !chosen.runnable) onChange('');
    else if (!value && !given.current && firstReady) onChange(firstReady);
  }, [value, chosen, firstReady, onChange]);

  const none = templates.data?.length === 0;
  const unready = (templates.data?.length ?? 0) - (ready?.length ?? 0);
  return (
    <Field
      label="Evaluation template"
      className={className}
      error={error}
      hint={
        none ? (
          <>
            There is no active template yet. <Link to="/templates">Create one</Link> and add its stages first.
          </>
        ) : unready > 0 ? (
          <>
            Templates marked “not ready” cannot take participants until their pipeline is fixed on the template’s page.
            One participant record per template.
          </>
        ) : (
          (hint ?? 'One participant record per template: the same person in two templates is added twice.')
        )
      }
    >
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)} disabled={templates.isPending || none}>
          {templates.isPending && <option value="">Loading templates…</option>}
          {none && <option value="">No active templates</option>}
          {!templates.isPending && !none && !value && (
            <option value="" disabled>
              Choose a template…
            </option>
          )}
          {templates.data?.map((t) => (
            <option key={t.id} value={t.id} disabled={!t.runnable}>
              {t.template_name}
              {t.runnable ? '' : ` (not ready — ${plural(t.problems, 'problem')})`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
