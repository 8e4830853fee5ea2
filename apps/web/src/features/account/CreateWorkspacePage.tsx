import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate } from 'react-router';
import { toast } from 'sonner';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { Field } from '../../ui/Field.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { AuthForm } from './AuthForm.tsx';
import { AuthCard } from './AuthLayout.tsx';
import { slugify, WorkspaceValues } from './account-forms.ts';
import { showAuthError } from './auth-form.ts';
import { roleLabel } from './roles.ts';
import { useMeQuery } from './use-account.ts';
import { useSignOut, useSwitchWorkspace } from './use-session-actions.ts';

/**
 * A new workspace, made by better-auth's organization.create: its creator becomes the owner and it
 * becomes the active workspace. New accounts land here; so does anyone whose workspace is gone.
 */
export default function CreateWorkspacePage() {
  const me = useMeQuery();
  if (me.isError && readServerError(me.error).code === 'UNAUTHORIZED') {
    return <Navigate to="/sign-in?next=%2Fworkspaces%2Fnew" replace />;
  }
  if (me.isError)
    return (
      <ErrorState
        error={me.error}
        title="Could not load your account"
        onRetry={() => void me.refetch()}
        retrying={me.isFetching}
      />
    );
  if (!me.data) return <LoadingState label="Loading your account" />;
  const { workspaces, active_workspace } = me.data;
  return (
    <>
      <AuthCard
        title={workspaces.length === 0 ? 'Create your workspace' : 'Create a workspace'}
        description="A workspace holds your team’s templates, interviewers and participants. You will be its owner and can invite others."
        footer={active_workspace ? <Link to="/">Back to {active_workspace.name}</Link> : <SignOutLink />}
      >
        <CreateWorkspaceForm />
      </AuthCard>
      {!active_workspace && workspaces.length > 0 && <YourWorkspaces workspaces={workspaces} />}
    </>
  );
}

function CreateWorkspaceForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const form = useForm({ resolver: zodResolver(WorkspaceValues), defaultValues: { name: '', slug: '' } });
  const {
    register,
    watch,
    setValue,
    formState: { errors, dirtyFields },
  } = form;

  // The slug follows the name until it is edited by hand.
  const name = watch('name');
  useEffect(() => {
    if (!dirtyFields.slug) setValue('slug', slugify(name));
  }, [name, dirtyFields.slug, setValue]);

  const create = useMutation({
    mutationFn: (values: WorkspaceValues) => unwrapAuth(authClient.organization.create(values)),
    onSuccess: async (workspace) => {
      // The account first (now with its active workspace), so the shell's guard lets us in.
      await queryClient.invalidateQueries();
      toast.success(`Created ${workspace?.name ?? 'the workspace'}`);
      navigate('/', { replace: true });
    },
    onError: (error) => setFormError(showAuthError(form, error)),
  });

  return (
    <AuthForm
      form={form}
      onSubmit={(values) => {
        setFormError(undefined);
        create.mutate(values);
      }}
      formError={formError}
      pending={create.isPending}
      submitLabel="Create workspace"
    >
      <Field label="Workspace name" error={errors.name?.message} hint="Your team or organisation, e.g. Acme Hiring.">
        {(p) => <input {...p} type="text" autoComplete="organization" {...register('name')} />}
      </Field>
      <Field label="Slug" error={errors.slug?.message} hint="A short unique name used in scripts and the CLI.">
        {(p) => <input {...p} type="text" spellCheck={false} {...register('slug')} />}
      </Field>
    </AuthForm>
  );
}

/** Someone removed from their active workspace picks one of their others instead. */
function YourWorkspaces({ workspaces }: { workspaces: ReadonlyArray<{ id: string; name: string; role: string }> }) {
  const switchTo = useSwitchWorkspace();
  return (
    <section className="auth-card" aria-labelledby="your-workspaces">
      <h2 id="your-workspaces" className="section-title">
        Or open one of your workspaces
      </h2>
      <ul className="workspace-choices">
        {workspaces.map((w) => (
          <li key={w.id}>
            <span>
              {w.name} <span className="muted">· {roleLabel(w.role)}</span>
            </span>
            <Button
              size="sm"
              pending={switchTo.isPending && switchTo.variables?.id === w.id}
              onClick={() => switchTo.mutate(w)}
            >
              Open
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignOutLink() {
  const signOut = useSignOut();
  return (
    <>
      Not you?{' '}
      <button type="button" className="link-button" onClick={() => signOut.mutate({})}>
        Sign out
      </button>
    </>
  );
}
