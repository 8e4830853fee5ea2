import { NotFoundState } from '../ui/EmptyState.tsx';

export function NotFoundPage() {
  return (
    <NotFoundState title="This page does not exist" back={{ to: '/templates', label: 'Go to Evaluation Templates' }}>
      The link may be old, or the address mistyped.
    </NotFoundState>
  );
}
