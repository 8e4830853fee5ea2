import { type FormEventHandler, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, type ButtonVariant } from './Button.tsx';
import { type DialogAlert, DialogAlertContext, registerOpenDialog, useDialogAlert } from './dialog-alerts.ts';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  size?: 'md' | 'lg' | 'xl';
  /** Use `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

/** The first field of a dialog's form, when it has one. */
const FIRST_FIELD = '.dialog-body :is(input:not([type="hidden"]), select, textarea):not([disabled]):not([readonly])';

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape and restores focus.
 * Content mounts only while open, so every opening starts from a fresh form. While open it takes the
 * refusals that arrive (see dialog-alerts.ts) and shows them above its buttons.
 */
export function Dialog({ open, onClose, title, description, size = 'md', role = 'dialog', children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [alert, setAlert] = useState<DialogAlert | null>(null);
  const alertContext = useMemo(() => ({ alert, clear: () => setAlert(null) }), [alert]);

  useEffect(() => {
    if (!open) {
      setAlert(null);
      return undefined;
    }
    return registerOpenDialog(setAlert);
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The browser would focus the first control, the × button, where a space closes the dialog:
      // start on the first field instead, when there is one.
      dialog.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // The close event comes a moment after close(): by then the dialog may have been opened again, and
      // that stale event must not close the new opening. Escape closes it for real (then it is not open).
      onClose={(event) => {
        if (!event.currentTarget.open) onClose();
      }}
    >
      {open && (
        <DialogAlertContext.Provider value={alertContext}>
          <header className="dialog-header">
            <div>
              <h2 id={titleId} className="dialog-title">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="dialog-description">
                  {description}
                </p>
              )}
            </div>
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
              <span aria-hidden="true">×</span>
            </button>
          </header>
          {children}
        </DialogAlertContext.Provider>
      )}
    </dialog>
  );
}

/** The scrolling middle of a dialog. */
export function DialogBody({ children }: { children: ReactNode }) {
  return <div className="dialog-body">{children}</div>;
}

/** Why the last action was refused, right above the buttons that tried it; Reload and the like beside it. */
function DialogAlertBanner() {
  const { alert, clear } = useDialogAlert();
  const [running, setRunning] = useState(false);
  if (!alert) return null;
  const run = async () => {
    setRunning(true);
    try {
      // A retry made before the reload lands would be refused again: the alert goes once it is done.
      await alert.action?.run();
      clear();
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="dialog-alert" role="alert">
      <p>{alert.message}</p>
      {alert.action && (
        <Button size="sm" pending={running} onClick={() => void run()}>
          {alert.action.label}
        </Button>
      )}
    </div>
  );
}

/** The dialog's action row, primary action last, with any refusal just above it. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <>
      <DialogAlertBanner />
      <footer className="dialog-footer">{children}</footer>
    </>
  );
}

interface DialogFormProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  submitLabel: ReactNode;
  submitVariant?: ButtonVariant;
  /** The request is in flight: the submit button spins and takes no clicks. */
  pending?: boolean;
  /** Nothing to submit yet. */
  disabled?: boolean;
  /** The fields. */
  children: ReactNode;
}

/** A dialog's form: the fields in the body, then Cancel and the submit button. */
export function DialogForm({
  onSubmit,
  onCancel,
  submitLabel,
  submitVariant = 'primary',
  pending,
  disabled,
  children,
}: DialogFormProps) {
  const { clear } = useDialogAlert();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        // A new attempt: the last refusal no longer applies until the server says so again.
        clear();
        onSubmit(event);
      }}
    >
      <DialogBody>{children}</DialogBody>
      <DialogFooter>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant={submitVariant} disabled={disabled} pending={pending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** The last step of a dialog that made something: what to know about it, then Done. */
export function DialogDone({
  onDone,
  focusDone,
  children,
}: {
  onDone: () => void;
  /** Start on Done (when the button that led here is gone). */
  focusDone?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <DialogBody>{children}</DialogBody>
      <DialogFooter>
        <Button variant="primary" onClick={onDone} autoFocus={focusDone}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
