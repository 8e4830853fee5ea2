import { NotFoundState } from '../../ui/EmptyState.tsx';

/** The template page and its board, when the template in the link is not there. */
export function TemplateNotFound() {
  return (
    <NotFoundState title="Template not found" back={{ to: '/templates', label: 'Back to Evaluation Templates' }}>
      It may have been deleted, or the link is wrong. Pick a template from the list.
    </NotFoundState>
  );
}
