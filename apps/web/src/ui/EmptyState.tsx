import type { ReactNode } from 'react';

/** What a person sees when a list is empty: what it is for, and the next step. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2 className="empty-state-title">{title}</h2>
      <p className="empty-state-text">{children}</p>
      {action && <div className="empty-state-action">{action}</div>}
    </section>
  );
}
