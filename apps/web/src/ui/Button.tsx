import type { ButtonHTMLAttributes } from 'react';
import { Link, type LinkProps } from 'react-router';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/** Class names for anything that should look like a button, e.g. a router Link. */
export const buttonClass = (variant: ButtonVariant = 'secondary', size: 'md' | 'sm' = 'md') =>
  `button button-${variant}${size === 'sm' ? ' button-sm' : ''}`;

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  /** Shows a spinner and blocks clicks while a request is in flight. */
  pending?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  pending = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={`${buttonClass(variant, size)}${className ? ` ${className}` : ''}`}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
    >
      {pending && <span className="spinner spinner-inline" aria-hidden="true" />}
      {children}
    </button>
  );
}

/** A link to a page of the app that looks like a button. */
export function LinkButton({
  variant = 'secondary',
  size = 'md',
  className,
  ...link
}: LinkProps & { variant?: ButtonVariant; size?: 'md' | 'sm' }) {
  return <Link {...link} className={`${buttonClass(variant, size)}${className ? ` ${className}` : ''}`} />;
}
