import { NavLink, Outlet } from 'react-router';
import '../settings/settings.css';

/** Developer's pages, as tabs above whichever is open (the same tabs as Settings'). */
const DEVELOPER_PAGES = [
  { to: '/developer/api-keys', label: 'API keys' },
  { to: '/developer/mail', label: 'Mail' },
  { to: '/developer/api-docs', label: 'API docs' },
] as const;

export default function DeveloperLayout() {
  return (
    <>
      <nav aria-label="Developer" className="settings-tabs">
        {DEVELOPER_PAGES.map((page) => (
          <NavLink key={page.to} to={page.to} className="settings-tab">
            {page.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
