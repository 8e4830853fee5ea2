import { NavLink } from 'react-router';

/** The Settings pages, side by side: each page shows them above its content. */
const PAGES = [
  { to: '/settings/members', label: 'Members' },
  { to: '/settings/portal-notice', label: 'Portal notice' },
] as const;

export function SettingsTabs() {
  return (
    <nav aria-label="Settings" className="segmented">
      {PAGES.map((p) => (
        <NavLink key={p.to} to={p.to} className="segmented-option">
          {p.label}
        </NavLink>
      ))}
    </nav>
  );
}
