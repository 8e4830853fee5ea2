import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState.tsx';

export function NotFoundPage() {
  return (
    <EmptyState
      title="This page does not exist"
      action={
        <Link className="button button-primary" to="/templates">
          Go to Evaluation Templates
        </Link>
      }
    >
      The link may be old, or the address mistyped.
    </EmptyState>
  );
}
