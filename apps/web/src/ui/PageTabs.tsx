import { NavLink } from 'react-router';

/** Sibling pages of one section as tabs above whichever is open (Settings, Developer). */
export function PageTabs({ label, pages }: { label: string; pages: readonly { to: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="page-tabs">
      {pages.map((page) => (
        <NavLink key={page.to} to={page.to} className="page-tab">
          {page.label}
        </NavLink>
      ))}
    </nav>
  );
}
