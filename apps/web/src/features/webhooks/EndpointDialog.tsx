import { CreateWebhookEndpointInput, type WebhookEventType } from '@stageflow/domain';
import { useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { Field, FieldError } from '../../ui/Field.tsx';
import { SecretShown } from './SecretShown.tsx';
import { EVENT_TYPE_GROUPS, type WebhookEndpoint } from './webhooks.ts';

interface Values {
  url: string;
  description: string;
  /** Empty means every type. */
  event_types: WebhookEventType[];
  onlySome: boolean;
}

/**
 * Add an endpoint (then its secret, shown this once), or edit one: its URL, a description and the
 * events it receives. The same schema as the API checks the form.
 */
export function EndpointDialog({
  open,
  endpoint,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The endpoint to edit; none to add one. */
  endpoint?: WebhookEndpoint | undefined;
  onClose: () => void;
  onCreated?: (endpoint: WebhookEndpoint) => void;
}) {
  const [created, setCreated] = useState<{ endpoint: WebhookEndpoint; secret: string }>();
  const close = () => {
    if (created) onCreated?.(created.endpoint);
    setCreated(undefined);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? 'Your signing secret' : endpoint ? 'Edit endpoint' : 'Add endpoint'}
      description={created || endpoint ? undefined : 'Stageflow POSTs the events you choose to this URL, signed.'}
      size="lg"
    >
      {created ? (
        <SecretShown secret={created.secret} url={created.endpoint.url} onDone={close} />
      ) : (
        <EndpointForm endpoint={endpoint} onClose={close} onCreated={setCreated} />
      )}
    </Dialog>
  );
}

function EndpointForm({
  endpoint,
  onClose,
  onCreated,
}: {
  endpoint: WebhookEndpoint | undefined;
  onClose: () => void;
  onCreated: (created: { endpoint: WebhookEndpoint; secret: string }) => void;
}) {
  const utils = trpc.useUtils();
  const [values, setValues] = useState<Values>({
    url: endpoint?.url ?? '',
    description: endpoint?.description ?? '',
    event_types: endpoint?.event_types ?? [],
    onlySome: (endpoint?.event_types.length ?? 0) > 0,
  });
  const [errors, setErrors] = useState<Partial<Record<'url' | 'description' | 'event_types' | 'form', string>>>({});
  const fail = (error: unknown) => {
    const { message, issues } = readServerError(error);
    const byField = Object.fromEntries(issues.map((i) => [String(i.path[0]), i.message]));
    setErrors(Object.keys(byField).length > 0 ? byField : { form: message });
  };
  const saved = async () => {
    await utils.webhooks.list.invalidate();
    if (endpoint) await utils.webhooks.byId.invalidate({ id: endpoint.id });
  };
  const create = trpc.webhooks.create.useMutation({
    onSuccess: async (answer) => {
      await saved();
      onCreated(answer);
    },
    onError: fail,
  });
  const update = trpc.webhooks.update.useMutation({
    onSuccess: async () => {
      await saved();
      onClose();
    },
    onError: fail,
  });

  const submit = () => {
    const input = {
      url: values.url,
      description: values.description,
      event_types: values.onlySome ? values.event_types : [],
    };
    const checked = CreateWebhookEndpointInput.safeParse(input);
    const problems: typeof errors = {};
    for (const issue of checked.error?.issues ?? []) problems[issue.path[0] as 'url'] ??= issue.message;
    if (values.onlySome && values.event_types.length === 0) problems.event_types = 'choose at least one event';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (endpoint) update.mutate({ id: endpoint.id, ...input });
    else create.mutate(input);
  };
  const toggle = (type: WebhookEventType, on: boolean) =>
    setValues((v) => ({ ...v, event_types: on ? [...v.event_types, type] : v.event_types.filter((t) => t !== type) }));

  return (
    <DialogForm
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onCancel={onClose}
      submitLabel={endpoint ? 'Save' : 'Add endpoint'}
      pending={create.isPending || update.isPending}
    >
      {errors.form && <p className="banner banner-danger">{errors.form}</p>}
      <Field label="Endpoint URL" error={errors.url} hint="An https:// address your system receives webhooks at.">
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://example.com/webhooks/stageflow"
            value={values.url}
            onChange={(e) => setValues((v) => ({ ...v, url: e.target.value }))}
          />
        )}
      </Field>
      <Field label="Description" optional error={errors.description} hint="What receives them, e.g. “ATS sync”.">
        {(p) => (
          <input
            {...p}
            type="text"
            autoComplete="off"
            value={values.description}
            onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
          />
        )}
      </Field>
      <fieldset className="webhook-events">
        <legend className="field-label">Events</legend>
        <label className="checkbox-row">
          <input
            type="radio"
            name="event-scope"
            checked={!values.onlySome}
            onChange={() => setValues((v) => ({ ...v, onlySome: false }))}
          />
          All events, including types added later
        </label>
        <label className="checkbox-row">
          <input
            type="radio"
            name="event-scope"
            checked={values.onlySome}
            onChange={() => setValues((v) => ({ ...v, onlySome: true }))}
          />
          Only the events I choose
        </label>
        {values.onlySome && (
          <div className="webhook-event-groups">
            {EVENT_TYPE_GROUPS.map((group) => (
              <fieldset key={group.label} className="webhook-event-group">
                <legend>{group.label}</legend>
                {group.types.map((type) => (
                  <label key={type} className="checkbox-row">
                    <input
                      type="checkbox"
                      checked={values.event_types.includes(type)}
                      onChange={(e) => toggle(type, e.target.checked)}
                    />
                    <code>{type}</code>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        )}
        <FieldError message={errors.event_types} />
      </fieldset>
    </DialogForm>
  );
}
