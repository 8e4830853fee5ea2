import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { safeNextPath, withNext } from '../../lib/next-path.ts';
import { Field } from '../../ui/Field.tsx';
import { AuthForm } from './AuthForm.tsx';
import { AuthCard } from './AuthLayout.tsx';
import { SignInValues } from './account-forms.ts';
import { showAuthError } from './auth-form.ts';
import { useMeQuery } from './use-account.ts';

export default function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const demo = useDemoAccount();
  const [formError, setFormError] = useState<string>();
  const form = useForm({ resolver: zodResolver(SignInValues), defaultValues: { email: '', password: '' } });
  const {
    register,
    formState: { errors },
  } = form;
  const signIn = useMutation({
    mutationFn: (values: SignInValues) => unwrapAuth(authClient.signIn.email(values)),
    onSuccess: () => {
      // Nothing cached from before (a 401, another account's data) may show after signing in.
      queryClient.clear();
      navigate(next, { replace: true });
    },
    onError: (error) => setFormError(showAuthError(form, error)),
  });

  // Already signed in (not just remembered from before a 401): straight on.
  if (me.isSuccess && !signIn.isPending) return <Navigate to={next} replace />;

  return (
    <AuthCard
      title="Sign in to Stageflow"
      description={
        next.startsWith('/invite/')
          ? 'Sign in with the address your invitation was sent to, to see it and join.'
          : 'Build evaluation pipelines, follow participants and decide together.'
      }
      footer={
        <>
          New to Stageflow? <Link to={withNext('/sign-up', next)}>Create an account</Link>
        </>
      }
    >
      <AuthForm
        form={form}
        onSubmit={(values) => {
          setFormError(undefined);
          signIn.mutate(values);
        }}
        formError={formError}
        pending={signIn.isPending}
        submitLabel="Sign in"
      >
        <Field label="Email" error={errors.email?.message}>
          {(p) => <input {...p} type="email" autoComplete="email" {...register('email')} />}
        </Field>
        <Field label="Password" error={errors.password?.message}>
          {(p) => <input {...p} type="password" autoComplete="current-password" {...register('password')} />}
        </Field>
      </AuthForm>
      {demo.data && (
        <p className="auth-hint">
          Trying it out? <code>{demo.data.email}</code> / <code>{demo.data.password}</code>
        </p>
      )}
    </AuthCard>
  );
}

/** The demo account, when this server has one: a public server without demo data offers none. */
function useDemoAccount() {
  return useQuery({
    queryKey: ['demo-account'],
    queryFn: async (): Promise<{ email: string; password: string } | null> => {
      const res = await fetch('/api/demo-account');
      return res.ok ? res.json() : null;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
