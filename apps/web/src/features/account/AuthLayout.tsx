import { type ReactNode, Suspense } from 'react';
import { Outlet } from 'react-router';
import { BrandMark } from '../../ui/BrandMark.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { usePageTitle } from '../../ui/page-title.ts';

/** Pages outside the app shell (sign-in, sign-up, invitations, a first workspace): one card, centred. */
export function AuthLayout() {
  return (
    <main className="auth-page" id="main">
      <div className="auth-brand" aria-hidden="true">
        <BrandMark />
        Stageflow
      </div>
      <Suspense fallback={<LoadingState label="Loading page" />}>
        <Outlet />
      </Suspense>
    </main>
  );
}

/** The card a public page sits in: a heading, a line about it, then its content. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <section className="auth-card" aria-labelledby="auth-card-title">
      <h1 id="auth-card-title" className="auth-title">
        {title}
      </h1>
      {description && <p className="auth-description">{description}</p>}
      {children}
      {footer && <footer className="auth-footer">{footer}</footer>}
    </section>
  );
}

/** A form-level error: what the server said that belongs to no single field. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="banner banner-danger" role="alert">
      {message}
    </p>
  );
}
