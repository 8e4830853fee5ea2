import { readServerError } from '../lib/server-errors.ts';
import { Button } from './Button.tsx';

/** A query that failed: the server's words and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title = 'Could not load this',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { message } = readServerError(error);
  return (
    <div className="error-state" role="alert">
      <h2 className="error-state-title">{title}</h2>
      <p>{message}</p>
      {onRetry && <Button onClick={onRetry}>Try again</Button>}
    </div>
  );
}
