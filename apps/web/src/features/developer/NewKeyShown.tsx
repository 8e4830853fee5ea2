import type { ReactNode } from 'react';
import { CopyField } from '../../ui/CopyField.tsx';
import { DialogDone } from '../../ui/Dialog.tsx';

/** A new key, the one time it can be seen: copy it, and how to use it. */
export function NewKeyShown({
  name,
  secret,
  note,
  onDone,
}: {
  name: string;
  secret: string;
  note?: ReactNode;
  onDone: () => void;
}) {
  return (
    <DialogDone onDone={onDone}>
      <div className="banner banner-warning new-key-warning" role="status">
        <p className="banner-title">Copy this key now: you won't see it again.</p>
        Stageflow keeps only a fingerprint of it. If it is lost, roll the key or create another.
      </div>
      {note && <p className="confirm-text">{note}</p>}
      <CopyField value={secret} label={`New API key for ${name}`} copyLabel="Copy key" />
      <p className="field-hint">
        Scripts send it in the <code>x-api-key</code> header, e.g.{' '}
        <code>{`curl -H "x-api-key: $STAGEFLOW_API_KEY" ${window.location.origin}/api/v1/evaluation-templates`}</code>
      </p>
    </DialogDone>
  );
}
