import { createContext, useContext } from 'react';

/** A refusal as a dialog shows it: the server's words, and a way on when there is one (Reload after a conflict). */
export interface DialogAlert {
  message: string;
  /** `run` may answer a promise (a reload): the alert stays, its button busy, until it settles. */
  action?: { label: string; run: () => unknown } | undefined;
}

type Sink = (alert: DialogAlert | null) => void;

/**
 * The dialogs open now, the last one on top. A modal dialog covers the page and its toasts, so a refusal
 * that arrives while one is open belongs inside it, where the person is looking.
 */
const openDialogs: Sink[] = [];

/** Called by an open Dialog; the answer unregisters it. */
export function registerOpenDialog(sink: Sink): () => void {
  openDialogs.push(sink);
  return () => {
    const at = openDialogs.lastIndexOf(sink);
    if (at >= 0) openDialogs.splice(at, 1);
  };
}

/** Shows the alert in the dialog on top; false when no dialog is open (say it another way, e.g. a toast). */
export function alertInOpenDialog(alert: DialogAlert): boolean {
  const top = openDialogs.at(-1);
  if (!top) return false;
  top(alert);
  return true;
}

/** The alert of the dialog around a component, and a way to clear it (a new attempt starts clean). */
export const DialogAlertContext = createContext<{ alert: DialogAlert | null; clear: () => void }>({
  alert: null,
  clear: () => undefined,
});

export const useDialogAlert = () => useContext(DialogAlertContext);
