import { Outlet } from 'react-router';
import { PageTabs } from '../../ui/PageTabs.tsx';
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
      <PageTabs label="Settings" pages={SETTINGS_PAGES} />
      <Outlet />
    </>
  );
}
