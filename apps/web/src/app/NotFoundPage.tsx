import { NotFoundState } from '../ui/EmptyState.tsx';
import { usePageTitle } from '../ui/page-title.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <NotFoundState title="This page does not exist" back={{ to: '/templates', label: 'Go to Evaluation Templates' }}>
      The link may be old, or the address mistyped.
    </NotFoundState>
  );
}
