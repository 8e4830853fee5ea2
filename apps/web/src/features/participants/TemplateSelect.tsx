import { useEffect } from 'react';
import { Link } from 'react-router';
import { trpc } from '../../app/trpc.ts';
import { Field } from '../../ui/Field.tsx';

interface TemplateSelectProps {
  value: string;
  onChange: (templateId: string) => void;
  error?: string | undefined;
  className?: string;
  /** Help under the select; by default, what picking a template means for enrolling. */
  hint?: string;
}

/** The active templates a participant can be enrolled in; the first is picked when none is. */
export function TemplateSelect({ value, onChange, error, className, hint }: TemplateSelectProps) {
  const templates = trpc.templates.list.useQuery({ status: 'active' });
  const first = templates.data?.[0]?.id;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);

  const none = templates.data?.length === 0;
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
        ) : (
          (hint ?? 'One participant record per template: the same person in two templates is added twice.')
        )
      }
    >
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)} disabled={templates.isPending || none}>
          {templates.isPending && <option value="">Loading templates…</option>}
          {none && <option value="">No active templates</option>}
          {templates.data?.map((t) => (
            <option key={t.id} value={t.id}>
              {t.template_name}
              {t.stage_count === 0 ? ' (no stages yet)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
