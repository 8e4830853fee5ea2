import { type ComponentType, useCallback, useEffect, useState } from 'react';
import { ShortcutHelp } from './ShortcutHelp.tsx';

export type Sheet = 'help' | 'palette' | null;

type Palette = ComponentType<{ onClose: () => void }>;

/** Runs `work` once the browser has nothing better to do (a timer where there is no idle callback). */
function whenIdle(work: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(work, { timeout: 5000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(work, 2000);
  return () => clearTimeout(id);
}

/**
 * The help sheet and the command palette, whichever is open. The palette's code (and styles) is not
 * part of the first page load: it is fetched once the page is idle, so that Ctrl/⌘+K opens it at once
 * and the first letters typed land in its box; opened before that, it loads then.
 */
export function ShortcutSheets({ sheet, onClose }: { sheet: Sheet; onClose: () => void }) {
  const [palette, setPalette] = useState<{ Component: Palette } | null>(null);
  const load = useCallback(() => {
    void import('./CommandPalette.tsx').then((m) => setPalette({ Component: m.default }));
  }, []);
  useEffect(() => whenIdle(load), [load]);
  useEffect(() => {
    if (sheet === 'palette' && !palette) load();
  }, [sheet, palette, load]);

  return (
    <>
      <ShortcutHelp open={sheet === 'help'} onClose={onClose} />
      {sheet === 'palette' && palette && <palette.Component onClose={onClose} />}
    </>
  );
}
