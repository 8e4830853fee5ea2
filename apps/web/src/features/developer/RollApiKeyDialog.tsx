import { DEFAULT_ROLL_GRACE_HOURS } from '@stageflow/domain';
import { useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { type ApiKey, GRACE_PERIODS } from './api-keys.ts';
import { NewKeyShown } from './NewKeyShown.tsx';

interface Rolled {
  secret: string;
  /** When the old key stops working, or null when it already has. */
  oldUntil: string | null;
}

/**
 * Rolling: a new key with the same name and scopes, while the old one keeps working for a while
 * so scripts can switch over. The new key is shown once.
 */
export function RollApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | undefined; onClose: () => void }) {
  const [rolled, setRolled] = useState<Rolled>();
  const close = () => {
    setRolled(undefined);
    onClose();
  };
  return (
    <Dialog open={apiKey !== undefined} onClose={close} title={rolled ? 'Your new API key' : 'Roll API key'}>
      {apiKey &&
        (rolled ? (
          <NewKeyShown
            name={apiKey.name}
            secret={rolled.secret}
            note={
              rolled.oldUntil ? (
                <>
                  The old key <code>{apiKey.prefix}…</code> keeps working until{' '}
                  <strong>{formatDateTime(rolled.oldUntil)}</strong>. Put the new key in your scripts before then.
                </>
              ) : (
                <>
                  The old key <code>{apiKey.prefix}…</code> has stopped working.
                </>
              )
            }
            onDone={close}
          />
        ) : (
          <RollForm apiKey={apiKey} onClose={close} onRolled={setRolled} />
        ))}
    </Dialog>
  );
}

function RollForm({
  apiKey,
  onClose,
  onRolled,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onRolled: (rolled: Rolled) => void;
}) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_ROLL_GRACE_HOURS);
  const roll = trpc.apiKeys.roll.useMutation({
    onSuccess: async ({ key, previous }) => {
      onRolled({ secret: key, oldUntil: previous.status === 'expiring' ? previous.expires_at : null });
      await utils.apiKeys.list.invalidate();
    },
    onError: (error) => showError(error),
  });

  return (
    <DialogForm
      onSubmit={(event) => {
        event.preventDefault();
        roll.mutate({ id: apiKey.id, grace_hours: graceHours });
      }}
      onCancel={onClose}
      submitLabel="Roll key"
      pending={roll.isPending}
    >
      <p className="confirm-text">
        You get a new key for <strong>{apiKey.name}</strong> with the same scopes. Scripts still using{' '}
        <code>{apiKey.prefix}…</code> keep working for the time you choose, so you can switch them over without
        downtime.
      </p>
      <SelectField
        label="The old key keeps working for"
        value={graceHours}
        onChange={(event) => setGraceHours(Number(event.target.value))}
        options={GRACE_PERIODS.map((period) => ({ value: period.hours, label: period.label }))}
      />
    </DialogForm>
  );
}
