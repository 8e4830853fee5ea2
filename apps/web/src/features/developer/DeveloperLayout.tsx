import { Outlet } from 'react-router';
import { PageTabs } from '../../ui/PageTabs.tsx';

/** Developer's pages, as tabs above whichever is open. */
const DEVELOPER_PAGES = [
  { to: '/developer/api-keys', label: 'API keys' },
  { to: '/developer/webhooks', label: 'Webhooks' },
  { to: '/developer/mail', label: 'Mail' },
  { to: '/developer/api-docs', label: 'API docs' },
] as const;

export default function DeveloperLayout() {
  return (
    <>
      <PageTabs label="Developer" pages={DEVELOPER_PAGES} />
      <Outlet />
    </>
  );
}
