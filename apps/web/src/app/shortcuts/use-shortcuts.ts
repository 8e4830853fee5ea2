import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { GO_TO_WAIT_MS, isTypingTarget, nextRow, shortcutFor } from './keys.ts';

/** Marks the link that opens a list's row (a table row, a board card, a decision): `j`/`k` move between them. */
export const ROW_ATTRIBUTE = 'data-shortcut-row';

const visible = (el: HTMLElement) => el.getClientRects().length > 0;

/** Puts focus on the next or previous row's link, in view; Enter then opens it as any link does. */
function moveRow(step: 1 | -1) {
  const rows = Array.from(document.querySelectorAll<HTMLElement>(`#main [${ROW_ATTRIBUTE}]`)).filter(visible);
  const focus = document.activeElement;
  const current = rows.findIndex((row) => row === focus || row.contains(focus));
  const to = rows[nextRow(current, step, rows.length)];
  to?.focus();
  to?.scrollIntoView({ block: 'nearest' });
}

/** `/`: the page's search box, or the palette on a page without one. */
function focusSearch(): boolean {
  const box = document.querySelector<HTMLInputElement>('#main input[type="search"]');
  if (!box) return false;
  box.focus();
  box.select();
  return true;
}

/**
 * The dashboard's keyboard shortcuts (keys.ts), listened for on the whole document. A key typed in a
 * field, pressed with a dialog or menu open, or already handled by the page is left alone.
 */
export function useShortcuts(open: (sheet: 'help' | 'palette') => void) {
  const navigate = useNavigate();
  const goPressedAt = useRef<number | null>(null);
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.target instanceof Element && event.target.closest('[role="menu"]')) return;
      const awaitingGo = goPressedAt.current !== null && Date.now() - goPressedAt.current < GO_TO_WAIT_MS;
      goPressedAt.current = null;
      const action = shortcutFor(event, awaitingGo);
      if (!action) return;
      event.preventDefault();
      switch (action.kind) {
        case 'palette':
        case 'help':
          openRef.current(action.kind);
          break;
        case 'search':
          if (!focusSearch()) openRef.current('palette');
          break;
        case 'row':
          moveRow(action.step);
          break;
        case 'go-prefix':
          goPressedAt.current = Date.now();
          break;
        case 'go':
          navigate(action.path);
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
