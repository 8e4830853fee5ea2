import { type ReactNode, useId } from 'react';

interface SectionProps {
  title: string;
  description: ReactNode;
  /** Buttons beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
}

/** A card on a page, named by its heading: a line about it and its actions above the content. */
export function Section({ title, description, actions, children }: SectionProps) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="section-header">
        <div>
          <h2 id={titleId} className="section-title">
            {title}
          </h2>
          <p className="section-description">{description}</p>
        </div>
        {actions && <div className="section-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
