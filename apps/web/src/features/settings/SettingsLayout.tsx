import { NavLink, Outlet } from 'react-router';
import './settings.css';

/** Settings' pages, as tabs above whichever is open. */
const SETTINGS_PAGES = [
  { to: '/settings/members', label: 'Members' },
  { to: '/settings/portal-notice', label: 'Portal notice' },
  { to: '/settings/interviewer-model', label: 'Interviewer model' },
  { to: '/settings/notifications', label: 'Notifications' },
] as const;

export default function SettingsLayout() {
  return (
    <>
      <nav aria-label="Settings" className="settings-tabs">
        {SETTINGS_PAGES.map((page) => (
          <NavLink key={page.to} to={page.to} className="settings-tab">
            {page.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
