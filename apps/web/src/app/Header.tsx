import type { ReactNode, RefObject } from 'react';
import { Link, useMatches } from 'react-router';
import { UserMenu } from '../features/account/UserMenu.tsx';
import { SIDEBAR_ID } from './Sidebar.tsx';

/** Routes name themselves with `handle: { crumb: { label, to } }`; the header lists them. */
interface Crumb {
  label: ReactNode;
  to: string;
}

/** How the palette's keys read on this computer. */
const PALETTE_KEYS = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘ K' : 'Ctrl K';

const crumbOf = (handle: unknown): Crumb | undefined =>
  typeof handle === 'object' && handle !== null && 'crumb' in handle ? (handle.crumb as Crumb) : undefined;

interface HeaderProps {
  navOpen: boolean;
  onOpenNav: () => void;
  menuButton: RefObject<HTMLButtonElement | null>;
  /** The command palette and the shortcuts' help sheet, for the pointer (the keyboard has Ctrl/⌘+K and `?`). */
  onOpenSheet: (sheet: 'palette' | 'help') => void;
}

export function Header({ navOpen, onOpenNav, menuButton, onOpenSheet }: HeaderProps) {
  // `to: '.'` names the route's own path (e.g. the template a board belongs to).
  const crumbs = useMatches().flatMap((match) => {
    const crumb = crumbOf(match.handle);
    return crumb ? [{ ...crumb, to: crumb.to === '.' ? match.pathname : crumb.to }] : [];
  });
  return (
    <header className="topbar">
      {/* Shown on narrow screens only (layout.css), where the navigation is a drawer. */}
      <button
        ref={menuButton}
        type="button"
        className="menu-button"
        aria-expanded={navOpen}
        aria-controls={SIDEBAR_ID}
        onClick={onOpenNav}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
        Menu
      </button>
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
      <div className="topbar-tools">
        <button
          type="button"
          className="jump-button"
          aria-keyshortcuts="Control+K Meta+K"
          onClick={() => onOpenSheet('palette')}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <span className="jump-button-label">Jump to…</span>
          <kbd className="jump-button-keys">{PALETTE_KEYS}</kbd>
        </button>
        <button
          type="button"
          className="icon-button shortcuts-button"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="Shift+?"
          title="Keyboard shortcuts (?)"
          onClick={() => onOpenSheet('help')}
        >
          <span aria-hidden="true">?</span>
        </button>
        <UserMenu />
      </div>
    </header>
  );
}
