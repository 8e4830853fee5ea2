import type { ReactNode } from 'react';
import { Link, useMatches } from 'react-router';
import { UserMenu } from '../features/account/UserMenu.tsx';

/** Routes name themselves with `handle: { crumb: { label, to } }`; the header lists them. */
interface Crumb {
  label: ReactNode;
  to: string;
}

const crumbOf = (handle: unknown): Crumb | undefined =>
  typeof handle === 'object' && handle !== null && 'crumb' in handle ? (handle.crumb as Crumb) : undefined;

export function Header() {
  // `to: '.'` names the route's own path (e.g. the template a board belongs to).
  const crumbs = useMatches().flatMap((match) => {
    const crumb = crumbOf(match.handle);
    return crumb ? [{ ...crumb, to: crumb.to === '.' ? match.pathname : crumb.to }] : [];
  });
  return (
    <header className="topbar">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          {crumbs.map((crumb, i) => (
            <li key={i}>
              {i === crumbs.length - 1 ? (
                <span aria-current="page">{crumb.label}</span>
              ) : (
                <Link to={crumb.to}>{crumb.label}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <UserMenu />
    </header>
  );
}
