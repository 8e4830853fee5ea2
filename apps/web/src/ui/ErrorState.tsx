import { readServerError } from '../lib/server-errors.ts';
import { Button } from './Button.tsx';

interface ErrorStateProps {
  error: unknown;
  /** Asks again (a query's refetch); the button spins while `retrying`. */
  onRetry?: (() => void) | undefined;
  retrying?: boolean | undefined;
  /** What could not be loaded, as a heading: "Could not load the stages". */
  title?: string | undefined;
  /** Smaller, for a part of a page (a section) rather than the page itself. */
  compact?: boolean | undefined;
}

/**
 * A query that failed, the same way on every page: what could not be loaded, what happened in plain
 * words (readServerError), and Retry.
 */
export function ErrorState({ error, onRetry, retrying, title = 'Could not load this', compact }: ErrorStateProps) {
  const { message } = readServerError(error);
  const Heading = compact ? 'h3' : 'h2';
  return (
    <div className={`error-state${compact ? ' error-state-compact' : ''}`} role="alert">
      <Heading className="error-state-title">{title}</Heading>
      <p>{message}</p>
      {onRetry && (
        <Button onClick={onRetry} pending={retrying}>
          Retry
        </Button>
      )}
    </div>
  );
}
