import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { LoadingState } from '../ui/LoadingState.tsx';
import { Header } from './Header.tsx';
import { Sidebar } from './Sidebar.tsx';

export function AppShell() {
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <div className="app-main">
        <Header />
        <main id="main" className="content" tabIndex={-1}>
          <Suspense fallback={<LoadingState label="Loading page" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
