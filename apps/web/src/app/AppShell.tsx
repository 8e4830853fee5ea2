import { Suspense, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { LoadingState } from '../ui/LoadingState.tsx';
import { Header } from './Header.tsx';
import { SIDEBAR_ID, Sidebar } from './Sidebar.tsx';
import { type Sheet, ShortcutSheets } from './shortcuts/ShortcutSheets.tsx';
import { useShortcuts } from './shortcuts/use-shortcuts.ts';

/** Below this width the sidebar becomes a drawer behind the header's menu button (layout.css). */
const NARROW = '(max-width: 860px)';

export function AppShell() {
  const [navOpen, setNavOpen] = useState(false);
  const { pathname } = useLocation();
  const menuButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const [sheet, setSheet] = useState<Sheet>(null);
  useShortcuts(setSheet);

  // Following a link, or the window growing past the drawer's width, puts the drawer away.
  useEffect(() => setNavOpen(false), [pathname]);
  useEffect(() => {
    const narrow = window.matchMedia(NARROW);
    const close = () => setNavOpen(false);
    narrow.addEventListener('change', close);
    return () => narrow.removeEventListener('change', close);
  }, []);
  // A drawer put away hands focus back to the button that opened it, not to the top of the page.
  useEffect(() => {
    if (wasOpen.current && !navOpen) {
      const focus = document.activeElement;
      if (!focus || focus === document.body || document.getElementById(SIDEBAR_ID)?.contains(focus)) {
        menuButton.current?.focus();
      }
    }
    wasOpen.current = navOpen;
  }, [navOpen]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar open={navOpen} onClose={() => setNavOpen(false)} />
      {/* While the drawer is open, the page behind it takes no focus or clicks. */}
      <div className="app-main" inert={navOpen}>
        <Header navOpen={navOpen} onOpenNav={() => setNavOpen(true)} menuButton={menuButton} onOpenSheet={setSheet} />
        <main id="main" className="content" tabIndex={-1}>
          <Suspense fallback={<LoadingState label="Loading page" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <ShortcutSheets sheet={sheet} onClose={() => setSheet(null)} />
    </div>
  );
}
