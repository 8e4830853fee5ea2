import { Link, useParams } from 'react-router';
import { trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { STATUS_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { StatusBadge } from '../../ui/Badge.tsx';
import { buttonClass } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useCan } from '../account/use-account.ts';
import { StagesSection } from '../stages/StagesSection.tsx';
import { TemplateActions } from './TemplateActions.tsx';
import { TemplateOverview } from './TemplateOverview.tsx';

export default function TemplatePage() {
  const { templateId = '' } = useParams();
  const query = trpc.templates.byId.useQuery({ id: templateId });
  const canEdit = useCan('admin');

  if (query.isPending) return <LoadingState label="Loading template" />;
  if (query.isError) {
    const { code } = readServerError(query.error);
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
      return (
        <EmptyState
          title="Template not found"
          action={
            <Link className={buttonClass('primary')} to="/templates">
              Back to Evaluation Templates
            </Link>
          }
        >
          It may have been deleted, or the link is wrong. Pick a template from the list.
        </EmptyState>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }

  const { stages, ...template } = query.data;
  return (
    <>
      <PageHeader
        title={template.template_name}
        meta={<StatusBadge status={template.status} label={STATUS_LABELS[template.status]} />}
        description={`${USE_CASE_LABELS[template.use_case]} · ${plural(stages.length, 'stage')}`}
        actions={
          <>
            <Link className={buttonClass('secondary')} to={`/templates/${template.id}/board`}>
              Participants board
            </Link>
            {canEdit && <TemplateActions template={template} />}
          </>
        }
      />
      <div className="stack-lg">
        <StagesSection template={template} stages={stages} readOnly={!canEdit} />
        <TemplateOverview template={template} />
      </div>
    </>
  );
}
