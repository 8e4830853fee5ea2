/**
 * The dashboard's keyboard shortcuts (docs/surfaces.md#keyboard-shortcuts): what each key does, as
 * the help sheet lists them, and what a key press means. Pure, so it is tested without a browser.
 */

/** `g` then one of these letters goes to the page. */
export const GO_TO: Readonly<Record<string, { path: string; label: string }>> = {
  t: { path: '/templates', label: 'Evaluation Templates' },
  a: { path: '/agent-profiles', label: 'Agent Profiles' },
  p: { path: '/participants', label: 'Participants' },
  d: { path: '/decisions', label: 'Decisions' },
  k: { path: '/developer/api-keys', label: 'Developer' },
  s: { path: '/settings', label: 'Settings' },
};

/** How long `g` waits for its letter. */
export const GO_TO_WAIT_MS = 1500;

/** The help sheet's rows: the keys as they are pressed, and what they do. */
export const SHORTCUT_LIST: readonly { keys: readonly string[][]; does: string }[] = [
  {
    keys: [
      ['Ctrl', 'K'],
      ['⌘', 'K'],
    ],
    does: 'Search or jump to a page, template, profile or participant',
  },
  { keys: [['/']], does: 'Search this list' },
  { keys: [['j'], ['k']], does: 'Next or previous row in a list' },
  { keys: [['Enter']], does: 'Open the row' },
  ...Object.entries(GO_TO).map(([letter, { label }]) => ({ keys: [['g', letter]], does: `Go to ${label}` })),
  { keys: [['?']], does: 'Show these shortcuts' },
  { keys: [['Esc']], does: 'Close a dialog' },
];

/** What a key press asks for; `null` when it is not a shortcut (or the person is typing). */
export type ShortcutAction =
  | { kind: 'palette' }
  | { kind: 'help' }
  | { kind: 'search' }
  | { kind: 'row'; step: 1 | -1 }
  | { kind: 'go-prefix' }
  | { kind: 'go'; path: string };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** Where typing happens: a key pressed there is the field's, never a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'image', 'range', 'color'].includes(target.type);
  }
  return target.closest('[role="textbox"], [role="combobox"], [role="searchbox"]') !== null;
}

/**
 * The shortcut a key press means. `awaitingGo`: `g` was pressed just before. Keys with Alt, and with
 * Ctrl or ⌘ (other than Ctrl/⌘+K), are the browser's and the system's.
 */
export function shortcutFor(press: KeyPress, awaitingGo: boolean): ShortcutAction | null {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (press.altKey) return null;
  if (press.ctrlKey || press.metaKey) return key === 'k' ? { kind: 'palette' } : null;
  if (awaitingGo) {
    const page = GO_TO[key];
    return page ? { kind: 'go', path: page.path } : null;
  }
  switch (press.key) {
    case '?':
      return { kind: 'help' };
    case '/':
      return { kind: 'search' };
    case 'j':
      return { kind: 'row', step: 1 };
    case 'k':
      return { kind: 'row', step: -1 };
    case 'g':
      return { kind: 'go-prefix' };
    default:
      return null;
  }
}

/** The row to move to: the next or previous of `count`, from `current` (-1: none yet, start at the first). */
export function nextRow(current: number, step: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return 0;
  return Math.min(count - 1, Math.max(0, current + step));
}
