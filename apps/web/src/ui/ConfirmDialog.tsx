import type { ReactNode } from 'react';
import { Button } from './Button.tsx';
import { Dialog, DialogBody, DialogFooter } from './Dialog.tsx';
import { useDialogAlert } from './dialog-alerts.ts';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" for actions that cannot be undone from the same screen. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} role="alertdialog">
      <DialogBody>
        <div className="confirm-text">{children}</div>
      </DialogBody>
      <ConfirmFooter confirmLabel={confirmLabel} pending={pending} onConfirm={onConfirm} onClose={onClose} />
    </Dialog>
  );
}

/** Inside the dialog, so a new attempt clears the refusal shown from the last one. */
function ConfirmFooter({
  confirmLabel,
  pending,
  onConfirm,
  onClose,
}: Pick<ConfirmDialogProps, 'confirmLabel' | 'pending' | 'onConfirm' | 'onClose'>) {
  const { clear } = useDialogAlert();
  return (
    <DialogFooter>
      <Button onClick={onClose}>Cancel</Button>
      <Button
        variant="danger"
        pending={pending}
        onClick={() => {
          clear();
          onConfirm();
        }}
        autoFocus
      >
        {confirmLabel}
      </Button>
    </DialogFooter>
  );
}
