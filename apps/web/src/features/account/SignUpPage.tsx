import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { safeNextPath, withNext } from '../../lib/next-path.ts';
import { Field } from '../../ui/Field.tsx';
import { AuthForm } from './AuthForm.tsx';
import { AuthCard } from './AuthLayout.tsx';
import { SignUpValues } from './account-forms.ts';
import { showAuthError } from './auth-form.ts';

export default function SignUpPage() {
  const [params] = useSearchParams();
  const next = params.get('next') ? safeNextPath(params.get('next')) : undefined;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const form = useForm({
    resolver: zodResolver(SignUpValues),
    defaultValues: { name: '', email: '', password: '' },
  });
  const {
    register,
    formState: { errors },
  } = form;
  const signUp = useMutation({
    mutationFn: (values: SignUpValues) => unwrapAuth(authClient.signUp.email(values)),
    onSuccess: () => {
      queryClient.clear();
      // Signed in at once. Someone following an invite goes back to it; anyone else starts a workspace.
      navigate(next ?? '/workspaces/new', { replace: true });
    },
    onError: (error) => setFormError(showAuthError(form, error)),
  });

  return (
    <AuthCard
      title="Create your account"
      description={
        next?.startsWith('/invite/')
          ? 'Use the address your invitation was sent to; you join the workspace next.'
          : 'Then create a workspace for your team, or join one with an invite link.'
      }
      footer={
        <>
          Already have an account? <Link to={withNext('/sign-in', next)}>Sign in</Link>
        </>
      }
    >
      <AuthForm
        form={form}
        onSubmit={(values) => {
          setFormError(undefined);
          signUp.mutate(values);
        }}
        formError={formError}
        pending={signUp.isPending}
        submitLabel="Create account"
      >
        <Field label="Name" error={errors.name?.message}>
          {(p) => <input {...p} type="text" autoComplete="name" {...register('name')} />}
        </Field>
        <Field label="Email" error={errors.email?.message}>
          {(p) => <input {...p} type="email" autoComplete="email" {...register('email')} />}
        </Field>
        <Field
          label="Password"
          error={errors.password?.message}
          hint="At least 10 characters, and not one of the most common passwords."
        >
          {(p) => <input {...p} type="password" autoComplete="new-password" {...register('password')} />}
        </Field>
      </AuthForm>
    </AuthCard>
  );
}
