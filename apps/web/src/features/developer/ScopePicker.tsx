import { useId } from 'react';
import { type Control, useController } from 'react-hook-form';
import { DataTable } from '../../ui/DataTable.tsx';
import { FieldError } from '../../ui/Field.tsx';
import {
  type ApiKeyFormValues,
  SCOPE_ACTIONS,
  SCOPE_GROUPS,
  type ScopeGroup,
  scopeLabel,
  toggleScope,
} from './api-keys.ts';

const ACTION_LABELS = { read: 'Read', write: 'Write', delete: 'Delete' } as const;

/**
 * The scopes of a new key as a table (one row per resource, a column per action), with "All scopes"
 * above it. Choosing all checks and locks every box, so it is plain what the key will carry.
 */
export function ScopePicker({ control }: { control: Control<ApiKeyFormValues> }) {
  const id = useId();
  const { field, fieldState } = useController({ control, name: 'scopes' });
  const all = field.value.includes('all');
  const error = fieldState.error?.message;
  const errorId = `${id}-error`;
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : `${id}-hint`}>
      <legend className="fieldset-legend">Scopes</legend>
      <p id={`${id}-hint`} className="fieldset-hint field-hint">
        What the key may do in this workspace. Give each script only what it needs; no key can manage members or other
        keys.
      </p>
      <div className="checkbox-row scope-all">
        <input
          ref={field.ref}
          type="checkbox"
          id={`${id}-all`}
          checked={all}
          aria-invalid={error ? true : undefined}
          onChange={(event) => field.onChange(toggleScope(field.value, 'all', event.target.checked))}
          onBlur={field.onBlur}
        />
        <label htmlFor={`${id}-all`}>All scopes</label>
      </div>
      <DataTable
        rows={SCOPE_GROUPS}
        className="table-compact scope-table"
        wrapClassName="scope-table-wrap"
        rowKey={(group) => group.resource}
        columns={[
          { header: 'Resource', rowHeader: true, cell: (group) => group.label },
          ...SCOPE_ACTIONS.map((action) => ({
            header: ACTION_LABELS[action],
            cell: (group: ScopeGroup) => {
              const scope = group.actions[action];
              return (
                scope && (
                  <input
                    type="checkbox"
                    aria-label={scopeLabel(scope)}
                    title={scope}
                    checked={all || field.value.includes(scope)}
                    disabled={all}
                    onChange={(event) => field.onChange(toggleScope(field.value, scope, event.target.checked))}
                  />
                )
              );
            },
          })),
        ]}
      />
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
