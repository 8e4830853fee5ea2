import { Link } from 'react-router';
import { CopyField } from '../../ui/CopyField.tsx';
import { DialogDone } from '../../ui/Dialog.tsx';

/** A new signing secret, the one time it can be seen: copy it, and what it is for. */
export function SecretShown({
  secret,
  url,
  note,
  onDone,
}: {
  secret: string;
  url: string;
  note?: string;
  onDone: () => void;
}) {
  return (
    <DialogDone onDone={onDone}>
      <div className="banner banner-warning" role="status">
        <p className="banner-title">Copy this secret now: you won't see it again.</p>
        Your receiver needs it to check that webhooks come from Stageflow. If it is lost, rotate the secret.
      </div>
      {note && <p className="confirm-text">{note}</p>}
      <CopyField value={secret} label={`Signing secret for ${url}`} copyLabel="Copy secret" />
      <p className="field-hint">
        Every webhook carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code>{' '}
        headers (Standard Webhooks): verify them with this secret, for example with the <code>standardwebhooks</code>{' '}
        package. The <Link to="/developer/api-docs">API docs</Link> describe each event.
      </p>
    </DialogDone>
  );
}
