import type { ReactNode } from 'react';
import { Button } from './Button.tsx';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';
import { type GateQuery, QueryGate } from './QueryGate.tsx';

interface ListPageProps<Row> {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  /** Search and filters, above the list. */
  toolbar: ReactNode;
  query: GateQuery<readonly Row[]>;
  /** What the spinner says, e.g. "Loading templates". */
  loading: string;
  /** Whether search or filters narrow the list, and how to clear them. */
  filters: { filtered: boolean; clear: () => void };
  /** When the filters leave nothing: what matched nothing, and what to try. */
  noMatch: { title: string; text: ReactNode };
  /** When there is nothing at all yet: what the list is for and the first step. */
  empty: ReactNode;
  /** The rows, as a table. */
  children: (rows: readonly Row[]) => ReactNode;
}

/**
 * A page that lists records: its header, the toolbar, then the list, or why there is none
 * (nothing matches the filters, or nothing yet).
 */
export function ListPage<Row>({
  title,
  description,
  actions,
  toolbar,
  query,
  loading,
  filters,
  noMatch,
  empty,
  children,
}: ListPageProps<Row>) {
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      {toolbar}
      <QueryGate query={query} loading={loading}>
        {(rows) =>
          rows.length > 0 ? (
            children(rows)
          ) : filters.filtered ? (
            <EmptyState title={noMatch.title} action={<Button onClick={filters.clear}>Clear filters</Button>}>
              {noMatch.text}
            </EmptyState>
          ) : (
            empty
          )
        }
      </QueryGate>
    </>
  );
}
