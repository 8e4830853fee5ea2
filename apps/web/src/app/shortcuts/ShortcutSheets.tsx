import { lazy, Suspense } from 'react';
import { ShortcutHelp } from './ShortcutHelp.tsx';

/* The palette's code (and its styles) arrive the first time it opens: the shell stays small. */
const CommandPalette = lazy(() => import('./CommandPalette.tsx'));

export type Sheet = 'help' | 'palette' | null;

/** The help sheet and the command palette, whichever is open. */
export function ShortcutSheets({ sheet, onClose }: { sheet: Sheet; onClose: () => void }) {
  return (
    <>
      <ShortcutHelp open={sheet === 'help'} onClose={onClose} />
      {sheet === 'palette' && (
        <Suspense fallback={null}>
          <CommandPalette onClose={onClose} />
        </Suspense>
      )}
    </>
  );
}
