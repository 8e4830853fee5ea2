import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { roleLabel } from './roles.ts';
import { useAccount } from './use-account.ts';
import { useSignOut, useSwitchWorkspace } from './use-session-actions.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('') || '?';

/**
 * The header's account menu: who is signed in and in which workspace, switching workspaces,
 * creating one, signing out. A menu button (WAI-ARIA APG): arrows move, Escape closes.
 */
export function UserMenu() {
  const { user, workspaces, active_workspace, role } = useAccount();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const switchTo = useSwitchWorkspace();
  const signOut = useSignOut();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
  const close = (focusButton = true) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    } else if (event.key in moves) {
      event.preventDefault();
      const to = ((moves[event.key] ?? 0) + all.length) % all.length;
      all[to]?.focus();
    }
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu-text">
          <span className="user-menu-name">{user.name}</span>
          <span className="user-menu-workspace">
            {active_workspace?.name}
            {role && ` · ${roleLabel(role)}`}
          </span>
        </span>
        <svg className="user-menu-caret" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 6l4 4 4-4" />
        </svg>
      </button>
      {open && (
        <div
          id={menuId}
          ref={menuRef}
          role="menu"
          aria-label="Account"
          className="menu"
          onKeyDown={onMenuKeyDown}
          tabIndex={-1}
        >
          <div className="menu-header" role="presentation">
            <span className="menu-header-name">{user.name}</span>
            <span className="menu-header-email">{user.email}</span>
          </div>
          {/* biome-ignore lint/a11y/useSemanticElements: a group of menu items (ARIA menu), not a form fieldset */}
          <div role="group" aria-label="Workspaces" className="menu-group">
            <span className="menu-group-label" aria-hidden="true">
              Workspaces
            </span>
            {workspaces.map((w) => (
              <button
                key={w.id}
                type="button"
                role="menuitemradio"
                aria-checked={w.id === active_workspace?.id}
                className="menu-item"
                tabIndex={-1}
                onClick={() => {
                  close();
                  if (w.id !== active_workspace?.id) switchTo.mutate(w);
                }}
              >
                <span className="menu-check" aria-hidden="true">
                  {w.id === active_workspace?.id ? '✓' : ''}
                </span>
                <span className="menu-item-label">{w.name}</span>
                <span className="menu-item-meta">{roleLabel(w.role)}</span>
              </button>
            ))}
          </div>
          <hr className="menu-separator" />
          <MenuAction
            mark="+"
            onSelect={() => {
              close(false);
              navigate('/workspaces/new');
            }}
          >
            Create workspace
          </MenuAction>
          <MenuAction
            onSelect={() => {
              close(false);
              signOut.mutate({});
            }}
          >
            Sign out
          </MenuAction>
        </div>
      )}
    </div>
  );
}

/** An action in the menu: a mark in the check column (or none), then what it does. */
function MenuAction({ mark, onSelect, children }: { mark?: string; onSelect: () => void; children: ReactNode }) {
  return (
    <button type="button" role="menuitem" className="menu-item" tabIndex={-1} onClick={onSelect}>
      <span className="menu-check" aria-hidden="true">
        {mark}
      </span>
      {children}
    </button>
  );
}
