import { useId } from 'react';

interface ListToolbarProps<S extends string> {
  searchLabel: string;
  search: string;
  onSearch: (value: string) => void;
  status: S;
  statusOptions: ReadonlyArray<{ value: S; label: string }>;
  onStatus: (value: S) => void;
}

/** Search box and status filter above a list. */
export function ListToolbar<S extends string>({
  searchLabel,
  search,
  onSearch,
  status,
  statusOptions,
  onStatus,
}: ListToolbarProps<S>) {
  const searchId = useId();
  const statusId = useId();
  return (
    <search className="toolbar">
      <div className="toolbar-field toolbar-grow">
        <label htmlFor={searchId} className="visually-hidden">
          {searchLabel}
        </label>
        <input
          id={searchId}
          type="search"
          className="search-input"
          placeholder={`${searchLabel}…`}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      <div className="toolbar-field">
        <label htmlFor={statusId} className="visually-hidden">
          Status
        </label>
        <select
          id={statusId}
          value={status}
          onChange={(e) => onStatus(statusOptions.find((o) => o.value === e.target.value)?.value ?? status)}
        >
          {statusOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
