import type { ReactNode } from 'react';
import { LinkButton } from './Button.tsx';

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

/** What a link points at is not there (a record, a page): why that may be, and the way back. */
export function NotFoundState({
  title,
  back,
  children,
}: {
  title: string;
  back: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <EmptyState
      title={title}
      action={
        <LinkButton variant="primary" to={back.to}>
          {back.label}
        </LinkButton>
      }
    >
      {children}
    </EmptyState>
  );
}
