import { type ReactNode, type SelectHTMLAttributes, useId } from 'react';
import { SelectOptions } from './SelectOptions.tsx';

/** The search box of a list's toolbar; its label is for screen readers, the placeholder says it on screen. */
export function ToolbarSearch({
  label,
  placeholder = `${label}…`,
  value,
  onChange,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="toolbar-field toolbar-grow">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="search-input"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

interface ToolbarSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'id'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

/** A filter of a list's toolbar: a select whose first option says what it shows unfiltered. */
export function ToolbarSelect({ label, value, onChange, children, ...rest }: ToolbarSelectProps) {
  const id = useId();
  return (
    <div className="toolbar-field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select {...rest} id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

/** A list's search text and status, with their setters (what `useListFilters` gives). */
interface SearchAndStatus<S extends string> {
  search: string;
  setSearch: (value: string) => void;
  status: S;
  setStatus: (value: S) => void;
}

/** Search box and status filter above a list. */
export function ListToolbar<S extends string>({
  searchLabel,
  filters,
  statusOptions,
}: {
  searchLabel: string;
  filters: SearchAndStatus<S>;
  statusOptions: ReadonlyArray<{ value: S; label: string }>;
}) {
  return (
    <search className="toolbar">
      <ToolbarSearch label={searchLabel} value={filters.search} onChange={filters.setSearch} />
      <ToolbarSelect
        label="Status"
        value={filters.status}
        onChange={(value) => filters.setStatus(statusOptions.find((o) => o.value === value)?.value ?? filters.status)}
      >
        <SelectOptions options={statusOptions} />
      </ToolbarSelect>
    </search>
  );
}
