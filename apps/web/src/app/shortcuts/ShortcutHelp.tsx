import { Fragment } from 'react';
import { Dialog, DialogBody } from '../../ui/Dialog.tsx';
import { SHORTCUT_LIST } from './keys.ts';

/** `?`: every shortcut and what it does. None fires while typing in a field. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="They work anywhere in the dashboard except while you type in a field."
    >
      <DialogBody>
        <dl className="shortcut-list">
          {SHORTCUT_LIST.map(({ keys, does }) => (
            <div key={does} className="shortcut-row">
              <dt>
                {keys.map((combo, i) => (
                  <Fragment key={combo.join('+')}>
                    {i > 0 && <span className="muted"> or </span>}
                    {combo.map((key, j) => (
                      <Fragment key={key}>
                        {j > 0 && <span className="muted">{combo[0] === 'g' ? ' then ' : ' + '}</span>}
                        <kbd>{key}</kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
      </DialogBody>
    </Dialog>
  );
}
