import { type ReactNode, useRef } from 'react';
import { useFocusOnArrival, usePageTitle } from './page-title.ts';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  meta?: ReactNode;
  actions?: ReactNode;
}

/** The page's h1 (and the tab's title), a sentence about it and its main actions. */
export function PageHeader({ title, description, meta, actions }: PageHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(title);
  useFocusOnArrival(heading);
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 ref={heading} className="page-title" tabIndex={-1}>
          {title}
          {meta}
        </h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
