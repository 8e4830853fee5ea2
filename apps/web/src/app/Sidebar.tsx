import { useEffect, useRef } from 'react';
import { NavLink } from 'react-router';
import { OpenDecisionsCount } from '../features/decisions/OpenDecisionsCount.tsx';
import { BrandMark } from '../ui/BrandMark.tsx';
import { NAV_ITEMS, type NavItem } from './navigation.ts';

const ICON_PATHS: Record<NavItem['icon'], string> = {
  templates: 'M4 6h4v12H4zM10 6h4v12h-4zM16 6h4v12h-4z',
  profiles: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0',
  participants: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6 9a6 6 0 0 1 12 0m1-9a3 3 0 1 0 0-6m2 15a6 6 0 0 0-3-5.2',
  decisions: 'M4 12l5 5L20 6',
  analytics: 'M5 20V11M12 20V4M19 20v-6',
  developer: 'M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 5l-3 14',
  settings: 'M4 7h10m4 0h2M4 17h4m4 0h8M16 5v4M10 15v4',
};

function NavIcon({ icon }: { icon: NavItem['icon'] }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={ICON_PATHS[icon]} />
    </svg>
  );
}

export const SIDEBAR_ID = 'app-sidebar';

/**
 * The navigation: a column beside the page on wide screens; on narrow ones a drawer the header's menu
 * button opens (`open`), closed by Escape, the backdrop, or following a link.
 */
export function Sidebar({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    ref.current?.querySelector<HTMLElement>('nav a')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  return (
    <>
      <aside ref={ref} id={SIDEBAR_ID} className={open ? 'sidebar is-open' : 'sidebar'}>
        <NavLink to="/" className="brand">
          <BrandMark />
          Stageflow
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="nav-link">
                  <NavIcon icon={item.icon} />
                  {item.label}
                  {item.badge === 'open-decisions' && <OpenDecisionsCount />}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      {open && <div className="nav-backdrop" aria-hidden="true" onClick={onClose} />}
    </>
  );
}
