import { UpdateInterviewerModelInput } from '@stageflow/domain';
import { useState } from 'react';
import { type Path, type UseFormReturn, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { showRefusal, useServerError } from '../../app/use-server-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Field } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { Section } from '../../ui/Section.tsx';
import { useAccount, useCan } from '../account/use-account.ts';
import {
  formValuesOf,
  type InterviewerModelFormValues,
  type InterviewerModelSettings,
  type InterviewerModelTestResult,
  initialKeyAction,
  inUseSentence,
  type KeyAction,
  testOutcome,
  updateInputOf,
} from './interviewer-model-form.ts';
import './settings.css';

/**
 * Settings → Interviewer model: the OpenAI-compatible model the workspace's AI interviews run on
 * (docs/rules.md#interviewer-model). Owners and admins set the address, the model and the key,
 * which is write-only here: once saved, the page only knows that there is one.
 */
export default function InterviewerModelPage() {
  const canManage = useCan('admin');
  const { active_workspace } = useAccount();
  const workspaceName = active_workspace?.name ?? 'this workspace';
  return (
    <>
      <PageHeader
        title="Interviewer model"
        description={
          <>
            The language model that runs AI interviews in {workspaceName}: any OpenAI-compatible chat endpoint, such as
            a local Ollama, vLLM or LM Studio, or a hosted provider.
          </>
        }
      />
      {canManage ? (
        <InterviewerModelSettingsView />
      ) : (
        <EmptyState title="The interviewer model is managed by admins">
          Owners and admins of {workspaceName} choose the model that runs AI interviews and test its connection.
        </EmptyState>
      )}
    </>
  );
}

function InterviewerModelSettingsView() {
  const query = trpc.interviewerModel.get.useQuery();
  return (
    <QueryGate query={query} loading="Loading the interviewer model">
      {(settings) => (
        <div className="stack-lg">
          {/* Both start afresh once the saved setting changes: the form from what was saved, the test result empty. */}
          <InUse key={`in-use-${settings.workspace?.updated_at ?? 'none'}`} settings={settings} />
          <ModelForm key={`form-${settings.workspace?.updated_at ?? 'none'}`} settings={settings} />
        </div>
      )}
    </QueryGate>
  );
}

/** Where interviews run now, and the connection test of that model. */
function InUse({ settings }: { settings: InterviewerModelSettings }) {
  const [result, setResult] = useState<InterviewerModelTestResult>();
  const test = trpc.interviewerModel.test.useMutation({
    onMutate: () => setResult(undefined),
    onSuccess: setResult,
    onError: (error) => toast.error(readServerError(error).message),
  });
  const outcome = result && testOutcome(result);
  const source = {
    workspace: { label: 'This workspace', tone: 'info' },
    environment: { label: 'Server default', tone: 'neutral' },
    none: { label: 'Not set up', tone: 'warning' },
  } as const;

  return (
    <Section
      title="In use"
      description={inUseSentence(settings)}
      actions={
        settings.source !== 'none' && (
          <Button onClick={() => test.mutate()} pending={test.isPending}>
            Test connection
          </Button>
        )
      }
    >
      <dl className="model-facts">
        <div>
          <dt>Source</dt>
          <dd>
            <Badge tone={source[settings.source].tone}>{source[settings.source].label}</Badge>
          </dd>
        </div>
        {settings.base_url && (
          <div>
            <dt>Base URL</dt>
            <dd>
              <code>{settings.base_url}</code>
            </dd>
          </div>
        )}
        {settings.model && (
          <div>
            <dt>Model</dt>
            <dd>
              <code>{settings.model}</code>
            </dd>
          </div>
        )}
        {settings.source !== 'none' && (
          <div>
            <dt>API key</dt>
            <dd>{settings.has_api_key ? 'Saved (never shown)' : 'None'}</dd>
          </div>
        )}
        {settings.workspace && (
          <div>
            <dt>Saved</dt>
            <dd>{formatDateTime(settings.workspace.updated_at)}</dd>
          </div>
        )}
      </dl>
      {test.isPending && (
        <p className="muted" role="status">
          Sending a short test prompt…
        </p>
      )}
      {outcome &&
        (outcome.ok ? (
          <div className="banner banner-success model-test-result" role="status">
            {outcome.text}
          </div>
        ) : (
          <div className="banner banner-danger model-test-result" role="alert">
            <span className="banner-title">The test failed.</span> {outcome.text}
          </div>
        ))}
    </Section>
  );
}

/** The workspace's own model: address, model name, and the write-only key. */
function ModelForm({ settings }: { settings: InterviewerModelSettings }) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const [keyAction, setKeyAction] = useState<KeyAction>(initialKeyAction(settings));
  const [resetting, setResetting] = useState(false);
  const form = useForm<InterviewerModelFormValues>({ defaultValues: formValuesOf(settings) });
  const {
    register,
    formState: { errors },
  } = form;
  const saved = (next: InterviewerModelSettings, message: string) => {
    utils.interviewerModel.get.setData(undefined, next);
    toast.success(message);
  };
  const update = trpc.interviewerModel.update.useMutation({
    onSuccess: (next) => saved(next, 'Interviewer model saved'),
    onError: (error) => showError(error, form),
  });
  const reset = trpc.interviewerModel.reset.useMutation({
    onSuccess: (next) => {
      setResetting(false);
      saved(next, next.source === 'environment' ? "Using the server's default model" : 'Interviewer model removed');
    },
    onError: (error) => showRefusal(readServerError(error).message),
  });

  /** The same rules as the server's, so both refuse with the same words beside the same field. */
  const submit = form.handleSubmit((values) => {
    const input = updateInputOf(values, keyAction);
    const parsed = UpdateInterviewerModelInput.safeParse(input);
    if (!parsed.success) {
      parsed.error.issues.forEach((issue, i) => {
        const field = issue.path[0];
        if (field === 'base_url' || field === 'model' || field === 'api_key') {
          form.setError(
            field as Path<InterviewerModelFormValues>,
            { message: issue.message },
            { shouldFocus: i === 0 },
          );
        }
      });
      return;
    }
    update.mutate(input);
  });

  const environment = settings.environment;
  return (
    <Section
      title="This workspace's model"
      description={
        environment
          ? `Set one to use your own instead of the server's default (${environment.model}).`
          : 'The address of your model server and the model to use. Save, then test the connection.'
      }
    >
      <form noValidate onSubmit={submit} className="stack-md">
        <div className="form-grid">
          <Field
            label="Base URL"
            error={errors.base_url?.message}
            hint="Usually ends in /v1: http://localhost:11434/v1 for Ollama, http://localhost:1234/v1 for LM Studio."
          >
            {(p) => (
              <input
                {...p}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="http://localhost:11434/v1"
                {...register('base_url')}
              />
            )}
          </Field>
          <Field
            label="Model"
            error={errors.model?.message}
            hint="As the server names it, e.g. llama3.1:8b or gpt-4o-mini."
          >
            {(p) => (
              <input {...p} autoComplete="off" spellCheck={false} placeholder="llama3.1:8b" {...register('model')} />
            )}
          </Field>
          <KeyField
            form={form}
            action={keyAction}
            onAction={setKeyAction}
            saved={settings.workspace?.has_api_key ?? false}
          />
        </div>
        <div className="model-form-actions">
          <Button type="submit" variant="primary" pending={update.isPending}>
            Save
          </Button>
          {settings.workspace && (
            <Button variant="ghost" className="text-danger" onClick={() => setResetting(true)}>
              {environment ? "Use the server's default" : 'Remove'}
            </Button>
          )}
          {form.formState.isDirty || keyAction === 'replace' || keyAction === 'remove' ? (
            <span className="muted">Test connection tests the saved settings: save your changes first.</span>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={resetting}
        title={environment ? "Use the server's default model" : 'Remove the interviewer model'}
        confirmLabel={environment ? "Use the server's default" : 'Remove model'}
        pending={reset.isPending}
        onConfirm={() => reset.mutate()}
        onClose={() => setResetting(false)}
      >
        This workspace's model and its saved key are deleted.{' '}
        {environment
          ? `Interviews run on the server's default (${environment.model}) from now on.`
          : "AI interviews can't run until a model is set up again."}
      </ConfirmDialog>
    </Section>
  );
}

/**
 * The key is write-only: a saved one is never sent to the page. "A key is saved", with Replace
 * (type a new one) and Remove (delete it on Save); otherwise a password field.
 */
function KeyField({
  form,
  action,
  onAction,
  saved,
}: {
  form: UseFormReturn<InterviewerModelFormValues>;
  action: KeyAction;
  onAction: (action: KeyAction) => void;
  saved: boolean;
}) {
  const error = form.formState.errors.api_key?.message;
  const choose = (next: KeyAction) => {
    form.setValue('api_key', '');
    form.clearErrors('api_key');
    onAction(next);
  };
  if (saved && action !== 'replace') {
    // No control to label here: a group named "API key", with the error beside it.
    return (
      <fieldset className={`field saved-key-field${error ? ' field-invalid' : ''}`}>
        <legend className="field-label">API key</legend>
        <div className="saved-key">
          {action === 'remove' ? (
            <>
              <span>The saved key is removed when you save.</span>
              <Button size="sm" variant="ghost" onClick={() => choose('keep')}>
                Keep it
              </Button>
            </>
          ) : (
            <>
              <span>A key is saved.</span>
              <Button size="sm" onClick={() => choose('replace')}>
                Replace
              </Button>
              <Button size="sm" variant="ghost" className="text-danger" onClick={() => choose('remove')}>
                Remove
              </Button>
            </>
          )}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    );
  }
  return (
    <Field
      label={saved ? 'New API key' : 'API key'}
      optional={!saved}
      error={error}
      hint={
        saved ? (
          <>
            Replaces the saved key when you save.{' '}
            <button type="button" className="link-button" onClick={() => choose('keep')}>
              Keep the saved key
            </button>
          </>
        ) : (
          'Stored encrypted and never shown again. Leave empty for servers that need no key, such as a local Ollama.'
        )
      }
    >
      {(p) => (
        <input {...p} type="password" autoComplete="new-password" spellCheck={false} {...form.register('api_key')} />
      )}
    </Field>
  );
}
